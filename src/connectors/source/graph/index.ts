export type { GraphSourceOptions } from "./create-graph-client.js";
export { createGraphSource } from "./graph-source.js";
