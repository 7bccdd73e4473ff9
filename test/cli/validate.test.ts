import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInit } from "../../src/cli/commands/init.js";
import { runCli } from "../support/cli.js";
import { MINIMAL_CONFIG } from "../support/config-texts.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("validate");

/** The test runner's environment without the secrets the configs below reference. */
function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

function filledConfig(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "secrets"));
  writeFileSync(join(dir, "secrets", "scim-token"), "t0ken\n");
  const path = join(dir, "entra-sync.yaml");
  writeFileSync(path, MINIMAL_CONFIG);
  return path;
}

describe("entra-sync validate", () => {
  it("refuses the unfilled output of init, exit 1, naming each value to fill in", async () => {
    const out = join(tempDir(), "entra-sync.yaml");
    runInit({ app: "rfpio", out });
    const result = await runCli(
      ["validate", "-c", out],
      envWithout("ENTRA_CLIENT_SECRET", "RFPIO_SCIM_TOKEN"),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`${out}: 6 problem(s)`);
    expect(lines.slice(1).map((line) => line.trim().split(" ")[0])).toEqual([
      "source.graph.tenantId",
      "source.graph.clientId",
      "source.graph.clientSecret",
      "source.graph.servicePrincipalId",
      "jobs[0].target.url",
      "jobs[0].target.token",
    ]);
    expect(result.stderr).toContain(
      "servicePrincipalId is the enterprise app's Object ID (Enterprise applications → your app → Overview)",
    );
  });

  it("passes a filled-in config whose secrets resolve", async () => {
    const path = filledConfig();
    const result = await runCli(["validate", "-c", path], { ...process.env, ENTRA_CLIENT_SECRET: "s" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`${path} is valid: 1 job(s): app (Generic SCIM app)\n`);
    expect(result.code).toBe(0);
  });

  it("refuses an unset secret variable, and with --no-secrets passes saying secrets were not checked", async () => {
    const path = filledConfig();
    const env = envWithout("ENTRA_CLIENT_SECRET");
    const checked = await runCli(["validate", "-c", path], env);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(
      "source.graph.clientSecret (line 6, column 19): env:ENTRA_CLIENT_SECRET cannot be resolved",
    );
    const unchecked = await runCli(["validate", "--no-secrets", "-c", path], env);
    expect(unchecked.stdout).toBe(
      `${path} is valid (secret references not checked: --no-secrets): 1 job(s): app (Generic SCIM app)\n`,
    );
    expect(unchecked.code).toBe(0);
  });
});
