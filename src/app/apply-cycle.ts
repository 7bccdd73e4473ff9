import type { ObjectTypeDefinition } from "../config/job-definition.js";
import type { SourceId, TargetId } from "../domain/ids.js";
import { applyPlan } from "../executor/apply.js";
import type { Outcome } from "../executor/outcome.js";
import { shouldNotify } from "../observability/notifier.js";
import { escrowKey, recordOutcomes } from "../pipeline/record.js";
import type { Plan } from "../plan/plan.js";
import { evaluateQuarantine, type QuarantineState } from "../reliability/quarantine.js";
import { quarantineCounts } from "../reliability/quarantine-counts.js";
import type { LinkRecord } from "../state/link.js";
import type { CycleRecord, JobStatus } from "../state/state-store.js";
import type { CycleDeps } from "./cycle-deps.js";
import { nextEscrowAttempt } from "./escrow-schedule.js";
import type { PreparedCycle } from "./prepare-cycle.js";

/** Hooks for one apply. */
export interface ApplyCycleOptions {
  /** Called after each planned change is carried out (progress bars, metrics). */
  readonly onOutcome?: (outcome: Outcome, done: number, total: number) => void;
  /** Stops taking new work (graceful shutdown); what is in flight finishes and is recorded. */
  readonly signal?: AbortSignal;
}

export interface CycleSummary {
  readonly cycle: CycleRecord;
  readonly plan: Plan;
  readonly outcomes: readonly Outcome[];
  /** The job's quarantine after this cycle; null when healthy. */
  readonly quarantine: QuarantineState | null;
}

const matchingOf = (definition: ObjectTypeDefinition) => {
  const first = definition.matching[0];
  return first ? { path: first.target, paths: definition.targetPaths } : undefined;
};

const linkedTargets = (links: ReadonlyMap<SourceId, LinkRecord>): Map<SourceId, TargetId> =>
  new Map([...links.values()].map((l) => [l.sourceId, l.targetId]));

/** apply → record: carries out a prepared plan and commits everything it learnt in one transaction. */
export async function applyCycle(
  deps: CycleDeps,
  prepared: PreparedCycle,
  options: ApplyCycleOptions = {},
): Promise<CycleSummary> {
  const { store, target, logger } = deps;
  const { job, plan } = prepared;
  const started = deps.clock();
  const cycle: CycleRecord = {
    cycleId: deps.newId(),
    job: job.name,
    kind: plan.cycleKind,
    started: started.toISOString(),
    ended: null,
    state: "Running",
    counters: {},
    error: null,
  };
  store.startCycle(cycle);
  logger.info({ cycleId: cycle.cycleId, kind: cycle.kind, changes: plan.changes.length }, "cycle started");
  const outcomes = await applyPlan(plan, target, {
    concurrency: job.config.target.concurrency,
    maxMembersPerRequest: job.config.maxMembersPerRequest,
    managerPath: job.users.mappings.find((m) => m.reference === "manager")?.target,
    linkedTargets: { user: linkedTargets(prepared.links.user), group: linkedTargets(prepared.links.group) },
    matching: { user: matchingOf(job.users), ...(job.groups ? { group: matchingOf(job.groups) } : {}) },
    onOutcome: options.onOutcome,
    signal: options.signal,
  });
  const escrows = new Map(store.escrows(job.name).map((e) => [escrowKey(e.type, e.sourceId), e]));
  const now = deps.clock();
  const recorded = recordOutcomes(outcomes, {
    jobName: job.name,
    cycleId: cycle.cycleId,
    appName: job.template.displayName,
    now: now.toISOString(),
    newId: deps.newId,
    links: prepared.links,
    escrows,
    nextAttempt: (attempts) => nextEscrowAttempt(now, attempts).toISOString(),
  });
  const jobFailure = outcomes.find((o) => o.kind === "failure" && o.error.scope === "job");
  const jobError = jobFailure?.kind === "failure" ? jobFailure.error : null;
  // Changes never attempted (a job-level failure, or a graceful stop) are not in any escrow: keep the
  // watermark so the next cycle finds them again.
  const notAttempted = outcomes.filter((o) => o.kind === "notAttempted").length;
  const state: CycleRecord["state"] = jobError
    ? "Failed"
    : recorded.escrows.length > 0 || notAttempted > 0
      ? "EntryLevelErrors"
      : "Succeeded";
  const previous = store.getJobState(job.name);
  const keepWatermark = plan.deletionGuard.tripped || notAttempted > 0;
  const quarantine = evaluateQuarantine({
    counts: quarantineCounts([...escrows.values()], {
      escrows: recorded.escrows,
      clearedEscrows: recorded.clearedEscrows,
      exported: recorded.counters.exported,
    }),
    jobError,
    deletionGuard: plan.deletionGuard,
    previous: previous.status.quarantine ?? null,
    now,
    thresholds: job.config.quarantine,
  });
  const finished: CycleRecord = {
    ...cycle,
    ended: now.toISOString(),
    state,
    counters: { ...recorded.counters, imported: prepared.imported, inScope: prepared.inScope },
    error:
      jobError?.message ??
      (notAttempted > 0 ? `stopped before ${notAttempted} change(s) were attempted` : null),
  };
  const status: JobStatus = {
    ...previous.status,
    quarantine,
    countSuccessiveCompleteFailures: jobError
      ? (previous.status.countSuccessiveCompleteFailures ?? 0) + 1
      : 0,
    lastSuccessfulCycle:
      state === "Succeeded" ? (finished.ended ?? undefined) : previous.status.lastSuccessfulCycle,
  };
  store.commitCycle({
    cycle: finished,
    links: recorded.links,
    removedLinks: recorded.removedLinks,
    escrows: recorded.escrows,
    clearedEscrows: recorded.clearedEscrows,
    logEntries: recorded.logEntries,
    // Held deletions keep the watermark where it was, so the next cycle sees the same changes again and
    // carries them out once an admin approved them. The watermark advances only when the cycle's reads and
    // records are complete.
    mirror: jobError || keepWatermark ? null : prepared.mirror,
    jobState: jobError
      ? { ...previous, status }
      : {
          fingerprint: keepWatermark ? previous.fingerprint : job.fingerprint,
          watermark: keepWatermark ? previous.watermark : prepared.watermark,
          // An approval of held deletions covers one cycle: this one.
          status: { ...status, approveDeletes: undefined },
        },
  });
  logger.info({ cycleId: cycle.cycleId, state, counters: finished.counters }, "cycle finished");
  await notifyIfNeeded(deps, job.name, previous.status.quarantine ?? null, quarantine);
  return { cycle: finished, plan, outcomes, quarantine };
}

export async function notifyIfNeeded(
  deps: CycleDeps,
  job: string,
  previous: QuarantineState | null,
  next: QuarantineState | null,
): Promise<void> {
  if (next && next.reason !== previous?.reason)
    deps.logger.warn({ reason: next.reason, error: next.error }, "job quarantined");
  if (next && shouldNotify(previous, next)) await deps.notify({ job, quarantine: next });
}
