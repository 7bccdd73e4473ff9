import type { ErrorCode } from "../domain/errors.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { ProvisioningStep, SkipReason } from "../domain/provisioning-log.js";
import type { AttributeChange, FlatAttributes } from "../domain/values.js";
import type { DisableReason } from "../state/link.js";
import type { EscrowRelease } from "../state/state-store.js";

/** The source object a change is about. */
export interface Subject {
  readonly type: ObjectType;
  readonly sourceId: SourceId;
  /** userPrincipalName or group displayName, for people. */
  readonly displayName: string;
}

/**
 * Why an object is planned again: an earlier cycle's change of it failed and it is not in the app as Entra
 * has it. `plan` shows it beside the change, so a pending create never reads as new or as in sync.
 */
export interface EarlierFailure {
  readonly lastFailed: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** Why its retries stopped before this cycle; null while it is escrowed (this cycle is its retry). */
  readonly releasedBy: EscrowRelease | null;
}

/** Steps already taken while planning (import, scoping, matching), carried into the provisioning log. */
interface Planned {
  readonly subject: Subject;
  readonly steps: readonly ProvisioningStep[];
  /** Set when the object's change failed in an earlier cycle (escrowed or released). */
  readonly earlierFailure?: EarlierFailure;
}

/** POST the object; `attributes` holds every mapped value (reference attributes follow later). */
export interface CreateChange extends Planned {
  readonly kind: "create";
  readonly attributes: FlatAttributes;
}

/**
 * PATCH only `changes`. `link` says whether the target id came from state (`linked`) or from a matching
 * query this cycle (`matched`: the link is recorded even when there is nothing to change).
 */
export interface UpdateChange extends Planned {
  readonly kind: "update";
  readonly targetId: TargetId;
  readonly link: "linked" | "matched";
  readonly changes: readonly AttributeChange[];
  /** Every non-reference attribute after the update: what state records as exported. */
  readonly exported: FlatAttributes;
}

/** PATCH the attributes that follow IsSoftDeleted (usually `active`). */
export interface DisableChange extends Planned {
  readonly kind: "disable";
  readonly targetId: TargetId;
  readonly reason: DisableReason;
  readonly changes: readonly AttributeChange[];
  readonly exported: FlatAttributes;
}

/** DELETE the object (hard-deleted in Entra). */
export interface DeleteChange extends Planned {
  readonly kind: "delete";
  readonly targetId: TargetId;
}

/** Set a user's manager once both users exist (a source id, resolved to the app's id at apply). */
export interface ManagerChange extends Planned {
  readonly kind: "manager";
  readonly managerId: SourceId;
  /** The manager's userPrincipalName, for people reading the plan. */
  readonly managerName: string;
  /**
   * The app already names this manager: the user was matched this cycle and the resource it returned
   * references the manager's id in the app. Nothing is sent; the link records the manager.
   */
  readonly inSync?: true;
}

/** Add and remove group members (source ids, resolved through links at apply and batched). */
export interface MembersChange extends Planned {
  readonly kind: "members";
  readonly add: readonly SourceId[];
  readonly remove: readonly SourceId[];
  /** Members after the change, as state records them. */
  readonly memberIds: readonly SourceId[];
}

/** Nothing to send, with Entra's reason (RedundantExport, NotEffectivelyEntitled…). */
export interface SkipChange extends Planned {
  readonly kind: "skip";
  readonly reason: SkipReason;
  readonly detail: string;
  readonly targetId: TargetId | null;
}

/** Planning found the object cannot be provisioned (duplicate target entries, expression error…). */
export interface FailChange extends Planned {
  readonly kind: "fail";
  readonly code: ErrorCode;
  readonly detail: string;
}

/** A disable or delete held back by the accidental-deletion guard (Entra's `StagedDelete`). */
export interface StagedDeleteChange extends Planned {
  readonly kind: "stagedDelete";
  readonly held: DisableChange | DeleteChange;
}

export type Change =
  | CreateChange
  | UpdateChange
  | DisableChange
  | DeleteChange
  | ManagerChange
  | MembersChange
  | SkipChange
  | FailChange
  | StagedDeleteChange;

/** Changes that send requests to the app. */
export type WriteChange =
  | CreateChange
  | UpdateChange
  | DisableChange
  | DeleteChange
  | ManagerChange
  | MembersChange;

/** Whether carrying out the change sends at least one request to the app. */
export function isWrite(change: Change): boolean {
  switch (change.kind) {
    case "create":
    case "delete":
      return true;
    case "manager":
      return change.inSync !== true;
    case "update":
    case "disable":
      return change.changes.length > 0;
    case "members":
      return change.add.length > 0 || change.remove.length > 0;
    case "skip":
    case "fail":
    case "stagedDelete":
      return false;
    default: {
      const never: never = change;
      return never;
    }
  }
}
