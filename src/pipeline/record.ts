import type { ErrorCode } from "../domain/errors.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type {
  ModifiedProperty,
  ProvisioningAction,
  ProvisioningLogEntry,
  ProvisioningStatus,
  ProvisioningStep,
  SkipReason,
} from "../domain/provisioning-log.js";
import type { AttributeChange, AttrValue } from "../domain/values.js";
import type { Outcome } from "../executor/outcome.js";
import type { Change } from "../plan/change.js";
import { redactModifiedProperties } from "../plan/redaction.js";
import type { LinkRecord } from "../state/link.js";
import type { BatchCounters, EscrowRecord, ManagerUpdate, ReleasedEscrow } from "../state/state-store.js";

export interface RecordContext {
  readonly jobName: string;
  readonly cycleId: string;
  readonly appName: string;
  /** ISO time the entries are stamped with. */
  readonly now: string;
  readonly newId: () => string;
  /** The link as recorded so far (before this batch of outcomes). */
  readonly linkOf: (type: ObjectType, sourceId: SourceId) => LinkRecord | undefined;
  readonly escrows: ReadonlyMap<string, EscrowRecord>;
  /** Keys ({@link escrowKey}) of the released escrows: any outcome but "not attempted" settles them. */
  readonly released?: ReadonlySet<string>;
  /** When a failed object is retried next: grows with the number of attempts. */
  readonly nextAttempt: (attempts: number) => string;
  /** The object failed first so long ago that Entra would stop retrying it: its escrow is dropped. */
  readonly escrowExpired: (firstFailed: string) => boolean;
  /** Target paths mapped through Redact(), whose values the log shows as `[Redact]`. */
  readonly redactedPaths: (type: ObjectType) => ReadonlySet<string>;
  /**
   * Whether a group whose attributes are in sync gets a `RedundantExport` entry: yes in full cycles, as every
   * evaluated object does; not in incremental ones, which evaluate a group because its members changed and
   * log that member update (a skip beside it would contradict it).
   */
  readonly groupsInSyncLogged: boolean;
}

export interface RecordResult {
  readonly links: LinkRecord[];
  readonly removedLinks: { type: ObjectType; sourceId: SourceId }[];
  /** Manager changes of links stored before this batch (see `BatchRecord.managers`). */
  readonly managers: ManagerUpdate[];
  readonly escrows: EscrowRecord[];
  readonly clearedEscrows: { type: ObjectType; sourceId: SourceId }[];
  /** Escrows that expired: their objects stay known as not provisioned (see `ReleasedEscrow`). */
  readonly releasedEscrows: ReleasedEscrow[];
  readonly clearedReleases: { type: ObjectType; sourceId: SourceId }[];
  /**
   * The log entries, built one at a time as the store writes them: at 100k objects a materialised array of
   * entries (with every modified property) would be hundreds of megabytes. Iterate it once.
   */
  readonly logEntries: Iterable<ProvisioningLogEntry>;
  readonly counters: BatchCounters;
}

export const escrowKey = (type: ObjectType, id: SourceId) => `${type}:${id}`;

const json = (v: AttrValue | undefined | null): string | null =>
  v === undefined || v === null ? null : JSON.stringify(v);

function modified(changes: readonly AttributeChange[]): ModifiedProperty[] {
  return changes.map((c) => ({
    displayName: c.path,
    oldValue: json(c.oldValue),
    newValue: json(c.newValue),
  }));
}

function actionOf(change: Change, outcome: Outcome): ProvisioningAction {
  switch (change.kind) {
    case "create":
      return "Create";
    case "update":
      return outcome.kind === "noop" ? "Other" : "Update";
    case "manager":
    case "members":
      return "Update";
    case "disable":
      return "Disable";
    case "delete":
      return "Delete";
    case "stagedDelete":
      return "StagedDelete";
    case "skip":
    case "fail":
      return "Other";
    default: {
      const never: never = change;
      return never;
    }
  }
}

const EXPORT_STEP_NAME: Partial<Record<Change["kind"], string>> = {
  create: "EntryExportAdd",
  update: "EntryExportUpdate",
  manager: "EntryExportUpdate",
  members: "EntryExportUpdate",
  disable: "EntryExportUpdateSoftDelete",
  delete: "EntryExportDelete",
};

const VERB: Partial<Record<Change["kind"], string>> = {
  create: "created in",
  update: "updated in",
  manager: "updated in",
  members: "updated in",
  disable: "disabled in",
  delete: "deleted from",
};

function changeModifications(change: Change): ModifiedProperty[] {
  switch (change.kind) {
    case "create":
      return Object.entries(change.attributes).map(([path, v]) => ({
        displayName: path,
        oldValue: null,
        newValue: json(v),
      }));
    case "update":
    case "disable":
      return modified(change.changes);
    case "manager":
      return [{ displayName: "manager", oldValue: null, newValue: change.managerName }];
    case "members": {
      const out: ModifiedProperty[] = [];
      if (change.add.length > 0)
        out.push({ displayName: "members (added)", oldValue: null, newValue: JSON.stringify(change.add) });
      if (change.remove.length > 0)
        out.push({
          displayName: "members (removed)",
          oldValue: JSON.stringify(change.remove),
          newValue: null,
        });
      return out;
    }
    case "stagedDelete":
      return changeModifications(change.held);
    default:
      return [];
  }
}

