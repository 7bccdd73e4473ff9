import type { TargetConnector } from "../../src/domain/target.js";

const unused = (): never => {
  throw new Error("The overhead benchmark only prepares cycles; it never writes to the app");
};

/**
 * An app with no accounts, answered in memory: every match query misses, so an initial plan creates every
 * in-scope object, and the time measured is the engine's own (no HTTP, no JSON, no sockets).
 */
export const emptyMemoryTarget: TargetConnector = {
  query: async () => [],
  get: async () => null,
  create: unused,
  update: unused,
  updateMembers: unused,
  delete: unused,
  testConnection: async () => {},
};
