import type { SourceId } from "../domain/ids.js";
import type {
  AppAssignments,
  AppRoleAssignment,
  DeltaRead,
  SourceGroup,
  SourceUser,
} from "../domain/source.js";
import type { SourceView } from "../pipeline/source-view.js";
import { buildSourceView } from "../pipeline/source-view.js";
import type { MirrorWrite, SourceMirror } from "../state/source-mirror.js";

/**
 * What an incremental cycle evaluates: the objects a delta round (or an assignment change, or a due escrow
 * retry) touched, in a view built from the connector data store with the delta applied, and the mirror
 * write that records the delta.
 */
export interface ChangeSet {
  readonly view: SourceView;
  readonly userIds: SourceId[];
  readonly groupIds: SourceId[];
  readonly mirror: MirrorWrite;
  /** Users the plan may reference: members of evaluated groups and managers of evaluated users. */
  readonly referencedUserIds: Set<SourceId>;
  readonly imported: number;
  /** Manager changes and group-member additions and removals among the delta's changes. */
  readonly importedReferenceDeltas: number;
}

const assignmentKey = (list: readonly AppRoleAssignment[] | undefined) =>
  (list ?? [])
    .map((a) => a.appRoleId)
    .sort()
    .join(",");

/** Principals whose set of assigned roles differs between two reads of the app's assignments. */
function changedPrincipals(
  before: readonly AppRoleAssignment[],
  after: readonly AppRoleAssignment[],
): Set<SourceId> {
  const group = (list: readonly AppRoleAssignment[]) => {
    const map = new Map<SourceId, AppRoleAssignment[]>();
    for (const a of list) map.set(a.principalId, [...(map.get(a.principalId) ?? []), a]);
    return map;
  };
  const b = group(before);
  const a = group(after);
  const out = new Set<SourceId>();
  for (const id of new Set([...b.keys(), ...a.keys()]))
    if (assignmentKey(b.get(id)) !== assignmentKey(a.get(id))) out.add(id);
  return out;
}

/**
 * A user as it is after the delta: Graph sends the full selected property set for a changed user. A purged
 * user the connector data store does not hold still counts: a full read leaves out users that are in the
 * recycle bin, and one of them may be linked (disabled when it went there), so its purge must reach the
 * planner, which deletes a linked object.
 */
function mergeUser(previous: SourceUser | undefined, change: SourceUser): SourceUser | undefined {
  if (change.removed) {
    if (previous) return { ...previous, removed: change.removed };
    return change.removed === "hard"
      ? { id: change.id, attributes: {}, managerId: null, removed: "hard" }
      : undefined;
  }
  const managerId = change.managerId === undefined ? (previous?.managerId ?? null) : change.managerId;
  return { id: change.id, attributes: change.attributes, managerId };
}

