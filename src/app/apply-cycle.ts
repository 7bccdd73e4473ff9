import PQueue from "p-queue";
import { type JobDefinition, type ObjectTypeDefinition, redactedPathsOf } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { ObjectType, SourceId } from "../domain/ids.js";
import type { SourceWatermark } from "../domain/source.js";
import { createApplier } from "../executor/apply.js";
import type { Outcome } from "../executor/outcome.js";
import { EMPTY_TALLY, type OutcomeTally, tallyOutcomes } from "../executor/outcome-tally.js";
import { shouldNotify } from "../observability/notifier.js";
import { escrowKey, recordOutcomes } from "../pipeline/record.js";
import type { Change } from "../plan/change.js";
import { prunesEscrows } from "../reliability/escrow-pruning.js";
import { continueQuarantine, evaluateQuarantine, type QuarantineState } from "../reliability/quarantine.js";
import { escrowsAfter, quarantineCounts } from "../reliability/quarantine-counts.js";
import type { MirrorWrite } from "../state/source-mirror.js";
import type { CycleRecord, EscrowRecord, JobStatus } from "../state/state-store.js";
import { addCounters, NO_COUNTERS } from "./cycle-counters.js";
import type { CycleDeps } from "./cycle-deps.js";
import type { CycleLinks } from "./cycle-links.js";
import { escrowExpired, nextEscrowAttempt } from "./escrow-schedule.js";
import { PLAN_BATCH_SIZE, type PlanBatches, type PlanTotals } from "./plan-stream.js";
import type { PreparedCycle } from "./prepare-cycle.js";
import { slices } from "./slices.js";
import { unexpectedFailureMessage } from "./unexpected-failure.js";

/** Hooks for one apply. */
export interface ApplyCycleOptions {
  /** Called after each planned change is carried out (progress bars, metrics); `total` = planned so far. */
  readonly onOutcome?: (outcome: Outcome, done: number, total: number) => void;
  /** Stops taking new work (graceful shutdown); what is in flight finishes and is recorded. */
  readonly signal?: AbortSignal;
}

export interface CycleSummary {
  readonly cycle: CycleRecord;
  /** Disables + deletes planned this cycle and whether the accidental-deletion guard held them. */
  readonly deletionGuard: PlanTotals["deletionGuard"];
  /** The job's quarantine after this cycle; null when healthy. */
  readonly quarantine: QuarantineState | null;
  /** What the cycle did, counted. */
  readonly tally: OutcomeTally;
}

/** A cycle's work as apply consumes it: what the read stage produced and the plan, batch by batch. */
export interface CycleWork {
  readonly job: JobDefinition;
  /**
   * When the cycle began: before its Test Connection probe and its read, which can take most of a big
   * initial cycle. The cycle record's `started` (Entra's `timeBegan`) is this.
   */
  readonly started: Date;
  readonly kind: CycleRecord["kind"];
  readonly links: CycleLinks;
  readonly imported: number;
  readonly importedReferenceDeltas: number;
  readonly watermark: SourceWatermark;
  readonly mirror: MirrorWrite;
  readonly batches: PlanBatches;
  /** The cycle's request queue, shared by matching (in `batches`) and apply. */
  readonly queue: PQueue;
}

const matchingOf = (definition: ObjectTypeDefinition) => {
  const first = definition.matching[0];
  return first ? { path: first.target, paths: definition.targetPaths } : undefined;
};

/** A plan made ahead (the `plan` value) as work: its changes in batches, in order. */
async function* batchesOf(prepared: PreparedCycle): PlanBatches {
  const { changes, deletionGuard } = prepared.plan;
  yield* slices(changes, PLAN_BATCH_SIZE);
  return { deletionGuard, inScope: prepared.inScope, entitled: prepared.entitled, settled: prepared.settled };
}

/** apply → record for a plan made ahead (on-demand provisioning, tests): see {@link carryOutCycle}. */
export function applyCycle(
  deps: CycleDeps,
  prepared: PreparedCycle,
  options: ApplyCycleOptions = {},
): Promise<CycleSummary> {
  return carryOutCycle(
    deps,
    {
      job: prepared.job,
      started: prepared.started,
      kind: prepared.plan.cycleKind,
      links: prepared.links,
      imported: prepared.imported,
      importedReferenceDeltas: prepared.importedReferenceDeltas,
      watermark: prepared.watermark,
      mirror: prepared.mirror,
      batches: batchesOf(prepared),
      queue: new PQueue({ concurrency: prepared.job.config.target.concurrency }),
    },
    options,
  );
}