/** The object was already in sync: nothing to send (a RedundantExport skip, or a matched link unchanged). */
const isInSync = (outcome: Outcome): boolean =>
  (outcome.change.kind === "skip" && outcome.change.reason === "RedundantExport") ||
  (outcome.kind === "noop" && outcome.change.kind === "update");

/** Entra's status of an outcome's log entry; null when the outcome is not logged (never attempted). */
function statusOf(outcome: Outcome, ctx: RecordContext): ProvisioningStatus | null {
  const change = outcome.change;
  if (change.subject.type === "group" && !ctx.groupsInSyncLogged && isInSync(outcome)) return null;
  // An in-sync manager sent nothing and changed nothing in the app: only its link learns the manager.
  if (outcome.kind === "notAttempted" || (change.kind === "manager" && change.inSync)) return null;
  if (change.kind === "skip" || change.kind === "stagedDelete" || outcome.kind === "noop") {
    return change.kind === "fail" ? "Failure" : "Skipped";
  }
  if (change.kind === "fail" || outcome.kind === "failure") return "Failure";
  return change.steps.some((s) => s.status === "warning") ? "Warning" : "Success";
}

function* lazyEntries(outcomes: readonly Outcome[], ctx: RecordContext): Generator<ProvisioningLogEntry> {
  for (const outcome of outcomes) {
    const entry = logEntry(outcome, ctx);
    if (entry) yield entry;
  }
}

/** Builds the provisioning-log entry for one outcome; null when there is nothing worth logging. */
function logEntry(outcome: Outcome, ctx: RecordContext): ProvisioningLogEntry | null {
  const change = outcome.change;
  const status = statusOf(outcome, ctx);
  if (status === null) return null;
  let errorCode: ErrorCode | SkipReason | null = null;
  let reason: string;
  const steps: ProvisioningStep[] = [...change.steps];
  const exportName = EXPORT_STEP_NAME[change.kind] ?? "EntrySynchronizationSkip";
  const label = `${change.subject.type === "user" ? "User" : "Group"} '${change.subject.displayName}'`;
  if (change.kind === "skip") {
    errorCode = change.reason;
    reason = change.detail;
  } else if (change.kind === "fail") {
    errorCode = change.code;
    reason = change.detail;
  } else if (change.kind === "stagedDelete") {
    reason = `${label} was not ${change.held.kind === "delete" ? "deleted" : "disabled"}: the accidental-deletion threshold was exceeded`;
  } else if (outcome.kind === "noop") {
    errorCode = "RedundantExport";
    reason = `${label} is already in sync in ${ctx.appName}`;
    steps.push({
      name: "EntrySynchronizationSkip",
      type: "processing",
      status: "skipped",
      description: reason,
      details: { SkipReason: "RedundantExport", ReportableIdentifier: change.subject.displayName },
    });
  } else if (outcome.kind === "failure") {
    errorCode = outcome.error.code;
    reason = outcome.error.message;
    steps.push({
      name: exportName,
      type: "export",
      status: "failure",
      description: `Failed: ${reason}`,
      details: {},
    });
  } else {
    reason = `${label} was ${VERB[change.kind] ?? "processed in"} ${ctx.appName}`;
    steps.push({ name: exportName, type: "export", status: "success", description: reason, details: {} });
  }
  const targetId =
    outcome.kind === "success"
      ? outcome.targetId
      : "targetId" in change
        ? (change.targetId as TargetId | null)
        : null;
  return {
    id: ctx.newId(),
    jobName: ctx.jobName,
    cycleId: ctx.cycleId,
    changeId: ctx.newId(),
    activityDateTime: ctx.now,
    durationInMilliseconds: "durationMs" in outcome ? Math.round(outcome.durationMs) : 0,
    action: actionOf(change, outcome),
    status,
    errorCode,
    reason,
    objectType: change.subject.type,
    sourceId: change.subject.sourceId,
    sourceDisplayName: change.subject.displayName,
    targetId: targetId ?? null,
    steps,
    modifiedProperties:
      outcome.kind === "noop"
        ? []
        : redactModifiedProperties(changeModifications(change), ctx.redactedPaths(change.subject.type)),
  };
}

/**
 * The record stage: turns a batch of outcomes into state updates (links, escrows) and provisioning-log
 * entries. Pure but for `linkOf`; the store writes the result in one transaction.
 */
