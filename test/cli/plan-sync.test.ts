import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { JobLock } from "../../src/state/job-lock.js";
import { runCli } from "../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { smallTenant } from "../support/tenants.js";

describe("the plan, sync and test-connection commands", () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
  });
  afterAll(async () => env.close());

  it("test-connection sends Entra's probe and reports success", async () => {
    env.scim.clearRequestLog();
    const result = await runCli(["test-connection", "-c", env.configPath], env.env);
    expect(result.stdout).toContain("connection OK");
    expect(result.code).toBe(0);
    expect(env.scim.requestLog).toHaveLength(1);
    expect(env.scim.requestLog[0]?.rawQuery).toMatch(
      /^filter=userName(\+|%20)eq(\+|%20)%22[0-9a-f-]{36}%22$/,
    );
  });

  it("plan exits 2 with changes, prints a terraform-like diff and sends no write request", async () => {
    env.scim.clearRequestLog();
    const result = await runCli(["plan", "-c", env.configPath], env.env);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("  + create user alice@contoso.test");
    expect(result.stdout).toMatch(/Plan: 8 to create/);
    expect(env.writes()).toEqual([]);
  });

  it("plan --json prints, batch by batch, exactly the plan value made in one piece", async () => {
    const result = await runCli(["plan", "-c", env.configPath, "--json"], env.env);
    expect(result.code).toBe(2);
    const plan = JSON.parse(result.stdout);
    expect(plan.jobName).toBe("e2e");
    expect(plan.changes.filter((c: { kind: string }) => c.kind === "create")).toHaveLength(8);
    const { plan: value } = await env.plan();
    expect(result.stdout).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("plan --json over several jobs prints an array of their plans, laid out as JSON.stringify does", async () => {
    const config = parse(readFileSync(env.configPath, "utf8"));
    config.jobs.push({ ...config.jobs[0], name: "e2e-copy", state: undefined });
    const twoJobs = join(env.dir, "two-jobs.yaml");
    writeFileSync(twoJobs, stringify(config));
    const result = await runCli(["plan", "-c", twoJobs, "--json"], env.env);
    expect(result.code).toBe(2);
    const plans = JSON.parse(result.stdout);
    expect(plans.map((p: { jobName: string }) => p.jobName)).toEqual(["e2e", "e2e-copy"]);
    expect(plans[1].changes).toHaveLength(plans[0].changes.length);
    expect(result.stdout).toBe(`${JSON.stringify(plans, null, 2)}\n`);
  });

  it("plan exits 1 when objects cannot be planned (every matching query refused), not 0 for 'no changes'", async () => {
    const refusing = createServer((_req, res) => {
      res.writeHead(400, { "content-type": "application/scim+json" });
      res.end(JSON.stringify({ status: "400", detail: "this app refuses every query" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const config = parse(readFileSync(env.configPath, "utf8"));
      config.jobs[0].target.url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/scim`;
      const path = join(env.dir, "refusing.yaml");
      writeFileSync(path, stringify(config));
      const result = await runCli(["plan", "-c", path], env.env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/[1-9]\d* failing/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it("sync applies one cycle and exits 0; plan then exits 0 with no changes", async () => {
    const sync = await runCli(["sync", "-c", env.configPath, "--log-level", "silent"], env.env);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/Succeeded/);
    expect(sync.stdout).toMatch(/8 created/);
    // Not a terminal: the final count, on its own line.
    expect(sync.stderr).toMatch(/^e2e: (\d+)\/\1 changes done, 0 failed$/m);
    expect((await env.scim.users()).length).toBe(6);
    const plan = await runCli(["plan", "-c", env.configPath], env.env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("No changes");
  });

  it("validate says in one line, without a stack, that the config file is missing", async () => {
    const missing = join(env.dir, "missing.yaml");
    const result = await runCli(["validate", "-c", missing], env.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Expected a readable config file at ${missing}, got ENOENT`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 1 with every config problem listed when the config is invalid", async () => {
    const bad = join(env.dir, "bad.yaml");
    writeFileSync(bad, "source: {}\njobs: []\n");
    const result = await runCli(["plan", "-c", bad], env.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("source.graph");
    expect(result.stderr).toContain("jobs");
    const validate = await runCli(["validate", "-c", bad], env.env);
    expect(validate.code).toBe(1);
  });

  it("exits 1 with a clear message when a secret reference cannot be resolved", async () => {
    const result = await runCli(["plan", "-c", env.configPath], { ...env.env, TEST_GRAPH_SECRET: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Expected environment variable TEST_GRAPH_SECRET to hold a secret");
  });
});

describe("sync and a daemon on the same state", () => {
  it("refuses to run a job whose lease another process holds, and sends nothing to the app", async () => {
    const env = await startEngineEnv({ tenant: smallTenant() });
    const lock = new JobLock(join(env.dir, "state.db"));
    try {
      expect(lock.acquire("e2e", "daemon:other-host", 60_000)).toBe(true);
      env.scim.clearRequestLog();
      const result = await runCli(["sync", "-c", env.configPath], env.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Expected job "e2e" to be free, got it held by daemon:other-host');
      expect(env.scim.requestLog).toEqual([]);
      lock.release("e2e", "daemon:other-host");
      const free = await runCli(["sync", "-c", env.configPath, "--log-level", "silent"], env.env);
      expect(free.code).toBe(0);
      expect(lock.holder("e2e")).toBeNull();
    } finally {
      lock.close();
      await env.close();
    }
  });
});