/**
 * apply → record, batch by batch: each batch of the plan is applied while the next one is being planned,
 * and what it taught (links, escrows, log entries) is written in its own transaction, so a crash loses at
 * most the batch in flight. The cycle's end (counters, quarantine, the connector data store and the
 * watermark) is written last, in one transaction, and only when every batch was planned, applied and
 * recorded. A job-level failure (credentials, wrong URL), while matching or while writing, ends the cycle
 * as failed with the watermark kept.
 */
export async function carryOutCycle(
  deps: CycleDeps,
  work: CycleWork,
  options: ApplyCycleOptions = {},
): Promise<CycleSummary> {
  const { store, target, logger } = deps;
  const { job } = work;
  const cycle: CycleRecord = {
    cycleId: deps.newId(),
    job: job.name,
    kind: work.kind,
    started: work.started.toISOString(),
    ended: null,
    state: "Running",
    counters: {},
    error: null,
  };
  store.startCycle(cycle);
  logger.info({ cycleId: cycle.cycleId, kind: cycle.kind }, "cycle started");
  const applier = createApplier(target, {
    concurrency: job.config.target.concurrency,
    maxMembersPerRequest: job.config.maxMembersPerRequest,
    managerPath: job.users.mappings.find((m) => m.reference === "manager")?.target,
    linkedTargets: work.links.targets,
    matching: { user: matchingOf(job.users), ...(job.groups ? { group: matchingOf(job.groups) } : {}) },
    onOutcome: options.onOutcome,
    signal: options.signal,
    queue: work.queue,
  });
  const escrowsBefore = store.escrows(job.name);
  const previousEscrows = new Map(escrowsBefore.map((e) => [escrowKey(e.type, e.sourceId), e]));
  const released = new Set(store.releasedEscrows(job.name).map((r) => escrowKey(r.type, r.sourceId)));
  const escrows: EscrowRecord[] = [];
  const clearedEscrows: { type: ObjectType; sourceId: SourceId }[] = [];
  let counters = NO_COUNTERS;
  let tally = EMPTY_TALLY;
  let jobError: ConnectorError | null = null;
  let notAttempted = 0;
  let totals: PlanTotals | null = null;

  const record = (outcomes: readonly Outcome[]) => {
    const now = deps.clock();
    const recorded = recordOutcomes(outcomes, {
      jobName: job.name,
      cycleId: cycle.cycleId,
      appName: job.template.displayName,
      now: now.toISOString(),
      newId: deps.newId,
      linkOf: (type, id) => store.link(job.name, type, id),
      escrows: previousEscrows,
      released,
      nextAttempt: (attempts) => nextEscrowAttempt(now, attempts).toISOString(),
      escrowExpired: (firstFailed) => escrowExpired(firstFailed, now.toISOString()),
      redactedPaths: (type) => redactedPathsOf(job, type),
      groupsInSyncLogged: work.kind === "initial",
    });
    store.recordBatch(job.name, recorded);
    escrows.push(...recorded.escrows);
    clearedEscrows.push(...recorded.clearedEscrows);
    counters = addCounters(counters, recorded.counters);
    tally = tallyOutcomes(tally, outcomes);
    notAttempted += outcomes.filter((o) => o.kind === "notAttempted").length;
    const failure = outcomes.find((o) => o.kind === "failure" && o.error.scope === "job");
    if (failure?.kind === "failure") jobError = failure.error;
  };

  /** Outstanding objects the plan wants nothing for any more: their escrows and releases go. */
  const settleOutstanding = (objects: PlanTotals["settled"]) => {
    if (objects.length === 0) return;
    const none = { links: [], removedLinks: [], managers: [], escrows: [], logEntries: [] };
    store.recordBatch(job.name, { ...none, clearedEscrows: objects, clearedReleases: objects });
    clearedEscrows.push(...objects);
  };

  // Plan the next batch while this one is applied. A planning failure surfaces when it is awaited.
  const settle = (p: Promise<IteratorResult<Change[], PlanTotals>>) => {
    p.catch(() => {});
    return p;
  };
  let next = settle(work.batches.next());
  // Anything but Graph or the app failing (the state store's disk full, a bug) stops the cycle too: it is
  // recorded as failed, with what the batches before it recorded kept, rather than left looking unfinished.
  let unexpected: { error: unknown } | null = null;
  /** Changes the app accepted in a batch whose recording failed: neither logged nor linked. */
  let unrecorded = 0;
  try {
    for (;;) {
      let step: IteratorResult<Change[], PlanTotals>;
      try {
        step = await next;
      } catch (error) {
        if (!(error instanceof ConnectorError) || error.scope !== "job") throw error;
        jobError = error;
        break;
      }
      if (step.done) {
        totals = step.value;
        settleOutstanding(totals.settled);
        break;
      }
      if (options.signal?.aborted) {
        notAttempted += step.value.length;
        break;
      }
      next = settle(work.batches.next());
      const outcomes = await applier.apply(step.value);
      try {
        record(outcomes);
      } catch (error) {
        unrecorded = outcomes.filter((o) => o.kind === "success").length;
        throw error;
      }
      if (jobError || options.signal?.aborted) {
        const pending = await next.catch(() => null);
        if (pending && !pending.done) notAttempted += pending.value.length;
        break;
      }
    }
  } catch (error) {
    unexpected = { error };
    // Let requests in flight (the batch being applied, the next one's matching) end before the cycle does.
    await next.catch(() => null);
    await work.queue.onIdle();
  }
  if (!totals) await work.batches.return(undefined as never).catch(() => {});

  const failedError = jobError as ConnectorError | null;
  const deletionGuard = totals?.deletionGuard ?? {
    planned: 0,
    threshold: job.config.deletionThreshold,
    tripped: false,
  };
  // Changes never attempted or never planned (a job-level failure, a graceful stop) are not in any
  // escrow: keep the watermark so the next cycle finds them again.
  const incomplete = totals === null;
  const previous = store.getJobState(job.name);
  const escrowChanges = { escrows, clearedEscrows, exported: counters.exported };
  // Every escrow outstanding once this cycle is committed (Entra's countEscrowedRaw). When the cycle itself
  // escrowed nothing, these are earlier cycles' failures it did not retry: the app still differs from Entra.
  const escrowedAfter = escrowsAfter(escrowsBefore, escrowChanges);

  /** Writes the cycle's end; when that write fails (the disk filled up), once more as a failed cycle. */
  const conclude = (unexpected: { error: unknown } | null) => {
    const now = deps.clock();
    const failed = failedError !== null || unexpected !== null;
    const state: CycleRecord["state"] = failed
      ? "Failed"
      : escrows.length > 0 || tally.failed > 0 || incomplete || escrowedAfter.length > 0
        ? "EntryLevelErrors"
        : "Succeeded";
    const evaluated = unexpected
      ? continueQuarantine(previous.status.quarantine ?? null, now, job.config.quarantine)
      : evaluateQuarantine({
          counts: quarantineCounts(escrowsBefore, escrowChanges),
          jobError: failedError,
          deletionGuard,
          previous: previous.status.quarantine ?? null,
          now,
          thresholds: job.config.quarantine,
        });
    // An initial cycle over the escrow thresholds pauses instead (Entra's escrowsPruned). Its watermark stays,
    // so the cycle after the admin resumes reads everything again and retries what was pruned.
    const pruned = !failed && prunesEscrows(cycle.kind, evaluated) ? evaluated : null;
    const quarantine = pruned ? null : evaluated;
    const keepWatermark = deletionGuard.tripped || incomplete || pruned !== null;
    const finished: CycleRecord = {
      ...cycle,
      ended: now.toISOString(),
      state,
      counters: {
        ...counters,
        imported: work.imported,
        importedReferenceDeltas: work.importedReferenceDeltas,
        inScope: totals?.inScope ?? 0,
        entitled: totals?.entitled ?? 0,
        escrowedRaw: pruned ? 0 : escrowedAfter.length,
      },
      error: cycleError({
        failedError,
        unexpected,
        unrecorded,
        pruned,
        incomplete,
        notAttempted,
        earlierFailures: escrows.length === 0 && tally.failed === 0 ? escrowedAfter : [],
      }),
    };
    const status: JobStatus = {
      ...previous.status,
      ...(pruned ? { paused: true } : {}),
      escrowsPruned: pruned ? true : undefined,
      quarantine,
      countSuccessiveCompleteFailures: failed
        ? (previous.status.countSuccessiveCompleteFailures ?? 0) + 1
        : 0,
      lastSuccessfulCycle:
        state === "Succeeded" ? (finished.ended ?? undefined) : previous.status.lastSuccessfulCycle,
      ...steadyState(previous.status, finished),
    };
    try {
      store.commitCycle({
        cycle: finished,
        // Held deletions keep the watermark where it was, so the next cycle sees the same changes again and
        // carries them out once an admin approved them. The watermark advances only when the cycle's reads
        // and records are complete.
        mirror: failed || keepWatermark ? null : work.mirror,
        pruneEscrows: pruned !== null,
        jobState: failed
          ? { ...previous, status }
          : {
              fingerprint: keepWatermark ? previous.fingerprint : job.fingerprint,
              watermark: keepWatermark ? previous.watermark : work.watermark,
              // An approval of held deletions covers one cycle: this one.
              status: { ...status, approveDeletes: undefined },
            },
      });
    } catch (error) {
      if (!unexpected) return conclude({ error });
      logger.error({ cycleId: cycle.cycleId, err: error }, "the failed cycle could not be recorded");
      throw unexpected.error;
    }
    if (pruned) logger.warn({ cycleId: cycle.cycleId, error: finished.error }, "escrows pruned; job paused");
    if (unexpected)
      logger.error({ cycleId: cycle.cycleId, err: unexpected.error, error: finished.error }, "cycle failed");
    else if (failedError)
      logger.error(
        { cycleId: cycle.cycleId, code: failedError.code, error: failedError.message },
        "cycle failed",
      );
    return { finished, quarantine };
  };

  const { finished, quarantine } = conclude(unexpected);
  logger.info(
    { cycleId: cycle.cycleId, state: finished.state, counters: finished.counters },
    "cycle finished",
  );
  await notifyIfNeeded(deps, job.name, previous.status.quarantine ?? null, quarantine);
  return { cycle: finished, deletionGuard, quarantine, tally };
}

