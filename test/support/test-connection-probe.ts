import type { RecordedRequest } from "../../src/emulators/scim/request-log.js";

/** Entra's Test Connection query, which starts every cycle: a random GUID as the userName. */
export const isTestConnectionProbe = (r: RecordedRequest) =>
  r.method === "GET" &&
  r.path === "/Users" &&
  /^userName eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/.test(r.query.filter ?? "");
