import { startBetterAuthScim } from "./better-auth-scim.js";
import type { ScimTestServer } from "./scim-test-server.js";
import { startScimmyTestServer } from "./scimmy-test-server.js";

export { startBetterAuthScim } from "./better-auth-scim.js";
export type { RecordedRequest, ScimJson, ScimTestServer } from "./scim-test-server.js";
export { startScimmyTestServer } from "./scimmy-test-server.js";

/** Every independent SCIM server we test against, for `describe.each`. */
export const scimTestServers: readonly {
  readonly name: string;
  readonly start: () => Promise<ScimTestServer>;
}[] = [
  { name: "scimmy", start: startScimmyTestServer },
  { name: "better-auth", start: startBetterAuthScim },
];
