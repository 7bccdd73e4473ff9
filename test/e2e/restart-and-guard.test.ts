import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { applyCycle, prepareCycle } from "../../src/app/run-cycle.js";
import { loadConfigOrThrow } from "../../src/config/load-config.js";
import { sourceId } from "../../src/domain/ids.js";
import { isWrite } from "../../src/plan/change.js";
import { runCli } from "../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

/** Runs the real CLI in a child process. */
const cli = async (env: EngineEnv, ...args: string[]) => {
  const result = await runCli([...args, "-c", env.configPath], env.env);
  expect(result.code, result.stderr).toBe(0);
  return result;
};

describe("restart and the accidental-deletion guard", () => {
  let env: EngineEnv;
  let admin: GraphAdmin | undefined;
  afterEach(async () => {
    await admin?.close();
    await env.close();
  });

  it("re-matches every account after a full restart without creating anything twice", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const before = await env.scim.users();
    const { stdout } = await cli(env, "restart", "--job", "e2e", "--reset", "full");
    expect(stdout).toContain("reset watermark, escrows, quarantine, links");
    expect(env.runtime.store.links("e2e", "user").size).toBe(0);
    env.scim.clearRequestLog();
    const summary = await env.sync();
    expect(summary.cycle.kind).toBe("initial");
    expect(env.writes().filter((w) => w.method === "POST")).toEqual([]);
    expect((await env.scim.users()).map((u) => u.id).sort()).toEqual(before.map((u) => u.id).sort());
    expect(env.runtime.store.links("e2e", "user").size).toBe(before.length);
    // The matched resources already name their managers: nothing is sent for them, the links learn them.
    expect(env.writes().filter((w) => JSON.stringify(w.body).includes("manager"))).toEqual([]);
    expect(env.runtime.store.link("e2e", "user", sourceId(ids.alice))?.managerId).toBe(ids.bob);
    const logged = env.runtime.store.logs({ job: "e2e", cycleId: summary.cycle.cycleId });
    expect(logged.filter((e) => e.modifiedProperties.some((p) => p.displayName === "manager"))).toEqual([]);
    expect((await env.plan()).plan.changes.filter(isWrite)).toEqual([]);
  });

  it("runs an initial cycle by itself when the job's mappings change", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const config = parse(readFileSync(env.configPath, "utf8"));
    config.jobs[0].users = { mappings: [{ target: "title", constant: "Staff" }] };
    writeFileSync(env.configPath, stringify(config));
    const changed = loadConfigOrThrow(env.configPath).jobs[0]!;
    expect(changed.fingerprint).not.toBe(env.job.fingerprint);
    const summary = await applyCycle(env.deps, await prepareCycle(env.deps, changed));
    expect(summary.cycle.kind).toBe("initial");
    expect((await env.scim.users()).every((u) => u.title === "Staff")).toBe(true);
    const next = await applyCycle(env.deps, await prepareCycle(env.deps, changed));
    expect(next.cycle.kind).toBe("incremental");
  });

  it("holds disables above the threshold as StagedDelete until an admin approves them", async () => {
    env = await startEngineEnv({ tenant: smallTenant(), job: { deletionThreshold: 1 } });
    admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await env.sync();
    await admin.unassign(ids.engineering);
    env.scim.clearRequestLog();
    const held = await env.sync();
    expect(held.deletionGuard).toMatchObject({ tripped: true, threshold: 1 });
    expect(env.writes().filter((w) => w.path.startsWith("/Users"))).toEqual([]);
    const staged = env.runtime.store.logs({
      job: "e2e",
      cycleId: held.cycle.cycleId,
      action: "StagedDelete",
    });
    // The group itself leaves scope too: a SCIM group cannot be disabled, so its deletion is held as well.
    expect(staged.map((e) => e.sourceDisplayName).sort()).toEqual([
      "Engineering",
      "carol@contoso.test",
      "dave@contoso.test",
    ]);

    // Still held on the next cycle: the guard kept the watermark.
    const again = await env.sync();
    expect(again.deletionGuard.tripped).toBe(true);

    await cli(env, "restart", "--job", "e2e", "--reset", "force-deletes");
    env.scim.clearRequestLog();
    const approved = await env.sync();
    expect(approved.deletionGuard.tripped).toBe(false);
    const users = await env.scim.users();
    expect(users.find((u) => u.userName === "carol@contoso.test")?.active).toBe(false);
    expect(users.find((u) => u.userName === "dave@contoso.test")?.active).toBe(false);
    expect(users.find((u) => u.userName === "alice@contoso.test")?.active).toBe(true);
    expect((await env.scim.groups()).map((g) => g.displayName)).not.toContain("Engineering");
    // The approval covered one cycle only.
    expect(env.runtime.store.getJobState("e2e").status.approveDeletes).toBeUndefined();
  });
});
