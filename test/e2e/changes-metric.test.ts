import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateTenant } from "../../src/emulators/graph/generate-tenant.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { JobRunner } from "../../src/scheduler/job-runner.js";
import { JobLock } from "../../src/state/job-lock.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";

/** `entra_sync_changes_total` samples of a job, by `action/status`. */
function changesTotal(text: string, job: string): Map<string, number> {
  const out = new Map<string, number>();
  const sample = /^entra_sync_changes_total\{([^}]*)\} (\d+)$/gm;
  for (const [, labels, value] of text.matchAll(sample)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels ?? "")?.[1];
    if (label("job") === job) out.set(`${label("action")}/${label("status")}`, Number(value));
  }
  return out;
}

describe("entra_sync_changes_total", () => {
  let env: EngineEnv;
  let lock: JobLock;
  afterEach(async () => {
    lock.close();
    await env.close();
  });

  it("counts every log entry of a cycle that wrote more than 1,000 of them", async () => {
    env = await startEngineEnv({ tenant: generateTenant({ users: 700, groups: 10, seed: 1 }) });
    lock = new JobLock(join(env.dir, "state.db"));
    const metrics = createMetrics({ escrows: () => new Map(), quarantinedJobs: () => 0 });
    const runner = new JobRunner({
      job: env.job,
      deps: env.deps,
      lock,
      owner: "test",
      leaseMs: 60_000,
      metrics,
    });
    const started = runner.start("manual");
    if (started.kind !== "started") throw new Error(`Expected the cycle to start, got ${started.kind}`);
    const cycle = await started.done;
    expect(cycle?.state).toBe("Succeeded");

    const entries = env.runtime.store.logs({ job: "e2e", cycleId: cycle!.cycleId, limit: 100_000 });
    expect(entries.length).toBeGreaterThan(1000);
    const expected = new Map<string, number>();
    for (const e of entries)
      expected.set(`${e.action}/${e.status}`, (expected.get(`${e.action}/${e.status}`) ?? 0) + 1);
    expect(changesTotal(await metrics.registry.metrics(), "e2e")).toEqual(expected);
  }, 120_000);
});