export function recordOutcomes(outcomes: readonly Outcome[], ctx: RecordContext): RecordResult {
  const working = new Map<string, LinkRecord>();
  const removed = new Map<string, { type: ObjectType; sourceId: SourceId }>();
  const linkOf = (type: ObjectType, id: SourceId) => working.get(escrowKey(type, id)) ?? ctx.linkOf(type, id);
  const put = (link: LinkRecord) => working.set(escrowKey(link.type, link.sourceId), link);
  const managers: ManagerUpdate[] = [];
  const escrows: EscrowRecord[] = [];
  const cleared = new Map<string, { type: ObjectType; sourceId: SourceId }>();
  const releasedEscrows: ReleasedEscrow[] = [];
  const clearedReleases: { type: ObjectType; sourceId: SourceId }[] = [];
  const entries: Partial<Record<ProvisioningAction, Partial<Record<ProvisioningStatus, number>>>> = {};
  let exports = 0;
  let exported = 0;
  let skipped = 0;

  for (const outcome of outcomes) {
    const { change } = outcome;
    const { type, sourceId, displayName } = change.subject;
    const key = escrowKey(type, sourceId);
    const status = statusOf(outcome, ctx);
    if (status !== null) {
      const action = actionOf(change, outcome);
      const byStatus = entries[action] ?? {};
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      entries[action] = byStatus;
      if (status === "Skipped") skipped++;
    }
    // Evaluated again: a released object is provisioned now, fails anew (a new escrow below) or is no longer
    // wanted (out of scope, in sync); either way it no longer waits for a cycle to look at it.
    if (outcome.kind !== "notAttempted" && ctx.released?.has(key)) clearedReleases.push({ type, sourceId });
    if (outcome.kind === "success" || outcome.kind === "failure") exports++;
    if (outcome.kind === "success") exported++;
    if (outcome.kind === "failure" || (outcome.kind === "noop" && change.kind === "fail")) {
      const error =
        outcome.kind === "failure"
          ? outcome.error
          : { code: (change as { code: ErrorCode }).code, message: (change as { detail: string }).detail };
      const previous = ctx.escrows.get(key);
      const attempts = (previous?.attempts ?? 0) + 1;
      // Failing still after the escrow's lifetime: logged as every failure is, its retry schedule and its
      // count toward quarantine stop; released, the object is evaluated again in the next cycle.
      if (previous && ctx.escrowExpired(previous.firstFailed)) {
        cleared.set(key, { type, sourceId });
        releasedEscrows.push({
          type,
          sourceId,
          displayName,
          firstFailed: previous.firstFailed,
          lastFailed: ctx.now,
          errorCode: error.code,
          errorMessage: error.message,
          releasedBy: "expired",
          released: ctx.now,
        });
      } else
        escrows.push({
          type,
          sourceId,
          displayName,
          attempts,
          firstFailed: previous?.firstFailed ?? ctx.now,
          lastFailed: ctx.now,
          nextAttempt: ctx.nextAttempt(attempts),
          errorCode: error.code,
          errorMessage: error.message,
          referenceFailure: change.kind === "manager" || change.kind === "members",
        });
      if (outcome.kind === "failure" && change.kind === "members" && outcome.memberIds) {
        const link = linkOf(type, sourceId);
        if (link) put({ ...link, memberIds: outcome.memberIds });
      }
      continue;
    }
    if (outcome.kind === "notAttempted") continue;
    if (ctx.escrows.has(key) && change.kind !== "skip" && change.kind !== "stagedDelete")
      cleared.set(key, { type, sourceId });
    // Read only where needed: a create (most of an initial cycle) has no link to look up.
    const old = () => linkOf(type, sourceId);
    switch (change.kind) {
      case "create": {
        const targetId = outcome.kind === "success" ? outcome.targetId : null;
        if (targetId) {
          put({
            type,
            sourceId,
            targetId,
            displayName,
            exported: change.attributes,
            managerId: null,
            memberIds: [],
            disabledReason: null,
          });
        }
        break;
      }
      case "update": {
        const link = old();
        put({
          type,
          sourceId,
          targetId: change.targetId,
          displayName,
          exported: change.exported,
          managerId: link?.managerId ?? null,
          memberIds: link?.memberIds ?? [],
          disabledReason: null,
        });
        break;
      }
      case "disable": {
        const link = old();
        if (link) put({ ...link, displayName, exported: change.exported, disabledReason: change.reason });
        break;
      }
      case "delete":
        working.delete(key);
        removed.set(key, { type, sourceId });
        break;
      case "manager": {
        // A link written earlier in this batch takes the manager along; a stored one gets one column.
        const pending = working.get(key);
        if (pending) put({ ...pending, managerId: change.managerId });
        else managers.push({ sourceId, managerId: change.managerId });
        break;
      }
      case "members": {
        const link = old();
        if (link)
          put({ ...link, memberIds: (outcome.kind === "success" && outcome.memberIds) || change.memberIds });
        break;
      }
      case "skip":
      case "fail":
      case "stagedDelete":
        break;
      default: {
        const never: never = change;
        return never;
      }
    }
  }
  return {
    links: [...working.values()],
    removedLinks: [...removed.values()],
    managers,
    escrows,
    clearedEscrows: [...cleared.values()],
    releasedEscrows,
    clearedReleases,
    logEntries: lazyEntries(outcomes, ctx),
    counters: { exports, exported, escrowed: escrows.length, skipped, entries },
  };
}
