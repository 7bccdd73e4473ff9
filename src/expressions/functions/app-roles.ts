import { ExpressionEvaluationError } from "../errors.js";
import type { Val } from "../values.js";
import type { FunctionSpec } from "./spec.js";

/** One element of `[appRoleAssignments]`, as the engine builds it from Graph assignments and app roles. */
interface RoleAssignment {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
}

const ROLE_TYPE = "WindowsAzureActiveDirectoryRole";

/**
 * The user's roles that carry a value, each role once (a user can hold a role directly and through a
 * group). Roles without a value (Default Access) have nothing to send and are left out.
 */
function readRoles(value: Val): RoleAssignment[] {
  const list = Array.isArray(value) ? value : [value];
  const roles = new Map<string, RoleAssignment>();
  for (const item of list) {
    if (item === null || typeof item !== "object" || Array.isArray(item) || item instanceof Date) {
      throw new ExpressionEvaluationError(
        `Expected [appRoleAssignments] to hold {id, value, displayName} objects, got ${JSON.stringify(item)}`,
      );
    }
    const { id, value: roleValue, displayName } = item as Record<string, Val>;
    if (typeof id !== "string")
      throw new ExpressionEvaluationError(`Expected an app role id string, got ${JSON.stringify(id)}`);
    if (typeof roleValue !== "string" || roleValue === "") continue;
    roles.set(id, {
      id,
      value: roleValue,
      displayName: typeof displayName === "string" ? displayName : roleValue,
    });
  }
  return [...roles.values()];
}

/** A deterministic pick among several roles: the smallest value in ordinal order, then the smallest id. */
const byValueThenId = (a: RoleAssignment, b: RoleAssignment): number =>
  a.value < b.value ? -1 : a.value > b.value ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A one-argument function of [appRoleAssignments]; a null attribute gives no value. */
function roleFunction(transform: (roles: RoleAssignment[]) => Val): FunctionSpec {
  return {
    params: ["appRoleAssignments"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const source = site.required(0);
      return (ctx) => {
        const value = source(ctx);
        return value === null ? null : transform(readRoles(value));
      };
    },
  };
}

export const appRoleFunctions: Readonly<Record<string, FunctionSpec>> = {
  /** The role value of one assignment (Entra does not say which; we take the first by value, then id). */
  SingleAppRoleAssignment: roleFunction((roles) => roles.sort(byValueThenId)[0]?.value ?? null),
  /** POST shape `{primary:false, type, displayName, value}` per role, in value order. */
  AppRoleAssignmentsComplex: roleFunction((roles) =>
    roles
      .sort(byValueThenId)
      .map((r) => ({ primary: false, type: ROLE_TYPE, displayName: r.displayName, value: r.value })),
  ),
  /** POST shape `{primary:false, type, display, value}` per role (note `display`), in value order. */
  AssertiveAppRoleAssignmentsComplex: roleFunction((roles) =>
    roles
      .sort(byValueThenId)
      .map((r) => ({ primary: false, type: ROLE_TYPE, display: r.displayName, value: r.value })),
  ),
};
