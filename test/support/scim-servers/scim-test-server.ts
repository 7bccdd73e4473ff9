import type { RecordedRequest } from "../../../src/emulators/scim/request-log.js";

export type { RecordedRequest };

/** A resource as a test server holds it, as plain JSON. */
export type ScimJson = Record<string, unknown> & { readonly id: string };

/**
 * A running SCIM server a test can provision into, whatever implementation backs it, so one scenario can
 * run against each (`scimTestServers`).
 */
export interface ScimTestServer {
  /** Short label for test titles: `scimmy`, `better-auth`. */
  readonly name: string;
  /** The tenant URL (no dialect flag). */
  readonly url: string;
  readonly token: string;
  /** Requests received, oldest first. Reading users()/groups() does not add to it. */
  readonly requestLog: readonly RecordedRequest[];
  clearRequestLog(): void;
  users(): Promise<ScimJson[]>;
  /** Groups with their members. */
  groups(): Promise<ScimJson[]>;
  close(): Promise<void>;
}
