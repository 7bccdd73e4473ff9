import type PQueue from "p-queue";
import type { JobDefinition, ObjectTypeDefinition } from "../config/job-definition.js";
import type { ObjectType, SourceId } from "../domain/ids.js";
import { escrowKey } from "../pipeline/record.js";
import type { Change } from "../plan/change.js";
import type { Plan } from "../plan/plan.js";
import { type ObjectTypeRules, PlanBuilder } from "../plan/plan-builder.js";
import type { CycleDeps } from "./cycle-deps.js";
import { evaluateInBatches } from "./evaluate-objects.js";
import { markEarlierFailures } from "./outstanding.js";
import type { ReadResult } from "./read-source.js";
import { slices } from "./slices.js";

/**
 * Objects evaluated and planned at once. Large enough that the request queue stays full across a batch
 * boundary, small enough that a 100k-user tenant never has more than two batches of evaluations alive.
 */
export const PLAN_BATCH_SIZE = 1000;

/** What is known once every batch was planned. */
export interface PlanTotals {
  readonly deletionGuard: Plan["deletionGuard"];
  /** Users in scope and not soft-deleted (Entra's countEntitledForProvisioning). */
  readonly inScope: number;
  /**
   * Escrowed or released objects this cycle evaluated for which nothing is planned at all (unassigned or
   * ignored before they were ever provisioned): nothing is outstanding for them any more.
   */
  readonly settled: readonly { readonly type: ObjectType; readonly sourceId: SourceId }[];
  /** Users assigned to the app, in scope of its filters or not (Entra's countEntitled). */
  readonly entitled: number;
}

/** Batches of changes in the order apply must run them, then the totals. */
export type PlanBatches = AsyncGenerator<Change[], PlanTotals>;

function rulesFor(definition: ObjectTypeDefinition, job: JobDefinition): ObjectTypeRules {
  return {
    settings: {
      appName: job.template.displayName,
      actions: definition.actions,
      skipOutOfScopeDeletions: job.config.skipOutOfScopeDeletions,
      ignoreCase: new Set(definition.mappings.filter((m) => !m.attribute.caseExact).map((m) => m.target)),
    },
    softDeleteFollowers: new Set(definition.mappings.filter((m) => m.followsSoftDelete).map((m) => m.target)),
    requiredPaths: definition.attributes.filter((a) => a.required).map((a) => a.name),
    primaryMatchingPath: definition.matching[0]?.target,
    managerPath: definition.mappings.find((m) => m.reference === "manager")?.target,
  };
}

/**
 * scope → map → match → plan over what the read stage produced, a batch at a time: each batch's object
 * changes are yielded as soon as they are planned (so `sync` applies them while the next batch is
 * evaluated), then manager and member references, then removals once the deletion guard has seen them all.
 * Sends only read requests to the app (matching queries).
 */
export async function* planBatches(
  deps: CycleDeps,
  job: JobDefinition,
  read: ReadResult,
  options: { readonly approveDeletes: boolean; readonly queue: PQueue; readonly batchSize: number },
): PlanBatches {
  const builder = new PlanBuilder({
    users: rulesFor(job.users, job),
    groups: job.groups ? rulesFor(job.groups, job) : null,
    linkedUsers: read.links.targets.user,
    deletionThreshold: job.config.deletionThreshold,
    approveDeletes: options.approveDeletes,
  });
  const ctx = { now: deps.clock(), random: deps.random };
  const { batchSize } = options;
  const batchOptions = { queue: options.queue, batchSize };
  let inScope = 0;
  const { failures } = read.outstanding;
  const settled: { type: ObjectType; sourceId: SourceId }[] = [];
  let entitled = 0;
  for await (const batch of evaluateInBatches(
    job,
    read.view,
    read.subjects,
    read.links,
    deps.target,
    ctx,
    batchOptions,
  )) {
    if (batch.type === "user") {
      inScope += batch.evaluations.filter((e) => e.scope?.inScope && !e.scope.isSoftDeleted).length;
      entitled += batch.evaluations.filter((e) => e.scope?.assigned).length;
    }
    const changes = markEarlierFailures(builder.add(batch.type, batch.evaluations), failures);
    if (failures.size > 0) settled.push(...unplanned(batch.evaluations, changes, failures));
    if (changes.length > 0) yield changes;
  }
  const end = builder.finish();
  yield* slices(markEarlierFailures(end.references, failures), batchSize);
  yield* slices(end.removals, batchSize);
  return { deletionGuard: end.deletionGuard, inScope, entitled, settled };
}

/** The outstanding objects among `evaluations` that no change of theirs is about. */
function unplanned(
  evaluations: readonly { readonly subject: Change["subject"] }[],
  changes: readonly Change[],
  failures: ReadonlyMap<string, unknown>,
): { type: ObjectType; sourceId: SourceId }[] {
  const key = (s: Change["subject"]) => escrowKey(s.type, s.sourceId);
  const planned = new Set(changes.map((c) => key(c.subject)));
  return evaluations
    .filter((e) => failures.has(key(e.subject)) && !planned.has(key(e.subject)))
    .map(({ subject }) => ({ type: subject.type, sourceId: subject.sourceId }));
}
