import type { JobDefinition, ObjectTypeDefinition } from "../config/job-definition.js";
import type { ObjectType, SourceId } from "../domain/ids.js";
import type { SourceWatermark } from "../domain/source.js";
import type { PlanSettings } from "../plan/evaluation.js";
import type { Plan } from "../plan/plan.js";
import type { ObjectTypePlanInput } from "../plan/planner.js";
import { plan as makePlan } from "../plan/planner.js";
import type { LinkRecord } from "../state/link.js";
import type { MirrorWrite } from "../state/source-mirror.js";
import type { CycleDeps } from "./cycle-deps.js";
import { type Evaluations, evaluateObjects } from "./evaluate-objects.js";
import { readFull, readIncremental } from "./read-source.js";

/** Options a caller may set for one cycle. */
export interface CycleOptions {
  /** Let deletions held by the accidental-deletion guard through (an admin approved them). */
  readonly approveDeletes?: boolean;
  /** Read the whole tenant even when a watermark would allow an incremental cycle. */
  readonly forceFull?: boolean;
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
