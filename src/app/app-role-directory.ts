import type { AppRoleLookup } from "../connectors/target/scim/index.js";
import type { AppRole, SourceConnector } from "../domain/source.js";

/**
 * The service principal's app roles as the latest read of its assignments returned them, by value, for the
 * SCIM target: Entra's legacy role PATCH names the role's `id` and `displayName`, which only the service
 * principal knows. Every cycle and every on-demand run reads the assignments before it exports anything, so
 * the roles are current when a role change is rendered.
 */
export interface AppRoleDirectory {
  readonly lookup: AppRoleLookup;
  /** The source, with every `readAssignments` answer remembered here on the way through. */
  readonly remembering: SourceConnector;
}

export function appRoleDirectory(source: SourceConnector): AppRoleDirectory {
  let byValue = new Map<string, AppRole>();
  return {
    lookup: (value) => byValue.get(value),
    remembering: {
      readAll: (selection, users) => source.readAll(selection, users),
      readChanges: (selection, watermark) => source.readChanges(selection, watermark),
      readUser: (idOrUpn, selection) => source.readUser(idOrUpn, selection),
      isDirectMember: (groupId, userId) => source.isDirectMember(groupId, userId),
      async readAssignments(servicePrincipalId) {
        const read = await source.readAssignments(servicePrincipalId);
        byValue = new Map(
          read.appRoles.flatMap((role) => (role.value === null ? [] : [[role.value, role] as const])),
        );
        return read;
      },
    },
  };
}
