import type { JobDefinition, ObjectTypeDefinition } from "../config/job-definition.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { SourceSelection, SourceWatermark } from "../domain/source.js";
import { applyPlan } from "../executor/apply.js";
import type { Outcome } from "../executor/outcome.js";
import { escrowKey, recordOutcomes } from "../pipeline/record.js";
import { buildSourceView } from "../pipeline/source-view.js";
import type { PlanSettings } from "../plan/evaluation.js";
import type { Plan } from "../plan/plan.js";
import type { ObjectTypePlanInput } from "../plan/planner.js";
import { plan as makePlan } from "../plan/planner.js";
import type { LinkRecord } from "../state/link.js";
import type { CycleRecord } from "../state/state-store.js";
import type { CycleDeps } from "./cycle-deps.js";
import { nextEscrowAttempt } from "./escrow-schedule.js";
import { type Evaluations, evaluateFullRead } from "./evaluate-objects.js";

/** Options a caller may set for one cycle. */
export interface CycleOptions {
  /** Let deletions held by the accidental-deletion guard through (an admin approved them). */
  readonly approveDeletes?: boolean;
}

/** The result of read → scope → map → match → plan: what `plan` prints and `sync` applies. */
export interface PreparedCycle {
  readonly plan: Plan;
  readonly job: JobDefinition;
  readonly links: Readonly<Record<ObjectType, ReadonlyMap<SourceId, LinkRecord>>>;
  readonly imported: number;
  readonly inScope: number;
  readonly watermark: SourceWatermark;
}

export interface CycleSummary {
  readonly cycle: CycleRecord;
  readonly plan: Plan;
  readonly outcomes: readonly Outcome[];
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

/**
 * read → scope → map → match → plan. Sends only read requests to the app (matching queries), so the
 * dry-run `plan` command is simply this function. A source read that fails throws: a partial read is never
 * planned, so a Graph outage can never look like "everyone left".
 */
export async function prepareCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions = {},
): Promise<PreparedCycle> {
  const { source, store, target } = deps;
  const jobState = store.getJobState(job.name);
  const selection = selectionFor(job);
  const [read, assignments] = await Promise.all([
    source.readAll(selection),
    source.readAssignments(deps.servicePrincipalId),
  ]);
  const view = buildSourceView(read.users, read.groups, assignments.appRoles, assignments.assignments);
  const links = { user: store.links(job.name, "user"), group: store.links(job.name, "group") };
  const ctx = { now: deps.clock(), random: deps.random };
  const evaluations: Evaluations = await evaluateFullRead(job, view, links, target, ctx);
  const plan = makePlan({
    jobName: job.name,
    cycleKind: jobState.watermark && jobState.fingerprint === job.fingerprint ? "incremental" : "initial",
    fingerprint: job.fingerprint,
    users: planInputFor(job.users, job, evaluations.users),
    groups: job.groups && evaluations.groups ? planInputFor(job.groups, job, evaluations.groups) : null,
    deletionThreshold: job.config.deletionThreshold,
    approveDeletes: options.approveDeletes ?? false,
  });
  const inScope = evaluations.users.filter((e) => e.scope?.inScope && !e.scope.isSoftDeleted).length;
  return {
    plan,
    job,
    links,
    imported: read.users.length + read.groups.length,
    inScope,
    watermark: read.watermark,
  };
}

const linkedTargets = (links: ReadonlyMap<SourceId, LinkRecord>): Map<SourceId, TargetId> =>
  new Map([...links.values()].map((l) => [l.sourceId, l.targetId]));

/** apply → record: carries out a prepared plan and commits everything it learnt in one transaction. */
export async function applyCycle(deps: CycleDeps, prepared: PreparedCycle): Promise<CycleSummary> {
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
  logger.info(
    { job: job.name, cycleId: cycle.cycleId, kind: cycle.kind, changes: plan.changes.length },
    "cycle started",
  );
  const outcomes = await applyPlan(plan, target, {
    concurrency: job.config.target.concurrency,
    maxMembersPerRequest: job.config.maxMembersPerRequest,
    managerPath: job.users.mappings.find((m) => m.reference === "manager")?.target,
    linkedTargets: { user: linkedTargets(prepared.links.user), group: linkedTargets(prepared.links.group) },
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
  const state: CycleRecord["state"] = jobFailure
    ? "Failed"
    : recorded.escrows.length > 0
      ? "EntryLevelErrors"
      : "Succeeded";
  const previous = store.getJobState(job.name);
  const finished: CycleRecord = {
    ...cycle,
    ended: now.toISOString(),
    state,
    counters: { ...recorded.counters, imported: prepared.imported, inScope: prepared.inScope },
    error: jobFailure?.kind === "failure" ? jobFailure.error.message : null,
  };
  store.commitCycle({
    cycle: finished,
    links: recorded.links,
    removedLinks: recorded.removedLinks,
    escrows: recorded.escrows,
    clearedEscrows: recorded.clearedEscrows,
    logEntries: recorded.logEntries,
    // The watermark advances only when the cycle's reads and records are complete.
    jobState: jobFailure
      ? null
      : {
          fingerprint: job.fingerprint,
          watermark: prepared.watermark,
          status: {
            ...previous.status,
            lastSuccessfulCycle:
              state === "Succeeded" ? (finished.ended ?? undefined) : previous.status.lastSuccessfulCycle,
          },
        },
  });
  logger.info(
    { job: job.name, cycleId: cycle.cycleId, state, counters: finished.counters },
    "cycle finished",
  );
  return { cycle: finished, plan, outcomes };
}
