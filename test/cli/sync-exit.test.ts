import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCli } from "../support/cli.js";
import { closedPort } from "../support/closed-port.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

/** The env after a first sync, with a group unassigned: its 3 members' disables and its delete exceed 1. */
async function withHeldDeletions(): Promise<{ env: EngineEnv; admin: GraphAdmin }> {
  const env = await startEngineEnv({ tenant: smallTenant(), job: { deletionThreshold: 1 } });
  const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
  await env.sync();
  await admin.unassign(ids.engineering);
  env.scim.clearRequestLog();
  return { env, admin };
}

describe("sync's exit code when the accidental-deletion guard holds deletions", () => {
  let env: EngineEnv;
  let admin: GraphAdmin;
  afterEach(async () => {
    await admin.close();
    await env.close();
  });

  it("exits 3, says how many were held and prints the approval command, which then lets them out", async () => {
    ({ env, admin } = await withHeldDeletions());
    const held = await runCli(["sync", "-c", env.configPath], env.env);
    expect(held.code, held.stderr).toBe(3);
    expect(held.stdout).toContain("deletions held: 3 disables/deletes exceed the threshold of 1");
    const approve = `entra-sync restart -c ${env.configPath} --job e2e --reset force-deletes`;
    expect(held.stdout).toContain(approve);
    expect(env.writes().filter((w) => w.path.startsWith("/Users"))).toEqual([]);

    const restart = await runCli(approve.split(" ").slice(1), env.env);
    expect(restart.code, restart.stderr).toBe(0);
    const approved = await runCli(["sync", "-c", env.configPath], env.env);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).not.toContain("deletions held");
    expect((await env.scim.users()).find((u) => u.userName === "carol@contoso.test")?.active).toBe(false);
  });

  it("exits 1, not 3, when another job of the same sync failed, and still reports the held deletions", async () => {
    ({ env, admin } = await withHeldDeletions());
    const config = parse(readFileSync(env.configPath, "utf8"));
    const down = { ...config.jobs[0], name: "down", target: { ...config.jobs[0].target } };
    down.target.url = `http://127.0.0.1:${await closedPort()}/scim`;
    config.jobs.push(down);
    const twoJobs = join(env.dir, "two-jobs.yaml");
    writeFileSync(twoJobs, stringify(config));
    const result = await runCli(["sync", "-c", twoJobs], env.env);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/Job "e2e" cycle .*: Succeeded\n[\s\S]*deletions held: 3/);
    expect(result.stdout).toMatch(/Job "down" cycle .*: Failed/);
  });
});
