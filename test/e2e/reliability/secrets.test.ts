import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type CliResult, runCli } from "../../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../../support/engine-env.js";
import {
  type ScriptedHttpServer,
  startScriptedHttpServer,
} from "../../support/scim-servers/scripted-http-server.js";
import { smallTenant } from "../../support/tenants.js";

/**
 * Every place a secret could leak to: both streams of every CLI run (sync and plan, at trace level, in
 * human and JSON log lines, and failing runs with a wrong SCIM token and a wrong Graph secret), the plan
 * JSON, the error messages, and the bytes of the SQLite state (with its WAL and shared-memory files).
 */
describe("secrets never leave the process", () => {
  let env: EngineEnv;
  let echoingApp: ScriptedHttpServer;
  const graphSecret = smallTenant().application.clientSecret;
  const wrongScimToken = "wrong-scim-token-5c1e0b7d";
  const wrongGraphSecret = "wrong-graph-secret-8f2a4c91";
  const runs: Record<string, CliResult> = {};

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    const config = ["-c", env.configPath, "--log-level", "trace"];
    // The wrong token first: on a fresh state the cycle is initial and must talk to the app.
    const tokenFile = join(env.dir, "scim-token");
    writeFileSync(tokenFile, `${wrongScimToken}\n`);
    runs.planWrongToken = await runCli(["plan", "--json", ...config], env.env);
    runs.syncWrongToken = await runCli(["sync", ...config], env.env);
    writeFileSync(tokenFile, `${env.scim.token}\n`);
    runs.syncWrongGraphSecret = await runCli(["sync", ...config], {
      ...env.env,
      TEST_GRAPH_SECRET: wrongGraphSecret,
    });
    // A careless app that echoes the request's Authorization header in its 401 body.
    echoingApp = await startScriptedHttpServer((res, req) => {
      res.writeHead(401, { "content-type": "application/scim+json" });
      res.end(JSON.stringify({ status: "401", detail: `rejected ${req.headers.authorization}` }));
    });
    const echoConfig = parse(readFileSync(env.configPath, "utf8")) as { jobs: { target: { url: string } }[] };
    echoConfig.jobs[0]!.target.url = echoingApp.url;
    writeFileSync(join(env.dir, "echo.yaml"), stringify(echoConfig));
    runs.syncEchoingApp = await runCli(
      ["sync", "-c", join(env.dir, "echo.yaml"), "--log-level", "trace"],
      env.env,
    );
    runs.plan = await runCli(["plan", "--json", ...config], env.env);
    runs.sync = await runCli(["sync", ...config], env.env);
    runs.syncJson = await runCli(["sync", ...config, "--log-format", "json"], env.env);
  }, 120_000);
  afterAll(async () => {
    await echoingApp.close();
    await env.close();
  });

  it("runs sync and plan for real, at trace level, and the wrong-credential runs fail", () => {
    expect(runs.sync).toMatchObject({ code: 0 });
    expect(runs.sync?.stderr).toMatch(/^info: cycle finished \(/m);
    expect(runs.syncJson?.stderr).toContain('"msg":"cycle finished"');
    expect(JSON.parse(runs.plan?.stdout ?? "")).toMatchObject({ jobName: "e2e" });
    expect(runs.syncWrongToken?.code).toBe(1);
    expect(`${runs.syncWrongToken?.stdout}${runs.syncWrongToken?.stderr}`).toMatch(/401/);
    expect(runs.planWrongToken?.code).toBe(1);
    expect(runs.syncWrongGraphSecret?.code).toBe(1);
    expect(echoingApp.requests[0]?.headers.authorization).toBe(`Bearer ${env.scim.token}`);
    expect(runs.syncEchoingApp?.stderr).toContain("rejected Bearer [REDACTED]");
  });

  it("keeps the SCIM token and the Graph client secret out of stdout and stderr of every run", () => {
    const secrets = [env.scim.token, graphSecret, wrongScimToken, wrongGraphSecret];
    for (const [name, run] of Object.entries(runs)) {
      for (const secret of secrets) {
        expect({ run: name, leaked: run.stdout.includes(secret) || run.stderr.includes(secret) }).toEqual({
          run: name,
          leaked: false,
        });
      }
    }
  });

  it("keeps them out of the SQLite state file, its WAL and its shared memory", () => {
    const state = join(env.dir, "state.db");
    const files = [state, `${state}-wal`, `${state}-shm`].filter((f) => existsSync(f));
    expect(files).toContain(state);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.includes("alice@contoso.test")).toBe(true);
    for (const secret of [env.scim.token, graphSecret, wrongScimToken, wrongGraphSecret]) {
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(Buffer.from(secret, "utf16le"))).toBe(false);
    }
  });
});
