import type { JobDefinition, ObjectTypeDefinition } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { SourceSelection, SourceWatermark } from "../domain/source.js";
import { applyPlan } from "../executor/apply.js";
import type { Outcome } from "../executor/outcome.js";
import { shouldNotify } from "../observability/notifier.js";
import { escrowKey, recordOutcomes } from "../pipeline/record.js";
import { buildSourceView, type SourceView } from "../pipeline/source-view.js";
import type { PlanSettings } from "../plan/evaluation.js";
import type { Plan } from "../plan/plan.js";
import type { ObjectTypePlanInput } from "../plan/planner.js";
import { plan as makePlan } from "../plan/planner.js";
import { evaluateQuarantine, type QuarantineState } from "../reliability/quarantine.js";
import { quarantineCounts } from "../reliability/quarantine-counts.js";
import type { LinkRecord } from "../state/link.js";
import type { MirrorWrite } from "../state/source-mirror.js";
import type { CycleRecord, JobStatus } from "../state/state-store.js";
import { buildChangeSet } from "./change-set.js";
import type { CycleDeps } from "./cycle-deps.js";
import { nextEscrowAttempt } from "./escrow-schedule.js";
import { type Evaluations, evaluateObjects, type Subjects } from "./evaluate-objects.js";

/** Options a caller may set for one cycle. */
export interface CycleOptions {
  /** Let deletions held by the accidental-deletion guard through (an admin approved them). */
  readonly approveDeletes?: boolean;
  /** Read the whole tenant even when a watermark would allow an incremental cycle. */
  readonly forceFull?: boolean;
}

/** Hooks for one apply. */
export interface ApplyCycleOptions {
  /** Called after each planned change is carried out (progress bars, metrics). */
  readonly onOutcome?: (outcome: Outcome, done: number, total: number) => void;
  /** Stops taking new work (graceful shutdown); what is in flight finishes and is recorded. */
  readonly signal?: AbortSignal;
}

/** The result of read → scope → map → match → plan: what `plan` prints and `sync` applies. */
export interface PreparedCycle {
  readonly plan: Plan;
  readonly job: JobDefinition;
  readonly links: Readonly<Record<ObjectType, ReadonlyMap<SourceId, LinkRecord>>>;
  readonly imported: number;
  readonly inScope: number;
  readonly watermark: SourceWatermark;
  /** The connector data store update, committed with the watermark. */
  readonly mirror: MirrorWrite;
}

export interface CycleSummary {
  readonly cycle: CycleRecord;
  readonly plan: Plan;
  readonly outcomes: readonly Outcome[];
  /** The job's quarantine after this cycle; null when healthy. */
  readonly quarantine: QuarantineState | null;
}

function selectionFor(job: JobDefinition): SourceSelection {
  return {
    userAttributes: job.users.sourceAttributes,
    groupAttributes: job.groups?.sourceAttributes ?? ["id", "displayName"],
    includeGroups: true,
    includeManager: job.users.mappings.some((m) => m.reference === "manager"),
  };
}

function planInputFor(
  definition: ObjectTypeDefinition,
  job: JobDefinition,
  evaluations: ObjectTypePlanInput["evaluations"],
): ObjectTypePlanInput {
  const settings: PlanSettings = {
    appName: job.template.displayName,
    actions: definition.actions,
    skipOutOfScopeDeletions: job.config.skipOutOfScopeDeletions,
  };
  return {
    evaluations,
    settings,
    softDeleteFollowers: new Set(definition.mappings.filter((m) => m.followsSoftDelete).map((m) => m.target)),
    requiredPaths: definition.attributes.filter((a) => a.required).map((a) => a.name),
    primaryMatchingPath: definition.matching[0]?.target,
  };
}

/** What the read stage produced, whichever way it read. */
interface ReadResult {
  readonly kind: "initial" | "incremental";
  readonly view: SourceView;
  readonly subjects: Subjects;
  readonly links: Readonly<Record<ObjectType, ReadonlyMap<SourceId, LinkRecord>>>;
  readonly linkedUsers: ReadonlySet<SourceId>;
  readonly watermark: SourceWatermark;
  readonly mirror: MirrorWrite;
  readonly imported: number;
}

async function readFull(deps: CycleDeps, job: JobDefinition): Promise<ReadResult> {
  const [read, assignments] = await Promise.all([
    deps.source.readAll(selectionFor(job)),
    deps.source.readAssignments(deps.servicePrincipalId),
  ]);
  const links = { user: deps.store.links(job.name, "user"), group: deps.store.links(job.name, "group") };
  return {
    kind: "initial",
    view: buildSourceView(read.users, read.groups, assignments.appRoles, assignments.assignments),
    subjects: { userIds: null, groupIds: null, linkedAbsentAreGone: true },
    links,
    linkedUsers: new Set(links.user.keys()),
    watermark: read.watermark,
    mirror: { kind: "replace", users: read.users, groups: read.groups, assignments: assignments.assignments },
    imported: read.users.length + read.groups.length,
  };
}

