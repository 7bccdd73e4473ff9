import { randomBytes } from "node:crypto";
import { startDemoScimApp } from "../../../src/emulators/scim/demo-scim-app.js";
import type { ScimTestServer } from "./scim-test-server.js";

/**
 * The demo SCIM app (scimmy + express) behind the common test-server interface, with a random bearer token
 * unless a test needs a particular one (a short token that occurs inside JSON, say).
 */
export async function startScimmyTestServer(
  token = randomBytes(16).toString("hex"),
): Promise<ScimTestServer> {
  const app = await startDemoScimApp({ token });
  return {
    name: "scimmy",
    url: app.url,
    token,
    requestLog: app.requestLog,
    clearRequestLog: () => app.clearRequestLog(),
    users: async () => app.users(),
    groups: async () => app.groups(),
    close: () => app.close(),
  };
}
