import { DEFAULT_ACCESS_ROLE_ID } from "../../domain/source.js";
import type { SourceValue } from "../../domain/values.js";
import { type ChangeEntry, ChangeLog } from "./change-log.js";
import { badRequest, notFound } from "./graph-error.js";
import { IndexedList } from "./indexed-list.js";
import type { TenantData, TenantGroup, TenantUser } from "./tenant-schema.js";

export type MemberType = "user" | "group";

export interface UserRecord {
  readonly id: string;
  /** Graph-named properties; an unset property is an absent key. */
  props: Record<string, SourceValue>;
  managerId: string | null;
  /** Soft-deleted: in the recycle bin, hidden from `/users`. */
  deleted: boolean;
}

export interface GroupRecord {
  readonly id: string;
  props: Record<string, SourceValue>;
  /** Direct members by id, valued by their type. */
  readonly members: IndexedList<MemberType>;
}

export interface AssignmentRecord {
  readonly id: string;
  readonly principalId: string;
  readonly principalType: "User" | "Group";
  readonly appRoleId: string;
  readonly createdDateTime: string;
}

/** What the store needs from outside: a clock and an id generator (injected so tests can pin them). */
export interface StoreEnv {
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * The live tenant. Every mutation goes through a method here, which keeps the indexes (UPN, reverse
 * memberships, direct reports) in step and appends to the change log that delta rounds replay.
 */
export class TenantStore {
  readonly users = new IndexedList<UserRecord>();
  readonly groups = new IndexedList<GroupRecord>();
  readonly assignments = new IndexedList<AssignmentRecord>();
  readonly log = new ChangeLog();
  private readonly upnIndex = new Map<string, string>();
  private readonly memberOf = new Map<string, Set<string>>();
  private readonly reports = new Map<string, Set<string>>();
  private readonly assignmentsByPrincipal = new Map<string, Set<string>>();
  /** Loading the tenant file is the starting state, not a change. */
  private recording = false;

  private constructor(
    readonly tenantId: string,
    readonly application: TenantData["application"],
    readonly env: StoreEnv,
  ) {}

  static fromTenant(data: TenantData, env: StoreEnv): TenantStore {
    const store = new TenantStore(data.tenantId, data.application, env);
    for (const user of data.users)
      store.insertUser(userPropsFromTenant(user, env.now()), user.deleted, user.id);
    for (const user of data.users) {
      if (user.managerId === undefined) continue;
      if (!store.users.has(user.managerId)) {
        throw new Error(
          `Expected managerId of user ${user.id} to name a user in the tenant, got ${user.managerId}`,
        );
      }
      store.setManager(store.requireUser(user.id), user.managerId);
    }
    for (const group of data.groups) store.insertGroup(groupPropsFromTenant(group, env.now()), group.id);
    for (const group of data.groups) {
      const record = store.requireGroup(group.id);
      for (const memberId of group.members) {
        if (store.kindOf(memberId) === undefined) {
          throw new Error(`Expected members of group ${group.id} to name users or groups, got ${memberId}`);
        }
        store.addMember(record, memberId);
      }
    }
    for (const assignment of data.appRoleAssignments) {
      if (store.kindOf(assignment.principalId) === undefined) {
        throw new Error(
          `Expected principalId of an assignment to name a user or group, got ${assignment.principalId}`,
        );
      }
      store.addAssignment(assignment.principalId, assignment.appRoleId, assignment.id);
    }
    store.recording = true;
    return store;
  }

  private record(entry: ChangeEntry): void {
    if (this.recording) this.log.append(entry);
  }

  // ---- lookups ----------------------------------------------------------------------------------

  /** A user by object id or userPrincipalName (case-insensitive), recycle bin included. */
  findUser(idOrUpn: string): UserRecord | undefined {
    return this.users.get(idOrUpn) ?? this.users.get(this.upnIndex.get(idOrUpn.toLowerCase()) ?? "");
  }

  /** A user by object id, recycle bin included, or a 404. */
  requireUser(id: string): UserRecord {
    const user = this.users.get(id);
    if (user === undefined) throw notFound(id);
    return user;
  }

  /** A user that is not in the recycle bin, or a 404. */
  requireLiveUser(idOrUpn: string): UserRecord {
    const user = this.findUser(idOrUpn);
    if (user === undefined || user.deleted) throw notFound(idOrUpn);
    return user;
  }

  requireGroup(id: string): GroupRecord {
    const group = this.groups.get(id);
    if (group === undefined) throw notFound(id);
    return group;
  }

  /** `user` / `group` for a directory object id (recycle bin included), or undefined. */
  kindOf(id: string): MemberType | undefined {
    if (this.users.has(id)) return "user";
    return this.groups.has(id) ? "group" : undefined;
  }

  /** Like {@link kindOf}, but a user in the recycle bin is not a live directory object. */
  liveKindOf(id: string): MemberType | undefined {
    return this.users.get(id)?.deleted ? undefined : this.kindOf(id);
  }

