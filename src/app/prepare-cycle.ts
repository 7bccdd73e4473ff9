import PQueue from "p-queue";
import type { JobDefinition } from "../config/job-definition.js";
import type { SourceWatermark } from "../domain/source.js";
import type { Change } from "../plan/change.js";
import type { Plan } from "../plan/plan.js";
import type { MirrorWrite } from "../state/source-mirror.js";
import type { CycleDeps } from "./cycle-deps.js";
import type { CycleLinks } from "./cycle-links.js";
import { PLAN_BATCH_SIZE, type PlanBatches, type PlanTotals, planBatches } from "./plan-stream.js";
import { type ReadResult, readFull, readIncremental } from "./read-source.js";

/** Options a caller may set for one cycle. */
export interface CycleOptions {
  /** Let deletions held by the accidental-deletion guard through (an admin approved them). */
  readonly approveDeletes?: boolean;
  /** Read the whole tenant even when a watermark would allow an incremental cycle. */
  readonly forceFull?: boolean;
  /** Objects evaluated and planned at once (default {@link PLAN_BATCH_SIZE}). */
  readonly batchSize?: number;
}

/** The result of read → scope → map → match → plan as one value: what `plan` prints. */
export interface PreparedCycle {
  readonly plan: Plan;
  readonly job: JobDefinition;
  /** When the read began: the cycle that applies this plan began then (Entra's timeBegan). */
  readonly started: Date;
  readonly links: CycleLinks;
  readonly imported: number;
  readonly importedReferenceDeltas: number;
  readonly inScope: number;
  /** See {@link PlanTotals.settled}. */
  readonly settled: PlanTotals["settled"];
  readonly entitled: number;
  readonly watermark: SourceWatermark;
  /** The connector data store update, committed with the watermark. */
  readonly mirror: MirrorWrite;
}

/**
 * The read stage of a cycle. The first cycle, and any cycle after the job's mappings or scope changed
 * (config fingerprint) or after Graph rejected the delta token, reads the whole tenant; the others read
 * Graph's changes since the watermark. A source read that fails throws: a partial read is never planned,
 * so a Graph outage can never look like "everyone left".
 */
export async function readForCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions = {},
): Promise<ReadResult> {
  const jobState = deps.store.getJobState(job.name);
  const incremental =
    jobState.watermark && jobState.fingerprint === job.fingerprint && !options.forceFull
      ? await readIncremental(deps, job, jobState.watermark)
      : null;
  return incremental ?? (await readFull(deps, job));
}

/** Whether held deletions go out this cycle: approved on the command line or by `restart --reset`. */
export function deletesApproved(deps: CycleDeps, job: JobDefinition, options: CycleOptions): boolean {
  return options.approveDeletes ?? deps.store.getJobState(job.name).status.approveDeletes ?? false;
}

/** What a plan is about, known before its first change. */
export type PlanHeading = Pick<Plan, "jobName" | "cycleKind" | "fingerprint">;

/** A cycle's read and its plan as it is made, batch by batch, never collected. */
export interface PlanStream {
  readonly read: ReadResult;
  readonly heading: PlanHeading;
  readonly batches: PlanBatches;
}

/**
 * read, then scope → map → match → plan a batch at a time. Sends only read requests to the app (matching
 * queries). The `plan` command prints each batch as it comes, so a large tenant's plan is never held.
 */
export async function streamPlan(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions = {},
): Promise<PlanStream> {
  const read = await readForCycle(deps, job, options);
  return {
    read,
    heading: { jobName: job.name, cycleKind: read.kind, fingerprint: job.fingerprint },
    batches: planBatches(deps, job, read, {
      approveDeletes: deletesApproved(deps, job, options),
      queue: new PQueue({ concurrency: job.config.target.concurrency }),
      batchSize: options.batchSize ?? PLAN_BATCH_SIZE,
    }),
  };
}

/** {@link streamPlan} collected into one plan: on-demand provisioning and tests apply it as a value. */
export async function prepareCycle(
  deps: CycleDeps,
  job: JobDefinition,
  options: CycleOptions = {},
): Promise<PreparedCycle> {
  const started = deps.clock();
  const { read, heading, batches } = await streamPlan(deps, job, options);
  const changes: Change[] = [];
  let step = await batches.next();
  while (!step.done) {
    for (const change of step.value) changes.push(change);
    step = await batches.next();
  }
  return {
    plan: {
      ...heading,
      changes,
      deletionGuard: step.value.deletionGuard,
      ...(read.outstanding.waiting.length > 0 ? { waitingRetries: read.outstanding.waiting } : {}),
    },
    job,
    started,
    links: read.links,
    imported: read.imported,
    importedReferenceDeltas: read.importedReferenceDeltas,
    inScope: step.value.inScope,
    settled: step.value.settled,
    entitled: step.value.entitled,
    watermark: read.watermark,
    mirror: read.mirror,
  };
}
