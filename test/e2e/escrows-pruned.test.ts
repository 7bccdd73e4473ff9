import { afterEach, describe, expect, it } from "vitest";
import { readJobView } from "../../src/observability/status-server/job-view.js";
import { startFailingCreates } from "../support/failing-creates.js";

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.reverse()) await resource.close();
  opened.length = 0;
});

/**
 * The small tenant's job behind a proxy that answers 500 to its first four user creates (before they reach
 * the app, and POSTs are not retried), with thresholds low enough for four failures to count: four of six
 * users failing is over the 20% share.
 */
async function initialCycleWithFailingCreates() {
  const { env, proxy } = await startFailingCreates({
    fails: () => true,
    maxFaults: 4,
    job: { quarantine: { evaluationFloor: 1, maxFailedShare: 0.2 } },
  });
  opened.push(env, proxy);
  return env;
}

describe("an initial cycle over an escrow threshold (Entra's escrowsPruned)", () => {
  it("prunes its escrows and pauses the job instead of quarantining it; after resume the next cycle retries them", async () => {
    const env = await initialCycleWithFailingCreates();
    const store = env.runtime.store;

    const first = await env.sync();

    expect(first.quarantine).toBeNull();
    expect(first.cycle.state).toBe("EntryLevelErrors");
    expect(first.cycle.counters.escrowed).toBeGreaterThanOrEqual(4);
    expect(first.cycle.error).toMatch(
      /^Escrows pruned instead of quarantine \(EncounteredEscrowProportionThreshold: Expected at most 20% of exports to fail, got .*\); the job is paused/,
    );
    expect(store.escrows("e2e")).toEqual([]);
    const state = store.getJobState("e2e");
    expect(state.status).toMatchObject({ paused: true, escrowsPruned: true, quarantine: null });
    expect(state.watermark).toBeNull();
    const view = readJobView(env.job, store, null);
    expect(view.status).toMatchObject({ code: "Paused", escrowsPruned: true, quarantine: null, escrows: [] });

    // Pruned, not forgotten: plan shows each as a pending create, saying why it was not retried.
    expect(store.releasedEscrows("e2e").map((r) => r.releasedBy)).toEqual(Array(4).fill("escrowsPruned"));
    const pending = (await env.plan()).plan.changes.filter((c) => c.kind === "create");
    expect(pending).toHaveLength(4);
    for (const c of pending) expect(c.earlierFailure).toMatchObject({ releasedBy: "escrowsPruned" });

    // The admin resumes (what the daemon's POST /resume writes); the proxy has spent its faults.
    store.saveJobState("e2e", { ...state, status: { ...state.status, paused: false } });
    const second = await env.sync();

    expect(second.cycle.kind).toBe("initial");
    expect(second.cycle.state).toBe("Succeeded");
    expect((await env.scim.users()).length).toBe(6);
    expect(store.countLinks("e2e", "user")).toBe(6);
    expect(store.releasedEscrows("e2e")).toEqual([]);
    const after = store.getJobState("e2e");
    expect(after.status.escrowsPruned).toBeUndefined();
    expect(after.watermark).not.toBeNull();
    expect(readJobView(env.job, store, null).status).toMatchObject({ code: "Active", escrowsPruned: false });
  });
});