  displayNameOf(id: string): SourceValue {
    return this.users.get(id)?.props.displayName ?? this.groups.get(id)?.props.displayName ?? null;
  }

  // ---- users ------------------------------------------------------------------------------------

  insertUser(props: Record<string, SourceValue>, deleted = false, id = this.env.newId()): UserRecord {
    const upn = String(props.userPrincipalName ?? "").toLowerCase();
    if (this.users.has(id))
      throw badRequest(`Another object with the same value for property id already exists.`);
    if (this.upnIndex.has(upn)) {
      throw badRequest("Another object with the same value for property userPrincipalName already exists.");
    }
    const user: UserRecord = { id, props: withProxyAddresses(withoutNulls(props)), managerId: null, deleted };
    if (deleted) user.props.deletedDateTime = this.env.now().toISOString();
    this.users.set(id, user);
    this.upnIndex.set(upn, id);
    this.record({ kind: "user", id, lifecycle: "created", props: [] });
    return user;
  }

  /** Applies changes (null clears); records only properties whose value really changed. */
  updateUser(user: UserRecord, changes: Readonly<Record<string, SourceValue>>): void {
    const newUpn = changes.userPrincipalName;
    if (
      typeof newUpn === "string" &&
      newUpn.toLowerCase() !== String(user.props.userPrincipalName).toLowerCase()
    ) {
      if (this.upnIndex.has(newUpn.toLowerCase())) {
        throw badRequest("Another object with the same value for property userPrincipalName already exists.");
      }
      this.upnIndex.delete(String(user.props.userPrincipalName).toLowerCase());
      this.upnIndex.set(newUpn.toLowerCase(), user.id);
    }
    const changed = applyChanges(user.props, changes);
    if ("mail" in changes) user.props = withProxyAddresses(user.props);
    if (changed.length > 0) this.record({ kind: "user", id: user.id, lifecycle: "updated", props: changed });
  }

  setManager(user: UserRecord, managerId: string | null): void {
    const previous = user.managerId;
    if (previous === managerId) return;
    if (previous !== null) this.reports.get(previous)?.delete(user.id);
    if (managerId !== null) setOf(this.reports, managerId).add(user.id);
    user.managerId = managerId;
    this.record({
      kind: "user",
      id: user.id,
      lifecycle: "updated",
      props: ["manager"],
      previousManagerId: previous,
    });
  }

  /** Moves a user to the recycle bin. Memberships, manager links and assignments are kept (as in Entra). */
  softDeleteUser(user: UserRecord): void {
    user.deleted = true;
    user.props.deletedDateTime = this.env.now().toISOString();
    this.record({ kind: "user", id: user.id, lifecycle: "softDeleted", props: [] });
  }

  restoreUser(user: UserRecord): void {
    user.deleted = false;
    delete user.props.deletedDateTime;
    this.record({ kind: "user", id: user.id, lifecycle: "restored", props: [] });
  }

  /** Permanent delete: the user leaves every group, its reports lose their manager, its assignments go. */
  purgeUser(user: UserRecord): void {
    for (const groupId of [...(this.memberOf.get(user.id) ?? [])]) {
      this.removeMember(this.requireGroup(groupId), user.id);
    }
    for (const reportId of [...(this.reports.get(user.id) ?? [])]) {
      const report = this.users.get(reportId);
      if (report) this.setManager(report, null);
    }
    if (user.managerId !== null) this.reports.get(user.managerId)?.delete(user.id);
    this.removeAssignmentsOf(user.id);
    this.users.delete(user.id);
    this.upnIndex.delete(String(user.props.userPrincipalName).toLowerCase());
    this.reports.delete(user.id);
    this.memberOf.delete(user.id);
    this.record({ kind: "user", id: user.id, lifecycle: "purged", props: [] });
  }

  // ---- groups -----------------------------------------------------------------------------------

  insertGroup(props: Record<string, SourceValue>, id = this.env.newId()): GroupRecord {
    if (this.groups.has(id) || this.users.has(id)) {
      throw badRequest("Another object with the same value for property id already exists.");
    }
    const group: GroupRecord = { id, props: withoutNulls(props), members: new IndexedList<MemberType>() };
    this.groups.set(id, group);
    this.record({ kind: "group", id, lifecycle: "created", props: [] });
    return group;
  }

  updateGroup(group: GroupRecord, changes: Readonly<Record<string, SourceValue>>): void {
    const changed = applyChanges(group.props, changes);
    if (changed.length > 0)
      this.record({ kind: "group", id: group.id, lifecycle: "updated", props: changed });
  }

