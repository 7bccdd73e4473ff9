import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type {
  ProvisioningAction,
  ProvisioningLogEntry,
  ProvisioningStatus,
} from "../domain/provisioning-log.js";
import type { SourceWatermark } from "../domain/source.js";
import type { UserCollection } from "../domain/user-collection.js";
import type { QuarantineState } from "../reliability/quarantine.js";
import type { LinkRecord } from "./link.js";
import type { MirrorWrite, SourceMirror } from "./source-mirror.js";

/** Per-job status that outlives a process: quarantine, pause, last results. Shaped for the status API. */
export interface JobStatus {
  readonly paused?: boolean;
  /** Entra's quarantine (reason, series, next attempt); absent or null when the job is healthy. */
  readonly quarantine?: QuarantineState | null;
  /** An admin approved the deletions held by the accidental-deletion guard; consumed by the next cycle. */
  readonly approveDeletes?: boolean;
  readonly lastSuccessfulCycle?: string;
  readonly steadyStateFirstAchieved?: string;
  readonly steadyStateLastAchieved?: string;
  readonly countSuccessiveCompleteFailures?: number;
  /** The last cycle, an initial one, cleared its escrows instead of quarantining and paused the job. */
  readonly escrowsPruned?: boolean;
}

export interface JobState {
  /** Fingerprint of the config the links and watermark were built with; a change forces an initial cycle. */
  readonly fingerprint: string | null;
  /** Where the next incremental cycle continues in Graph's change stream; null = next cycle is initial. */
  readonly watermark: SourceWatermark | null;
  readonly status: JobStatus;
}

/** What the record stage counts in one batch of a cycle; a cycle's are the sum of its batches'. */
export interface BatchCounters {
  readonly exports: number;
  readonly exported: number;
  readonly escrowed: number;
  readonly skipped: number;
  /** Provisioning-log entries written, by action then status: what `entra_sync_changes_total` counts. */
  readonly entries: Readonly<
    Partial<Record<ProvisioningAction, Partial<Record<ProvisioningStatus, number>>>>
  >;
}

/** Counters of one cycle, after Entra's `synchronizationTaskExecution` (docs/operations.md). */
export interface CycleCounters extends BatchCounters {
  readonly imported: number;
  /** Users evaluated that are in scope (assigned, passing the scoping filters) and active. */
  readonly inScope: number;
  /** Users evaluated that are assigned to the app (every user under scope "all"). */
  readonly entitled: number;
  /** Manager and group-member changes in the delta an incremental cycle read; 0 for a full read. */
  readonly importedReferenceDeltas: number;
  /** Escrows outstanding when the cycle ended: this cycle's and those carried from earlier cycles. */
  readonly escrowedRaw: number;
}

export interface CycleRecord {
  readonly cycleId: string;
  readonly job: string;
  readonly kind: "initial" | "incremental";
  readonly started: string;
  readonly ended: string | null;
  /** Entra's task execution states, plus `Running` while in progress (a crash leaves it so). */
  readonly state: "Running" | "Succeeded" | "Failed" | "EntryLevelErrors";
  readonly counters: Partial<CycleCounters>;
  readonly error: string | null;
}

