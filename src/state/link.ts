import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { FlatAttributes } from "../domain/values.js";

/**
 * Why a linked object was last disabled. Out-of-scope exits (`unassigned`, `scopingFilter`) end management:
 * Entra sends nothing for a later soft or hard delete of such a user.
 */
export type DisableReason =
  | "unassigned"
  | "scopingFilter"
  | "accountDisabled"
  | "softDeleted"
  | "missingFromSource";

/**
 * What the engine knows about one object it provisioned or matched: the link between its Entra object id
 * and the app's id, and what was last exported (so updates send only what changed, without reading the
 * target back).
 */
export interface LinkRecord {
  readonly type: ObjectType;
  readonly sourceId: SourceId;
  readonly targetId: TargetId;
  /** userPrincipalName / group displayName, for logs and status. */
  readonly displayName: string;
  /** Non-reference attributes as last exported. */
  readonly exported: FlatAttributes;
  /** Manager as last exported (source id), null = none. Users only. */
  readonly managerId: SourceId | null;
  /** Members as last exported (source ids). Groups only. */
  readonly memberIds: readonly SourceId[];
  /** Null while the object is active in the target. */
  readonly disabledReason: DisableReason | null;
}

/** Whether the engine still acts on source deletions of this object (see {@link DisableReason}). */
export function isManaged(link: LinkRecord): boolean {
  return link.disabledReason !== "unassigned" && link.disabledReason !== "scopingFilter";
}