  /** Groups are deleted permanently (security groups have no recycle bin; see docs/tenant-format.md). */
  deleteGroup(group: GroupRecord): void {
    for (const memberId of [...group.members.keys()]) this.memberOf.get(memberId)?.delete(group.id);
    for (const parentId of [...(this.memberOf.get(group.id) ?? [])]) {
      this.removeMember(this.requireGroup(parentId), group.id);
    }
    this.removeAssignmentsOf(group.id);
    this.groups.delete(group.id);
    this.memberOf.delete(group.id);
    this.record({ kind: "group", id: group.id, lifecycle: "purged", props: [] });
  }

  addMember(group: GroupRecord, memberId: string): void {
    const memberType = this.kindOf(memberId);
    if (memberType === undefined) throw notFound(memberId);
    if (group.members.has(memberId)) {
      throw badRequest(
        "One or more added object references already exist for the following modified properties: 'members'.",
      );
    }
    group.members.set(memberId, memberType);
    setOf(this.memberOf, memberId).add(group.id);
    this.record({ kind: "member", groupId: group.id, memberId, memberType });
  }

  removeMember(group: GroupRecord, memberId: string): void {
    const memberType = group.members.get(memberId);
    if (memberType === undefined) throw notFound(memberId);
    group.members.delete(memberId);
    this.memberOf.get(memberId)?.delete(group.id);
    this.record({ kind: "member", groupId: group.id, memberId, memberType });
  }

  // ---- app role assignments ---------------------------------------------------------------------

  addAssignment(principalId: string, appRoleId: string, id = this.env.newId()): AssignmentRecord {
    const type = this.kindOf(principalId);
    if (type === undefined)
      throw badRequest(`Expected principalId to name a user or group, got '${principalId}'.`);
    const known = this.application.appRoles.some((role) => role.id === appRoleId);
    if (!known && appRoleId !== DEFAULT_ACCESS_ROLE_ID) {
      throw badRequest(`Expected appRoleId to name an app role of the application, got '${appRoleId}'.`);
    }
    const held = setOf(this.assignmentsByPrincipal, principalId);
    if ([...held].some((existing) => this.assignments.get(existing)?.appRoleId === appRoleId)) {
      throw badRequest("Permission being assigned already exists on the object");
    }
    held.add(id);
    const record: AssignmentRecord = {
      id,
      principalId,
      principalType: type === "user" ? "User" : "Group",
      appRoleId,
      createdDateTime: this.env.now().toISOString(),
    };
    this.assignments.set(id, record);
    return record;
  }

  removeAssignment(id: string): void {
    const assignment = this.assignments.get(id);
    if (assignment === undefined) throw notFound(id);
    this.assignments.delete(id);
    this.assignmentsByPrincipal.get(assignment.principalId)?.delete(id);
  }

  private removeAssignmentsOf(principalId: string): void {
    for (const id of this.assignmentsByPrincipal.get(principalId) ?? []) this.assignments.delete(id);
    this.assignmentsByPrincipal.delete(principalId);
  }
}

const setOf = (map: Map<string, Set<string>>, key: string): Set<string> => {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  return set;
};

/** Applies Graph PATCH semantics (null clears) and returns the names of properties that changed. */
function applyChanges(
  target: Record<string, SourceValue>,
  changes: Readonly<Record<string, SourceValue>>,
): string[] {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (JSON.stringify(target[name] ?? null) === JSON.stringify(value)) continue;
    if (value === null) delete target[name];
    else target[name] = value;
    changed.push(name);
  }
  return changed;
}

/** The store's invariant: an unset property is an absent key, never null. */
const withoutNulls = (props: Record<string, SourceValue>): Record<string, SourceValue> =>
  Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null));

/** Graph derives proxyAddresses from mail (`SMTP:` marks the primary address). */
function withProxyAddresses(props: Record<string, SourceValue>): Record<string, SourceValue> {
  props.proxyAddresses = typeof props.mail === "string" ? [`SMTP:${props.mail}`] : [];
  return props;
}

const TENANT_ONLY_KEYS = new Set(["id", "managerId", "deleted", "telephoneNumber", "mobile"]);

/** Tenant-file user → Graph properties (`telephoneNumber` → `businessPhones`, `mobile` → `mobilePhone`). */
function userPropsFromTenant(user: TenantUser, now: Date): Record<string, SourceValue> {
  const props: Record<string, SourceValue> = { createdDateTime: now.toISOString() };
  for (const [key, value] of Object.entries(user)) {
    // Parsed tenant values are JSON (a complex value's unset members are absent, never undefined).
    if (!TENANT_ONLY_KEYS.has(key) && value !== undefined) props[key] = value as SourceValue;
  }
  props.businessPhones = user.telephoneNumber === undefined ? [] : [user.telephoneNumber];
  if (user.mobile !== undefined) props.mobilePhone = user.mobile;
  return props;
}

function groupPropsFromTenant(group: TenantGroup, now: Date): Record<string, SourceValue> {
  const { id: _id, members: _members, ...props } = group;
  const out: Record<string, SourceValue> = { createdDateTime: now.toISOString() };
  for (const [key, value] of Object.entries(props)) if (value !== undefined) out[key] = value;
  return out;
}
