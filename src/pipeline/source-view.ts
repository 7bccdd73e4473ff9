import type { SourceId } from "../domain/ids.js";
import type { AppRole, AppRoleAssignment, SourceGroup } from "../domain/source.js";
import type { ReadonlyUsers } from "../domain/user-collection.js";

/**
 * The tenant as one cycle sees it: the users and groups read (all of them in an initial cycle) and the
 * app's assignments, indexed for the scope stage.
 */
export interface SourceView {
  /** A spool on disk after a full read: iterate or look up, never copy them all into memory. */
  readonly users: ReadonlyUsers;
  readonly groups: ReadonlyMap<SourceId, SourceGroup>;
  readonly appRoles: ReadonlyMap<string, AppRole>;
  /** Assignments by principal (user or group) id. */
  readonly assignmentsByPrincipal: ReadonlyMap<SourceId, readonly AppRoleAssignment[]>;
  /** Direct group memberships by user id (Entra does not expand nested groups). */
  readonly groupsOfUser: ReadonlyMap<SourceId, readonly SourceId[]>;
}

export function buildSourceView(
  users: ReadonlyUsers,
  groups: readonly SourceGroup[],
  appRoles: readonly AppRole[],
  assignments: readonly AppRoleAssignment[],
): SourceView {
  const assignmentsByPrincipal = new Map<SourceId, AppRoleAssignment[]>();
  for (const a of assignments) {
    const list = assignmentsByPrincipal.get(a.principalId);
    if (list) list.push(a);
    else assignmentsByPrincipal.set(a.principalId, [a]);
  }
  const groupsOfUser = new Map<SourceId, SourceId[]>();
  for (const g of groups) {
    for (const member of g.memberIds) {
      const list = groupsOfUser.get(member);
      if (list) list.push(g.id);
      else groupsOfUser.set(member, [g.id]);
    }
  }
  return {
    users,
    groups: new Map(groups.map((g) => [g.id, g])),
    appRoles: new Map(appRoles.map((r) => [r.id, r])),
    assignmentsByPrincipal,
    groupsOfUser,
  };
}
