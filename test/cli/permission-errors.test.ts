import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../support/cli.js";
import { cliUserDirs } from "../support/cli-user-dirs.js";

const dirs = cliUserDirs("read-only");

/** The environment without a state-dir override, so the state lands next to the config as documented. */
const env = (): NodeJS.ProcessEnv => {
  const { ENTRA_SYNC_STATE_DIR: _ignored, ...rest } = process.env;
  return { ...rest, TEST_SECRET: "s3cret-value" };
};

/** A valid config in `dir`: sync fails on the state file before it sends anything, so no server is needed. */
function writeConfig(dir: string): string {
  const path = join(dir, "entra-sync.yaml");
  const ids = ["11111111", "22222222", "33333333"].map((p) => `${p}-1111-4111-8111-111111111111`);
  const config = {
    source: {
      graph: {
        tenantId: ids[0],
        clientId: ids[1],
        clientSecret: "env:TEST_SECRET",
        servicePrincipalId: ids[2],
      },
    },
    jobs: [
      {
        name: "app",
        app: "generic-scim",
        target: { url: "https://scim.invalid/scim", token: "env:TEST_SECRET" },
      },
    ],
  };
  writeFileSync(path, stringify(config));
  return path;
}

/** Exactly this one line on stderr (so no stack), and exit 1. */
function expectOneLine(result: { code: number | null; stderr: string }, line: string): void {
  expect(result.stderr).toBe(`${line}\n`);
  expect(result.code).toBe(1);
}

const FIX =
  "give this user write access there, or choose another path (init --out, demo --dir, the config's state.path or ENTRA_SYNC_STATE_DIR)";

describe("commands run in a folder this user cannot write", () => {
  it("init names the file it could not create and what to do", async () => {
    const dir = dirs.make();
    dirs.lock(dir);
    const result = await runCli(["init", "--app", "generic-scim"], env(), { ...dirs.cliUser, cwd: dir });
    const file = join(dir, "entra-sync.yaml");
    expectOneLine(result, `error: Expected to open ${file}, got EACCES (permission denied): ${FIX}`);
  });

  it("demo names the folder it could not create", async () => {
    const dir = dirs.make();
    dirs.lock(dir);
    const result = await runCli(["demo"], env(), { ...dirs.cliUser, cwd: dir });
    const folder = join(dir, ".entra-sync", "demo");
    expectOneLine(
      result,
      `error: Expected to create the folder ${folder}, got EACCES (permission denied): ${FIX}`,
    );
  });

  it("sync names the state folder it could not create next to the config", async () => {
    const dir = dirs.make();
    const config = writeConfig(dir);
    dirs.lock(dir);
    const result = await runCli(["sync", "-c", config], env(), dirs.cliUser);
    const folder = join(dir, ".entra-sync");
    expectOneLine(
      result,
      `error: Expected to create the folder ${folder}, got EACCES (permission denied): ${FIX}`,
    );
  });

  it("sync names the state file it could not open when its folder exists but is read-only", async () => {
    const dir = dirs.make();
    const config = writeConfig(dir);
    mkdirSync(join(dir, ".entra-sync"));
    dirs.lock(join(dir, ".entra-sync"));
    const result = await runCli(["sync", "-c", config], env(), dirs.cliUser);
    const file = join(dir, ".entra-sync", "state.db");
    expectOneLine(
      result,
      `error: Expected to open the state file ${file} for writing, got SQLITE_CANTOPEN (unable to open database file): give this user write access to the file and its folder (SQLite writes -wal and -shm files beside it), or choose another path (the config's state.path or ENTRA_SYNC_STATE_DIR)`,
    );
    expect(result.stderr).not.toContain("s3cret-value");
  });
});
