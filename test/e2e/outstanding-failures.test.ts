import { afterEach, describe, expect, it } from "vitest";
import { type CycleSummary, prepareCycle, runCycle } from "../../src/app/run-cycle.js";
import type { CreateChange } from "../../src/plan/change.js";
import { isWrite } from "../../src/plan/change.js";
import { runCli } from "../support/cli.js";
import type { EngineEnv } from "../support/engine-env.js";
import { startFailingCreates } from "../support/failing-creates.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

/**
 * Objects the engine knows it has not provisioned must never be forgotten (issue 22): whatever clears their
 * escrow's retries (a restart, Entra's escrowsPruned, the 28-day expiry), the next cycle, incremental or
 * not, evaluates them again, and `plan` shows them as pending creates with the reason.
 */

/** Three users of the small tenant whose creates the app answers with 500 while it is "broken". */
const FAILING = new Map([
  [ids.dave, "dave@contoso.test"],
  [ids.guest, "gina@fabrikam.test"],
  [ids.quote, 'q"uo\\te@contoso.test'],
]);
const FAILING_NAMES = new Set(FAILING.values());

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.reverse()) await resource.close();
  opened.length = 0;
});

/** The job with the app failing the three creates until `proxy.set({ rate: 0 })`. */
async function appFailingCreates(job: Record<string, unknown> = {}) {
  const failing = await startFailingCreates({ fails: (name) => FAILING_NAMES.has(name), job });
  opened.push(failing.env, failing.proxy);
  return failing;
}

const at = (env: EngineEnv, time: string) => ({ ...env.deps, clock: () => new Date(time) });
const syncAt = (env: EngineEnv, time: string, options: { forceFull?: boolean } = {}) =>
  runCycle(at(env, time), env.job, options);

const createdNames = (env: EngineEnv) =>
  env
    .writes()
    .filter((w) => w.method === "POST" && w.path === "/Users")
    .map((w) => (w.body as { userName: string }).userName)
    .sort();

/**
 * The plan's writes: exactly the three pending creates, each with the earlier failure it comes from, and
 * dave's membership of Engineering, which waited for his account.
 */
async function expectPendingCreates(env: EngineEnv, time: string, releasedBy: string | null) {
  const { plan } = await prepareCycle(at(env, time), env.job);
  const writes = plan.changes.filter(isWrite);
  const creates = writes.filter((c): c is CreateChange => c.kind === "create");
  expect(creates.map((c) => c.subject.sourceId).sort()).toEqual([...FAILING.keys()].sort());
  for (const change of creates)
    expect(change.earlierFailure).toMatchObject({ errorCode: "InternalServerError", releasedBy });
  expect(writes.filter((c) => c.kind !== "create")).toMatchObject([
    { kind: "members", subject: { sourceId: ids.engineering }, add: [ids.dave], remove: [] },
  ]);
  return plan;
}

/** The cycle that finds the app recovered: creates exactly the three, adds dave to Engineering, nothing else. */
async function expectRecovered(env: EngineEnv, summary: CycleSummary) {
  expect(summary.cycle.state).toBe("Succeeded");
  expect(createdNames(env)).toEqual([...FAILING_NAMES].sort());
  expect(env.writes().filter((w) => w.method !== "POST" && !w.path.startsWith("/Groups/"))).toEqual([]);
  expect((await env.scim.users()).length).toBe(6);
  expect(env.runtime.store.escrows("e2e")).toEqual([]);
  expect(env.runtime.store.releasedEscrows("e2e")).toEqual([]);
  env.scim.clearRequestLog();
  const after = await env.sync();
  expect(after.cycle.state).toBe("Succeeded");
  expect(env.writes()).toEqual([]);
}

