import type { SourceValue } from "../../domain/values.js";
import { type EntityType, effectiveSelect, isKnownProperty, project } from "./properties.js";
import type { AssignmentRecord, MemberType, TenantStore } from "./tenant-store.js";

type Json = Record<string, SourceValue>;

/** A user or group as `/users/{id}`, `/groups/{id}` and the lists return it. */
export function renderObject(
  store: TenantStore,
  type: EntityType,
  id: string,
  select: readonly string[] | null,
): Json {
  const record = type === "user" ? store.users.get(id) : store.groups.get(id);
  return project(type, id, record?.props ?? {}, effectiveSelect(select, type, false), false);
}

/**
 * A member of a `directoryObject` collection: `@odata.type` always, then the selected properties that the
 * member's own type has (a mixed collection cannot reject a name only one type knows).
 */
export function renderDirectoryObject(
  store: TenantStore,
  type: MemberType,
  id: string,
  select: readonly string[] | null,
): Json {
  const names = select === null ? null : select.filter((name) => isKnownProperty(type, name));
  return { "@odata.type": `#microsoft.graph.${type}`, ...renderObject(store, type, id, names) };
}

export function renderAssignment(store: TenantStore, assignment: AssignmentRecord): Json {
  return {
    id: assignment.id,
    deletedDateTime: null,
    appRoleId: assignment.appRoleId,
    createdDateTime: assignment.createdDateTime,
    principalDisplayName: store.displayNameOf(assignment.principalId),
    principalId: assignment.principalId,
    principalType: assignment.principalType,
    resourceDisplayName: store.application.displayName,
    resourceId: store.application.servicePrincipalId,
  };
}

export function renderServicePrincipal(store: TenantStore, select: readonly string[] | null): Json {
  const app = store.application;
  const full: Json = {
    id: app.servicePrincipalId,
    appId: app.clientId,
    displayName: app.displayName,
    servicePrincipalType: "Application",
    appRoleAssignmentRequired: true,
    accountEnabled: true,
    appRoles: app.appRoles.map((role) => ({
      allowedMemberTypes: ["User"],
      description: role.description ?? role.displayName,
      displayName: role.displayName,
      id: role.id,
      isEnabled: role.isEnabled,
      origin: "Application",
      value: role.value,
    })),
  };
  if (select === null) return full;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(full).filter(([name]) => name === "id" || wanted.has(name.toLowerCase())),
  );
}