export function buildChangeSet(
  job: string,
  mirror: SourceMirror,
  delta: DeltaRead,
  assignments: AppAssignments,
  /**
   * Objects known not to be provisioned (escrows due for a retry, released escrows): evaluated again although
   * the delta did not mention them, exactly as if their change were new.
   */
  retry: { readonly users: readonly SourceId[]; readonly groups: readonly SourceId[] },
  groupsProvisioned: boolean,
): ChangeSet {
  const previousAssignments = mirror.mirrorAssignments(job);
  const principals = changedPrincipals(previousAssignments, assignments.assignments);

  // Users the delta reported, merged with what the mirror knew.
  const previousUsers = mirror.mirrorUsers(
    job,
    delta.users.map((u) => u.id),
  );
  const users = new Map<SourceId, SourceUser>();
  const deletedUsers: SourceId[] = [];
  let managerChanges = 0;
  for (const change of delta.users) {
    const previous = previousUsers.get(change.id);
    if (change.managerId !== undefined && change.managerId !== (previous?.managerId ?? null))
      managerChanges++;
    const merged = mergeUser(previous, change);
    if (!merged) continue;
    users.set(change.id, merged);
    if (change.removed === "hard") deletedUsers.push(change.id);
  }

  // Groups the delta reported: attributes replaced, members patched.
  const changedGroupIds = delta.groups.map((g) => g.id);
  const previousGroups = mirror.mirrorGroups(job, changedGroupIds);
  const groups = new Map<SourceId, SourceGroup>();
  const memberAdds: { groupId: SourceId; memberId: SourceId }[] = [];
  const memberRemoves: { groupId: SourceId; memberId: SourceId }[] = [];
  const deletedGroups: SourceId[] = [];
  const touchedMembers = new Set<SourceId>();
  for (const change of delta.groups) {
    const previous = previousGroups.get(change.id);
    const members = new Set(previous?.memberIds ?? []);
    for (const id of change.removedMemberIds) {
      if (members.delete(id)) memberRemoves.push({ groupId: change.id, memberId: id });
      touchedMembers.add(id);
    }
    for (const id of change.addedMemberIds) {
      if (!members.has(id)) memberAdds.push({ groupId: change.id, memberId: id });
      members.add(id);
      touchedMembers.add(id);
    }
    const attributes = change.removed && previous ? previous.attributes : change.attributes;
    groups.set(change.id, {
      id: change.id,
      attributes,
      memberIds: [...members],
      ...(change.removed ? { removed: change.removed } : {}),
    });
    if (change.removed === "hard") deletedGroups.push(change.id);
  }

  // Assignment changes touch the principal and, for a group, its members.
  const retriedGroups = new Set(retry.groups);
  const principalGroups = mirror.mirrorGroups(
    job,
    [...principals, ...retriedGroups].filter((id) => !groups.has(id)),
  );
  for (const g of principalGroups.values()) groups.set(g.id, g);
  const affectedUsers = new Set<SourceId>([...users.keys(), ...touchedMembers, ...retry.users]);
  for (const id of principals) {
    const g = groups.get(id);
    if (g) for (const m of g.memberIds) affectedUsers.add(m);
    else affectedUsers.add(id);
  }
  const missing = [...affectedUsers].filter((id) => !users.has(id));
  for (const [id, u] of mirror.mirrorUsers(job, missing)) users.set(id, u);
  const userIds = [...affectedUsers].filter((id) => users.has(id));

  // Every group of an affected user, so scope (assignment through a group) sees complete memberships.
  const groupsOfUsers = mirror.mirrorGroupsOfUsers(job, userIds);
  const otherGroupIds = new Set<SourceId>();
  for (const list of groupsOfUsers.values()) for (const g of list) if (!groups.has(g)) otherGroupIds.add(g);
  for (const [id, g] of mirror.mirrorGroups(job, otherGroupIds)) groups.set(id, g);

  const groupIds = groupsProvisioned
    ? [...groups.keys()].filter(
        (id) =>
          changedGroupIds.includes(id) ||
          principals.has(id) ||
          retriedGroups.has(id) ||
          otherGroupIds.has(id) ||
          groups.get(id)!.memberIds.some((m) => affectedUsers.has(m)),
      )
    : [];
  const referencedUserIds = new Set<SourceId>();
  for (const id of groupIds) for (const m of groups.get(id)?.memberIds ?? []) referencedUserIds.add(m);
  for (const id of userIds) {
    const manager = users.get(id)?.managerId;
    if (manager) referencedUserIds.add(manager);
  }

  return {
    view: buildSourceView(users, [...groups.values()], assignments.appRoles, assignments.assignments),
    userIds,
    groupIds,
    referencedUserIds,
    imported: delta.users.length + delta.groups.length,
    importedReferenceDeltas: managerChanges + memberAdds.length + memberRemoves.length,
    mirror: {
      kind: "patch",
      users: delta.users
        .map((u) => users.get(u.id))
        .filter((u): u is SourceUser => u !== undefined && !deletedUsers.includes(u.id)),
      deletedUsers,
      groups: delta.groups
        .map((g) => groups.get(g.id))
        .filter((g): g is SourceGroup => g !== undefined && !deletedGroups.includes(g.id))
        .map(({ memberIds: _members, ...rest }) => rest),
      deletedGroups,
      memberAdds,
      memberRemoves,
      assignments: assignments.assignments,
    },
  };
}
