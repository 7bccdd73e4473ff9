import type { JobDefinition } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { Plan } from "../plan/plan.js";
import { evaluateQuarantine } from "../reliability/quarantine.js";
import { quarantineCounts } from "../reliability/quarantine-counts.js";
import type { CycleRecord, JobStatus } from "../state/state-store.js";
import { type ApplyCycleOptions, applyCycle, type CycleSummary, notifyIfNeeded } from "./apply-cycle.js";
import type { CycleDeps } from "./cycle-deps.js";
import { type CycleOptions, type PreparedCycle, prepareCycle } from "./prepare-cycle.js";

/**
 * One whole cycle, the way `sync` and the daemon run it: prepare, apply, record. A failure before apply
 * (Graph unreachable, bad credentials for Graph or the app) is recorded as a failed cycle, with the
 * watermark untouched and the job quarantined when the failure is the job's own (credentials, wrong URL).
 */
export async function runCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions & ApplyCycleOptions = {},
): Promise<CycleSummary> {
  let prepared: PreparedCycle;
  try {
    prepared = await prepareCycle(deps, job, options);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return recordFailedCycle(deps, job, error);
  }
  return applyCycle(deps, prepared, options);
}

async function recordFailedCycle(
  deps: CycleDeps,
  job: JobDefinition,
  error: ConnectorError,
): Promise<CycleSummary> {
  const now = deps.clock();
  const previous = deps.store.getJobState(job.name);
  const cycle: CycleRecord = {
    cycleId: deps.newId(),
    job: job.name,
    kind: previous.watermark ? "incremental" : "initial",
    started: now.toISOString(),
    ended: now.toISOString(),
    state: "Failed",
    counters: {},
    error: error.message,
  };
  const escrows = deps.store.escrows(job.name);
  const plan: Plan = {
    jobName: job.name,
    cycleKind: cycle.kind,
    fingerprint: job.fingerprint,
    changes: [],
    deletionGuard: { planned: 0, threshold: job.config.deletionThreshold, tripped: false },
  };
  const quarantine = evaluateQuarantine({
    counts: quarantineCounts(escrows, { escrows: [], clearedEscrows: [], exported: 0 }),
    jobError: error.scope === "job" ? error : null,
    deletionGuard: plan.deletionGuard,
    previous: previous.status.quarantine ?? null,
    now,
    thresholds: job.config.quarantine,
  });
  const status: JobStatus = {
    ...previous.status,
    quarantine,
    countSuccessiveCompleteFailures: (previous.status.countSuccessiveCompleteFailures ?? 0) + 1,
  };
  deps.store.startCycle(cycle);
  deps.store.commitCycle({
    cycle,
    links: [],
    removedLinks: [],
    escrows: [],
    clearedEscrows: [],
    logEntries: [],
    mirror: null,
    jobState: { ...previous, status },
  });
  deps.logger.error({ cycleId: cycle.cycleId, code: error.code, error: error.message }, "cycle failed");
  await notifyIfNeeded(deps, job.name, previous.status.quarantine ?? null, quarantine);
  return { cycle, plan, outcomes: [], quarantine };
}

export { type ApplyCycleOptions, applyCycle, type CycleSummary } from "./apply-cycle.js";
export { type CycleOptions, type PreparedCycle, prepareCycle } from "./prepare-cycle.js";