describe("objects whose creates failed are evaluated again whatever clears their escrows", () => {
  it("after `restart --reset escrows`: plan lists them with the reason, the next incremental sync creates exactly them", async () => {
    const { env, proxy } = await appFailingCreates();
    const first = await env.sync();
    expect(first.cycle.state).toBe("EntryLevelErrors");
    expect(first.tally.failed).toBe(3);
    expect(
      env.runtime.store
        .escrows("e2e")
        .map((e) => e.sourceId)
        .sort(),
    ).toEqual([...FAILING.keys()].sort());

    const restart = await runCli(
      ["restart", "--job", "e2e", "--reset", "escrows", "-c", env.configPath],
      env.env,
    );
    expect(restart.code, restart.stderr).toBe(0);
    expect(env.runtime.store.escrows("e2e")).toEqual([]);
    const status = await runCli(["status", "--job", "e2e", "-c", env.configPath], env.env);
    expect(status.stdout).toMatch(
      /not provisioned user dave@contoso\.test: InternalServerError \(escrow cleared by restart \S+; evaluated again next cycle\)/,
    );
    proxy.set({ rate: 0 });

    await expectPendingCreates(env, new Date().toISOString(), "restart");
    const plan = await runCli(["plan", "--job", "e2e", "-c", env.configPath], env.env);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain("(incremental cycle)");
    expect(plan.stdout).toContain("+ create user dave@contoso.test");
    expect(plan.stdout).toMatch(
      /↻ pending: its create failed on \S+ \(InternalServerError: [^)]*\) and was not retried since: escrow cleared by restart/,
    );
    expect(plan.stdout).toContain("Plan: 3 to create");
    expect(plan.stdout).not.toContain("in sync");

    env.scim.clearRequestLog();
    const next = await env.sync();
    expect(next.cycle.kind).toBe("incremental");
    await expectRecovered(env, next);
    // Three child processes (restart, status, plan): slow on a loaded machine.
  }, 120_000);

  it("after the 28-day expiry: the cycle after it evaluates them again and creates exactly them", async () => {
    const { env, proxy } = await appFailingCreates();
    await syncAt(env, "2026-11-01T00:00:00.000Z");
    // Still failing 28 days after the first failure: Entra stops retrying and drops the escrow.
    const expiring = await syncAt(env, "2026-11-29T00:00:00.000Z");
    expect(expiring.tally.failed).toBe(3);
    expect(env.runtime.store.escrows("e2e")).toEqual([]);
    expect(env.runtime.store.releasedEscrows("e2e").map((r) => r.releasedBy)).toEqual([
      "expired",
      "expired",
      "expired",
    ]);
    proxy.set({ rate: 0 });

    await expectPendingCreates(env, "2026-11-29T01:00:00.000Z", "expired");
    env.scim.clearRequestLog();
    const next = await syncAt(env, "2026-11-29T01:00:00.000Z");
    expect(next.cycle.kind).toBe("incremental");
    await expectRecovered(env, next);
  });

  it("after Entra's escrowsPruned on an initial cycle over a watermark: the incremental cycle after resume creates exactly them", async () => {
    // Three failures beside the first cycle's other exports are under half; alone in a full cycle over
    // objects in sync (nothing else exported) they are all of its exports.
    const { env, proxy } = await appFailingCreates({
      quarantine: { evaluationFloor: 1, maxFailedShare: 0.5 },
    });
    await env.sync();
    const store = env.runtime.store;
    expect(store.getJobState("e2e").status.quarantine ?? null).toBeNull();
    expect(store.escrows("e2e")).toHaveLength(3);
    const pruning = await runCycle(env.deps, env.job, { forceFull: true });
    expect(pruning.cycle.kind).toBe("initial");
    expect(pruning.cycle.error).toMatch(/^Escrows pruned instead of quarantine/);
    expect(store.escrows("e2e")).toEqual([]);
    const state = store.getJobState("e2e");
    expect(state.status).toMatchObject({ paused: true, escrowsPruned: true });
    expect(state.watermark).not.toBeNull();

    // The admin resumes once the app is fixed.
    store.saveJobState("e2e", { ...state, status: { ...state.status, paused: false } });
    proxy.set({ rate: 0 });
    const plan = await expectPendingCreates(env, new Date().toISOString(), "escrowsPruned");
    expect(plan.cycleKind).toBe("incremental");
    env.scim.clearRequestLog();
    const next = await env.sync();
    expect(next.cycle.kind).toBe("incremental");
    await expectRecovered(env, next);
  });
});

describe("outstanding objects that are no longer wanted", () => {
  it("stop being outstanding when they leave scope before they were ever provisioned", async () => {
    const { env, proxy } = await appFailingCreates();
    const store = env.runtime.store;
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    opened.push(admin);
    await env.sync();
    // Escrowed, then unassigned: nothing is planned for it, so nothing is outstanding for it any more.
    await admin.unassign(ids.quote);
    const second = await env.sync();
    expect(
      store
        .escrows("e2e")
        .map((e) => e.sourceId)
        .sort(),
    ).toEqual([ids.dave, ids.guest].sort());
    expect(second.tally.failed).toBe(2);

    // Released by a restart, then unassigned: the same.
    store.reset("e2e", ["escrows"]);
    await admin.unassign(ids.guest);
    proxy.set({ rate: 0 });
    env.scim.clearRequestLog();
    const third = await env.sync();
    expect(third.cycle.state).toBe("Succeeded");
    expect(createdNames(env)).toEqual(["dave@contoso.test"]);
    expect(store.escrows("e2e")).toEqual([]);
    expect(store.releasedEscrows("e2e")).toEqual([]);
  });
});

describe("escrowed failures waiting for their retry (issue 15)", () => {
  it("a cycle that retries none of them does not read 'Succeeded, 0 failed', and plan does not say 'in sync'", async () => {
    const { env } = await appFailingCreates();
    // The first three attempts come a cycle apart; the fourth failure puts the next retry 6 h away.
    for (let attempt = 1; attempt <= 4; attempt++) await env.sync();
    const escrows = env.runtime.store.escrows("e2e");
    expect(escrows.map((e) => e.attempts)).toEqual([4, 4, 4]);
    expect(escrows.every((e) => Date.parse(e.nextAttempt) > Date.now())).toBe(true);

    const sync = await runCli(["sync", "--job", "e2e", "-c", env.configPath], env.env);
    expect(sync.code, sync.stderr).toBe(1);
    expect(sync.stdout).toMatch(/\(incremental\): EntryLevelErrors\n.* 0 failed\n/);
    expect(sync.stdout).toMatch(
      /error: 3 object\(s\) whose change failed in an earlier cycle are still not in the app \(escrowed; next retry \S+\): entra-sync status lists them/,
    );
    expect(sync.stdout).not.toContain("Succeeded");

    const plan = await runCli(["plan", "--job", "e2e", "-c", env.configPath], env.env);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(
      /… waiting for its retry: user dave@contoso\.test: its change failed 4 time\(s\), last on \S+ \(InternalServerError: [^)]*\); next retry \S+/,
    );
    expect(plan.stdout).toContain("3 waiting for a retry.");
    expect(plan.stdout).not.toContain("in sync");
    // Two child processes (sync, plan) after four cycles: slow on a loaded machine.
  }, 120_000);
});
