import type { AppRole } from "../../../domain/source.js";

/**
 * The app role (as the service principal defines it) whose value is this one; undefined when unknown.
 * Role values are unique within an application, so the value a role mapping produced names the role. The
 * legacy PATCH needs it because Entra's serialised role carries the role's `id` and `displayName`, which the
 * mapped `roles[primary eq "True"].value` alone does not.
 */
export type AppRoleLookup = (value: string) => AppRole | undefined;

export const noAppRoles: AppRoleLookup = () => undefined;