/**
 * Entra's steady state: a cycle that succeeded with nothing to export. Kept in the job's status, so the first
 * time survives the provisioning-log retention that deletes old cycle records.
 */
function steadyState(
  previous: JobStatus,
  cycle: CycleRecord,
): Pick<JobStatus, "steadyStateFirstAchieved" | "steadyStateLastAchieved"> {
  if (cycle.state !== "Succeeded" || cycle.counters.exports !== 0 || cycle.ended === null) return {};
  return {
    steadyStateFirstAchieved: previous.steadyStateFirstAchieved ?? cycle.ended,
    steadyStateLastAchieved: cycle.ended,
  };
}

/** Why a cycle did not simply succeed, in the words `status` and the cycle record show; null when it did. */
function cycleError(ending: {
  readonly failedError: ConnectorError | null;
  readonly unexpected: { readonly error: unknown } | null;
  /** Changes the app accepted in the batch whose recording failed. */
  readonly unrecorded: number;
  /** The quarantine an initial cycle would have entered, had it not pruned its escrows. */
  readonly pruned: QuarantineState | null;
  readonly incomplete: boolean;
  readonly notAttempted: number;
  /** Escrows of earlier cycles still outstanding when this cycle itself failed nothing. */
  readonly earlierFailures: readonly EscrowRecord[];
}): string | null {
  const { failedError, unexpected, unrecorded, pruned } = ending;
  if (failedError) return failedError.message;
  if (unexpected) {
    const lost =
      unrecorded > 0
        ? `; ${unrecorded} change(s) the app accepted in the last batch were not recorded (no log entry or link): the next cycle reads those objects again and matches the ones it created`
        : "";
    return unexpectedFailureMessage(unexpected.error) + lost;
  }
  if (pruned) {
    return `Escrows pruned instead of quarantine (${pruned.reason}: ${pruned.error?.message}); the job is paused: fix the cause and resume it, and its next cycle reads every object again and retries them`;
  }
  if (ending.incomplete) {
    return `stopped before ${ending.notAttempted} change(s) were attempted; objects not planned yet wait for the next cycle`;
  }
  const earlier = ending.earlierFailures;
  if (earlier.length > 0) {
    const soonest = earlier.reduce(
      (a, e) => (e.nextAttempt < a ? e.nextAttempt : a),
      earlier[0]!.nextAttempt,
    );
    return `${earlier.length} object(s) whose change failed in an earlier cycle are still not in the app (escrowed; next retry ${soonest}): entra-sync status lists them`;
  }
  return null;
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
