import type { SourceId } from "../domain/ids.js";
import type { AppRoleAssignment, SourceGroup, SourceUser } from "../domain/source.js";
import type { ReadonlyUsers } from "../domain/user-collection.js";

/**
 * How one cycle changes the connector data store (the source as last read). Written in the same
 * transaction as the watermark, so the two never disagree.
 */
export type MirrorWrite =
  | {
      readonly kind: "replace";
      readonly users: ReadonlyUsers;
      readonly groups: readonly SourceGroup[];
      readonly assignments: readonly AppRoleAssignment[];
    }
  | {
      readonly kind: "patch";
      /** Users as they are now (full representation; `removed` marks the recycle bin). */
      readonly users: readonly SourceUser[];
      readonly deletedUsers: readonly SourceId[];
      /** Groups' attributes as they are now; members change through the two lists below. */
      readonly groups: readonly Omit<SourceGroup, "memberIds">[];
      readonly deletedGroups: readonly SourceId[];
      readonly memberAdds: readonly { readonly groupId: SourceId; readonly memberId: SourceId }[];
      readonly memberRemoves: readonly { readonly groupId: SourceId; readonly memberId: SourceId }[];
      readonly assignments: readonly AppRoleAssignment[];
    };

/** Reads of the connector data store, for incremental cycles. */
export interface SourceMirror {
  mirrorUsers(job: string, ids: Iterable<SourceId>): Map<SourceId, SourceUser>;
  /** Groups with their full direct member lists. */
  mirrorGroups(job: string, ids: Iterable<SourceId>): Map<SourceId, SourceGroup>;
  /** Direct groups of each user. */
  mirrorGroupsOfUsers(job: string, userIds: Iterable<SourceId>): Map<SourceId, SourceId[]>;
  mirrorAssignments(job: string): AppRoleAssignment[];
}
