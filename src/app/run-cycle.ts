import PQueue from "p-queue";
import { type JobDefinition, probeAttributeOf } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import { EMPTY_TALLY } from "../executor/outcome-tally.js";
import { continueQuarantine, evaluateQuarantine } from "../reliability/quarantine.js";
import { quarantineCounts } from "../reliability/quarantine-counts.js";
import type { CycleRecord, JobStatus } from "../state/state-store.js";
import { type ApplyCycleOptions, type CycleSummary, carryOutCycle, notifyIfNeeded } from "./apply-cycle.js";
import type { CycleDeps } from "./cycle-deps.js";
import { PLAN_BATCH_SIZE, planBatches } from "./plan-stream.js";
import { type CycleOptions, deletesApproved, readForCycle } from "./prepare-cycle.js";
import type { ReadResult } from "./read-source.js";
import { unexpectedFailureMessage } from "./unexpected-failure.js";

/**
 * One whole cycle, the way `sync` and the daemon run it: Test Connection, read, then plan and apply batch
 * by batch, then record. A failed probe (the app's token or URL) or read (Graph unreachable, bad Graph
 * credentials) is recorded as a failed cycle, with the watermark untouched and the job quarantined when the
 * failure is the job's own (credentials, wrong URL);
 * so is a job-level failure of the app while matching or writing (see `carryOutCycle`), and anything else
 * that stops a cycle (the state store's disk full, a bug), which quarantines nothing. Throws only when even
 * the failed cycle cannot be recorded.
 */
export async function runCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions & ApplyCycleOptions = {},
): Promise<CycleSummary> {
  // Entra's timeBegan: the probe and the read are part of the cycle (a big initial read is most of it).
  const started = deps.clock();
  let read: ReadResult;
  try {
    // Entra checks the app's URL and credentials every cycle with a query for a random value: an expired
    // token is found even when nothing changed, and an app that is down fails the cycle once, here, rather
    // than escrowing every change it would have sent.
    await deps.target.testConnection(probeAttributeOf(job));
    read = await readForCycle(deps, job, options);
  } catch (error) {
    return recordFailedCycle(deps, job, started, error);
  }
  const queue = new PQueue({ concurrency: job.config.target.concurrency });
  const approveDeletes = deletesApproved(deps, job, options);
  return carryOutCycle(
    deps,
    {
      job,
      started,
      kind: read.kind,
      links: read.links,
      imported: read.imported,
      importedReferenceDeltas: read.importedReferenceDeltas,
      watermark: read.watermark,
      mirror: read.mirror,
      batches: planBatches(deps, job, read, {
        approveDeletes,
        queue,
        batchSize: options.batchSize ?? PLAN_BATCH_SIZE,
      }),
      queue,
    },
    options,
  );
}

async function recordFailedCycle(
  deps: CycleDeps,
  job: JobDefinition,
  started: Date,
  error: unknown,
): Promise<CycleSummary> {
  const connectorError = error instanceof ConnectorError ? error : null;
  const message = connectorError?.message ?? unexpectedFailureMessage(error);
  const now = deps.clock();
  const previous = deps.store.getJobState(job.name);
  const cycle: CycleRecord = {
    cycleId: deps.newId(),
    job: job.name,
    kind: previous.watermark ? "incremental" : "initial",
    started: started.toISOString(),
    ended: now.toISOString(),
    state: "Failed",
    counters: {},
    error: message,
  };
  const deletionGuard = { planned: 0, threshold: job.config.deletionThreshold, tripped: false };
  const jobError = connectorError?.scope === "job" ? connectorError : null;
  const quarantine = jobError
    ? evaluateQuarantine({
        counts: quarantineCounts(deps.store.escrows(job.name), {
          escrows: [],
          clearedEscrows: [],
          exported: 0,
        }),
        jobError,
        deletionGuard,
        previous: previous.status.quarantine ?? null,
        now,
        thresholds: job.config.quarantine,
      })
    : continueQuarantine(previous.status.quarantine ?? null, now, job.config.quarantine);
  const status: JobStatus = {
    ...previous.status,
    quarantine,
    countSuccessiveCompleteFailures: (previous.status.countSuccessiveCompleteFailures ?? 0) + 1,
  };
  try {
    deps.store.startCycle(cycle);
    deps.store.commitCycle({ cycle, mirror: null, jobState: { ...previous, status } });
  } catch (recordError) {
    deps.logger.error({ cycleId: cycle.cycleId, err: recordError }, "the failed cycle could not be recorded");
    throw error;
  }
  deps.logger.error(
    connectorError
      ? { cycleId: cycle.cycleId, code: connectorError.code, error: message }
      : { cycleId: cycle.cycleId, err: error, error: message },
    "cycle failed",
  );
  await notifyIfNeeded(deps, job.name, previous.status.quarantine ?? null, quarantine);
  return { cycle, deletionGuard, quarantine, tally: EMPTY_TALLY };
}

export { type ApplyCycleOptions, applyCycle, type CycleSummary } from "./apply-cycle.js";
export {
  type CycleOptions,
  type PlanStream,
  type PreparedCycle,
  prepareCycle,
  streamPlan,
} from "./prepare-cycle.js";
