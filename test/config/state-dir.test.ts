import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";

const config = (state = "") => `
source:
  graph:
    tenantId: 11111111-1111-1111-1111-111111111111
    clientId: 22222222-2222-2222-2222-222222222222
    clientSecret: env:ENTRA_CLIENT_SECRET
    servicePrincipalId: 33333333-3333-3333-3333-333333333333
jobs:
  - name: app
    app: generic-scim
    target: { url: "https://scim.example.test/scim", token: "env:SCIM_TOKEN" }
${state}`;

/** Where the engine opens the state file for this config text at /conf/entra-sync.yaml, with `env`. */
function statePath(text: string, env: NodeJS.ProcessEnv): string {
  const result = parseConfig(text, "/conf/entra-sync.yaml", undefined, env);
  if (!result.ok) throw new Error(`Expected a valid config, got ${JSON.stringify(result.diagnostics)}`);
  return resolve(result.loaded.baseDir, result.loaded.config.state.path);
}

describe("the state file's place", () => {
  it("is next to the config when neither the file nor ENTRA_SYNC_STATE_DIR says otherwise", () => {
    expect(statePath(config(), {})).toBe("/conf/.entra-sync/state.db");
    expect(statePath(config(), { ENTRA_SYNC_STATE_DIR: "" })).toBe("/conf/.entra-sync/state.db");
  });

  it("is state.db in ENTRA_SYNC_STATE_DIR when the file names no state path (the container's /data)", () => {
    expect(statePath(config(), { ENTRA_SYNC_STATE_DIR: "/data" })).toBe("/data/state.db");
    expect(statePath(config("state: { logRetentionDays: 7 }"), { ENTRA_SYNC_STATE_DIR: "/data" })).toBe(
      "/data/state.db",
    );
  });

  it("takes a relative ENTRA_SYNC_STATE_DIR from the working directory, not the config's folder", () => {
    expect(statePath(config(), { ENTRA_SYNC_STATE_DIR: "var/state" })).toBe(resolve("var/state/state.db"));
  });

  it("is the file's own state.path when it names one, whatever the environment says", () => {
    const named = config("state: { path: app.db }");
    expect(statePath(named, { ENTRA_SYNC_STATE_DIR: "/data" })).toBe("/conf/app.db");
  });
});
