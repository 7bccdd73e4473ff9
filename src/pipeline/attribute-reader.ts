import type { AppRole, AppRoleAssignment, SourceGroup, SourceUser } from "../domain/source.js";
import type { SourceValue } from "../domain/values.js";
import type { ExprValue } from "../expressions/index.js";
import { ENTRA_TO_GRAPH } from "../mapping/source-attributes.js";

/** Reads plain Graph properties; Graph's null ("not set") reads as absent. */
export type AttributeReader = (name: string) => ExprValue | undefined;

export function sourceAttributeReader(attributes: Readonly<Record<string, SourceValue>>): AttributeReader {
  return (name) => {
    const alias = ENTRA_TO_GRAPH[name];
    let value = attributes[alias ? alias.property : name];
    if (alias?.first && Array.isArray(value)) value = value[0];
    if (alias?.member !== undefined)
      value =
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? value[alias.member]
          : undefined;
    return value === null ? undefined : (value as ExprValue | undefined);
  };
}

const GUEST_UPN = /^(.+)_([^_]+)#EXT#@.+$/i;

/**
 * Entra rewrites a B2B guest's `alias_theirdomain#EXT#@yourdomain` UPN to `alias@theirdomain` for matching
 * and export; `originalUserPrincipalName` keeps the raw value.
 */
export function rewriteGuestUpn(upn: string): string {
  const m = GUEST_UPN.exec(upn);
  return m ? `${m[1]}@${m[2]}` : upn;
}

/** The `[appRoleAssignments]` value: one `{id, value, displayName}` per assigned role, without duplicates. */
export function appRoleAssignmentsValue(
  assignments: readonly AppRoleAssignment[],
  appRoles: ReadonlyMap<string, AppRole>,
): ExprValue[] {
  const seen = new Set<string>();
  const out: ExprValue[] = [];
  for (const a of assignments) {
    const role = appRoles.get(a.appRoleId);
    if (!role || seen.has(role.id)) continue;
    seen.add(role.id);
    out.push({ id: role.id, value: role.value, displayName: role.displayName });
  }
  return out;
}

/** The reader a user's mappings evaluate against: Graph properties plus Entra's computed attributes. */
export function userAttributeReader(
  user: SourceUser,
  isSoftDeleted: boolean,
  roles: readonly ExprValue[],
): AttributeReader {
  const plain = sourceAttributeReader(user.attributes);
  return (name) => {
    switch (name) {
      case "IsSoftDeleted":
        return isSoftDeleted;
      case "objectId":
        return user.id;
      case "appRoleAssignments":
        return roles as ExprValue[];
      case "manager":
        return user.managerId ?? undefined;
      case "userPrincipalName": {
        const upn = plain(name);
        return typeof upn === "string" ? rewriteGuestUpn(upn) : upn;
      }
      case "originalUserPrincipalName":
        return plain("userPrincipalName");
      default:
        return plain(name);
    }
  };
}

export function groupAttributeReader(group: SourceGroup, isSoftDeleted: boolean): AttributeReader {
  const plain = sourceAttributeReader(group.attributes);
  return (name) => {
    switch (name) {
      case "IsSoftDeleted":
        return isSoftDeleted;
      case "objectId":
        return group.id;
      case "members":
        return [...group.memberIds];
      default:
        return plain(name);
    }
  };
}
