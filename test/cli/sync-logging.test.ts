import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCli } from "../support/cli.js";
import { closedPort } from "../support/closed-port.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

const PROGRESS = /^e2e: \d+\/\d+ changes done, \d+ failed$/;
/** stderr without the progress lines: what the logger wrote. */
const logLines = (stderr: string) => stderr.split("\n").filter((l) => l !== "" && !PROGRESS.test(l));

describe("sync's log output", () => {
  let env: EngineEnv;
  /** The same job with its app down (nothing listens on the port): the cycle fails and logs an error. */
  let downConfig: string;
  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    const config = parse(readFileSync(env.configPath, "utf8"));
    config.jobs[0].target.url = `http://127.0.0.1:${await closedPort()}/scim`;
    config.state.path = "down.db";
    downConfig = join(env.dir, "down.yaml");
    writeFileSync(downConfig, stringify(config));
  });
  afterAll(async () => env.close());

  it("prints warnings and errors as short human lines by default, no JSON", async () => {
    const result = await runCli(["sync", "-c", downConfig], env.env);
    expect(result.code).toBe(1);
    const lines = logLines(result.stderr);
    expect(lines.length, result.stderr).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith("error: cycle failed (job: e2e, cycleId: "))).toBeDefined();
    expect(lines.filter((l) => l.trimStart().startsWith("{"))).toEqual([]);
    expect(lines.filter((l) => !/^(warning|error): /.test(l))).toEqual([]);
  });

  it("writes the structured log as JSON lines on stderr with --log-format json", async () => {
    const result = await runCli(["sync", "-c", downConfig, "--log-format", "json"], env.env);
    expect(result.code).toBe(1);
    const records = logLines(result.stderr).map((l) => JSON.parse(l));
    expect(records.find((r) => r.msg === "cycle failed")).toMatchObject({ level: 50, job: "e2e" });
  });

  it("takes its level from LOG_LEVEL, prints nothing but progress when all is well, and rejects a bad level", async () => {
    const chatty = await runCli(["sync", "-c", env.configPath], { ...env.env, LOG_LEVEL: "info" });
    expect(chatty.code, chatty.stderr).toBe(0);
    const lines = logLines(chatty.stderr);
    expect(lines).toContainEqual(
      expect.stringMatching(/^info: cycle started \(job: e2e, cycleId: .*, kind: initial\)$/),
    );
    expect(lines.filter((l) => l.startsWith("{"))).toEqual([]);

    const quiet = await runCli(["sync", "-c", env.configPath], env.env);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(logLines(quiet.stderr)).toEqual([]);

    const bad = await runCli(["sync", "-c", env.configPath], { ...env.env, LOG_LEVEL: "loud" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'error: Expected LOG_LEVEL to be one of trace, debug, info, warn, error, fatal, silent, got "loud"\n',
    );
  });

  it("appends the structured log to --log-file and keeps stderr to warnings and errors", async () => {
    const file = join(env.dir, "logs", "sync.log");
    const ok = await runCli(["sync", "-c", env.configPath, "--log-file", file], env.env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(logLines(ok.stderr)).toEqual([]);
    const down = await runCli(["sync", "-c", downConfig, "--log-file", file], env.env);
    expect(down.code).toBe(1);
    expect(logLines(down.stderr)).toContainEqual(expect.stringMatching(/^error: cycle failed \(/));
    const records = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.msg)).toEqual(
      expect.arrayContaining(["cycle started", "cycle finished", "cycle failed"]),
    );

    const unwritable = await runCli(
      ["sync", "-c", env.configPath, "--log-file", join(env.configPath, "x.log")],
      env.env,
    );
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^error: Expected a writable log file at .*x\.log, got E[A-Z]+\n$/);
  });
});