/** Links of the given ids only: an incremental cycle never loads the whole link table. */
function linksOf(
  deps: CycleDeps,
  job: string,
  type: ObjectType,
  ids: Iterable<SourceId>,
): Map<SourceId, LinkRecord> {
  const out = new Map<SourceId, LinkRecord>();
  for (const id of ids) {
    const link = deps.store.link(job, type, id);
    if (link) out.set(id, link);
  }
  return out;
}

/** Null when Graph rejected the watermark (expired token, resync): the caller falls back to a full read. */
async function readIncremental(
  deps: CycleDeps,
  job: JobDefinition,
  watermark: SourceWatermark,
): Promise<ReadResult | null> {
  const delta = await deps.source.readChanges(selectionFor(job), watermark);
  if (delta.kind === "expired") {
    deps.logger.warn(
      { job: job.name, reason: delta.reason },
      "delta token rejected; running a full (initial) cycle",
    );
    return null;
  }
  const assignments = await deps.source.readAssignments(deps.servicePrincipalId);
  const now = deps.clock().toISOString();
  const due = deps.store.escrows(job.name).filter((e) => e.nextAttempt <= now);
  const retry = {
    users: due.filter((e) => e.type === "user").map((e) => e.sourceId),
    groups: due.filter((e) => e.type === "group").map((e) => e.sourceId),
  };
  const changes = buildChangeSet(job.name, deps.store, delta, assignments, retry, job.groups !== null);
  const userLinks = linksOf(
    deps,
    job.name,
    "user",
    new Set([...changes.userIds, ...changes.referencedUserIds]),
  );
  return {
    kind: "incremental",
    view: changes.view,
    subjects: { userIds: changes.userIds, groupIds: changes.groupIds, linkedAbsentAreGone: false },
    links: { user: userLinks, group: linksOf(deps, job.name, "group", changes.groupIds) },
    linkedUsers: new Set(userLinks.keys()),
    watermark: delta.watermark,
    mirror: changes.mirror,
    imported: changes.imported,
  };
}

/**
 * read → scope → map → match → plan. Sends only read requests to the app (matching queries), so the
 * dry-run `plan` command is simply this function. The first cycle, and any cycle after the job's mappings
 * or scope changed (config fingerprint) or after Graph rejected the delta token, reads the whole tenant;
 * the others read Graph's changes since the watermark. A source read that fails throws: a partial read is
 * never planned, so a Graph outage can never look like "everyone left".
 */
export async function prepareCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions = {},
): Promise<PreparedCycle> {
  const jobState = deps.store.getJobState(job.name);
  const incremental =
    jobState.watermark && jobState.fingerprint === job.fingerprint && !options.forceFull
      ? await readIncremental(deps, job, jobState.watermark)
      : null;
  const read = incremental ?? (await readFull(deps, job));
  const ctx = { now: deps.clock(), random: deps.random };
  const evaluations: Evaluations = await evaluateObjects(
    job,
    read.view,
    read.subjects,
    read.links,
    deps.target,
    ctx,
  );
  const plan = makePlan({
    jobName: job.name,
    cycleKind: read.kind,
    fingerprint: job.fingerprint,
    users: planInputFor(job.users, job, evaluations.users),
    groups: job.groups && evaluations.groups ? planInputFor(job.groups, job, evaluations.groups) : null,
    linkedUsers: read.linkedUsers,
    deletionThreshold: job.config.deletionThreshold,
    approveDeletes: options.approveDeletes ?? jobState.status.approveDeletes ?? false,
  });
  const inScope = evaluations.users.filter((e) => e.scope?.inScope && !e.scope.isSoftDeleted).length;
  return {
    plan,
    job,
    links: read.links,
    imported: read.imported,
    inScope,
    watermark: read.watermark,
    mirror: read.mirror,
  };
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

async function notifyIfNeeded(
  deps: CycleDeps,
  job: string,
  previous: QuarantineState | null,
  next: QuarantineState | null,
): Promise<void> {
  if (next && next.reason !== previous?.reason)
    deps.logger.warn({ reason: next.reason, error: next.error }, "job quarantined");
  if (next && shouldNotify(previous, next)) await deps.notify({ job, quarantine: next });
}

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