/** An object whose change failed: retried in later cycles until it succeeds. */
export interface EscrowRecord {
  readonly type: ObjectType;
  readonly sourceId: SourceId;
  readonly displayName: string;
  readonly attempts: number;
  readonly firstFailed: string;
  readonly lastFailed: string;
  readonly nextAttempt: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** Manager / member failures count apart for quarantine (Entra's "reference failures"). */
  readonly referenceFailure: boolean;
}

/** Why an object's escrow stopped while its change is still not in the app. */
export type EscrowRelease = "restart" | "escrowsPruned" | "expired";

/**
 * An object whose change failed and whose escrow was cleared (`restart --reset escrows`), pruned (Entra's
 * `escrowsPruned`) or expired (28 days): its retry bookkeeping stopped, but the engine still knows the change
 * is not in the app, so the next cycle, incremental included, evaluates the object again as if its change
 * were new. Kept apart from the escrows so that nothing counts it toward quarantine.
 */
export interface ReleasedEscrow {
  readonly type: ObjectType;
  readonly sourceId: SourceId;
  readonly displayName: string;
  readonly firstFailed: string;
  readonly lastFailed: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly releasedBy: EscrowRelease;
  /** ISO time of the release. */
  readonly released: string;
}

/** What one batch of a running cycle taught, written in one transaction. */
/** A user's new manager, set on its stored link (and on nothing when the user has no link). */
export interface ManagerUpdate {
  readonly sourceId: SourceId;
  readonly managerId: SourceId | null;
}

export interface BatchRecord {
  /** Written first, whole. */
  readonly links: readonly LinkRecord[];
  readonly removedLinks: readonly { readonly type: ObjectType; readonly sourceId: SourceId }[];
  /**
   * Written after `links`, one column each: a manager change is the only change to most links in a cycle's
   * reference batches, and rewriting the whole link for it cost a read and a full upsert per user.
   */
  readonly managers: readonly ManagerUpdate[];
  readonly escrows: readonly EscrowRecord[];
  readonly clearedEscrows: readonly { readonly type: ObjectType; readonly sourceId: SourceId }[];
  /** Escrows that expired in this batch (absent: none); written after `clearedReleases`. */
  readonly releasedEscrows?: readonly ReleasedEscrow[];
  /** Released objects this batch evaluated again (absent: none): provisioned, failed anew or not wanted. */
  readonly clearedReleases?: readonly { readonly type: ObjectType; readonly sourceId: SourceId }[];
  /** Consumed once, inside the transaction. */
  readonly logEntries: Iterable<ProvisioningLogEntry>;
}

/** The end of a cycle, written in one transaction once every batch was recorded. */
export interface CycleCommit {
  readonly cycle: CycleRecord;
  /** The connector data store's change; null when the cycle did not complete its reads and records. */
  readonly mirror: MirrorWrite | null;
  /** Written last: the watermark only advances together with everything above. */
  readonly jobState: JobState | null;
  /**
   * Clears every escrow of the job, those this cycle's batches wrote included (Entra's `escrowsPruned`), into
   * the released escrows: the next cycle evaluates those objects again.
   */
  readonly pruneEscrows?: boolean;
}

export interface LogQuery {
  readonly job: string;
  readonly action?: ProvisioningAction;
  readonly status?: ProvisioningStatus;
  /** Source object id, userPrincipalName / displayName, or target id. */
  readonly object?: string;
  readonly since?: string;
  readonly until?: string;
  readonly cycleId?: string;
  readonly limit?: number;
}

/** Where the engine keeps what it knows between cycles. SQLite by default (`sqlite-store.ts`). */
/** What `entra-sync restart --reset` clears (Entra's restart criteria). */
export type ResetPart = "watermark" | "escrows" | "quarantine" | "links" | "force-deletes";
export const RESET_PARTS: readonly ResetPart[] = [
  "watermark",
  "escrows",
  "quarantine",
  "links",
  "force-deletes",
];

export interface StateStore extends SourceMirror {
  getJobState(job: string): JobState;
  saveJobState(job: string, state: JobState): void;
  /** An empty spool for a full read's users (emptying the job's last one): the tenant is kept on disk. */
  userSpool(job: string): UserCollection;
  links(job: string, type: ObjectType): Map<SourceId, LinkRecord>;
  /** Target ids of the job's linked objects of a type, by source id: which objects are linked. */
  linkTargets(job: string, type: ObjectType): Map<SourceId, TargetId>;
  link(job: string, type: ObjectType, sourceId: SourceId): LinkRecord | undefined;
  /** Only the linked object's id in the app: no exported values to parse (references need no more). */
  linkTarget(job: string, type: ObjectType, sourceId: SourceId): TargetId | undefined;
  /** How many objects of a type the job has linked (Entra's synchronizedEntryCountByType). */
  countLinks(job: string, type: ObjectType): number;
  escrows(job: string): EscrowRecord[];
  /** The job's released escrows (see {@link ReleasedEscrow}). */
  releasedEscrows(job: string): ReleasedEscrow[];
  startCycle(record: CycleRecord): void;
  cycles(job: string, limit?: number): CycleRecord[];
  /** Writes a batch of a running cycle: links, escrows and log entries together or not at all. */
  recordBatch(job: string, batch: BatchRecord): void;
  commitCycle(commit: CycleCommit): void;
  logs(query: LogQuery): ProvisioningLogEntry[];
  /**
   * Clears the given parts of a job's state in one transaction. Cleared escrows become released escrows
   * stamped `now` (ISO; the wall clock by default): their objects are evaluated again in the next cycle.
   */
  reset(job: string, parts: readonly ResetPart[], now?: string): void;
  close(): void;
}
