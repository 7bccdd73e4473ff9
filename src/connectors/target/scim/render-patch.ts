import type { ObjectType, TargetId } from "../../../domain/ids.js";
import type { AttributeChange, AttrValue } from "../../../domain/values.js";
import { type AppRoleLookup, noAppRoles } from "./app-role-lookup.js";
import { type AttributePath, parseAttributePath } from "./attribute-path.js";
import { isBooleanPath, toBoolean } from "./boolean-attributes.js";
import { buildFilter } from "./filter.js";
import type { JsonObject, JsonValue } from "./json-value.js";
import type { ScimDialect } from "./patch-dialect.js";
import { pathKind } from "./path-kind.js";
import { ENTERPRISE_USER_SCHEMA, ENTRA_ROLE_TYPE, PATCH_OP_SCHEMA } from "./schema-uris.js";

export type PatchOpName = "Add" | "Replace" | "Remove" | "add" | "replace" | "remove";

export interface PatchOperation {
  readonly op: PatchOpName;
  /** Absent on the flag dialect's folded replace, whose value is keyed by attribute path. */
  readonly path?: string;
  readonly value?: JsonValue;
}

export interface PatchBody {
  readonly schemas: readonly [typeof PATCH_OP_SCHEMA];
  readonly Operations: readonly PatchOperation[];
}

const MANAGER_PATH = `${ENTERPRISE_USER_SCHEMA}:manager`;

/**
 * One PATCH with exactly these attribute changes, in the job's dialect (scim-wire.md §2, §3.6, §3.8, §3.9).
 * An `Add` is used where `oldValue` is undefined, a `Replace` otherwise. Member changes never come through
 * here (see {@link renderMembersPatch}); a `members` change is a caller bug and throws.
 */
export function renderPatch(
  dialect: ScimDialect,
  type: ObjectType,
  changes: readonly AttributeChange[],
  appRoles: AppRoleLookup = noAppRoles,
): PatchBody {
  const operations: PatchOperation[] = [];
  const folded: Record<"add" | "replace", JsonObject> = { add: {}, replace: {} };
  const primaryRole = changes.filter((c) => pathKind(parseAttributePath(c.path)) === "primaryRole");
  for (const change of changes) {
    const path = parseAttributePath(change.path);
    const kind = pathKind(path);
    switch (kind) {
      case "members":
        throw new Error(
          `Expected ${type} membership changes through renderMembersPatch, got a change to ${change.path}`,
        );
      case "manager":
        operations.push(managerOperation(dialect, change));
        break;
      case "roles": {
        const operation = rolesOperation(dialect, change, appRoles);
        if (operation) operations.push(operation);
        break;
      }
      case "primaryRole":
        // All `roles[primary eq "True"].*` changes become one role op, placed where the first one was.
        if (change === primaryRole[0]) operations.push(primaryRoleOperation(dialect, primaryRole, appRoles));
        break;
      case "filtered":
        operations.push(plainOperation(dialect, path, change));
        break;
      case "simple":
        if (dialect === "entra-legacy") operations.push(plainOperation(dialect, path, change));
        else
          folded[change.oldValue === undefined ? "add" : "replace"][change.path] = wireValue(
            dialect,
            path,
            change.newValue,
          );
        break;
      default: {
        const exhaustive: never = kind;
        throw new Error(`Unhandled path kind ${String(exhaustive)}`);
      }
    }
  }
  for (const op of ["add", "replace"] as const) {
    const entries = Object.entries(folded[op]);
    const [first] = entries;
    // A lone attribute keeps its path (the documented flag disable sample); several fold into one op.
    if (entries.length === 1 && first) operations.push({ op, path: first[0], value: first[1] });
    else if (entries.length > 1) operations.push({ op, value: folded[op] });
  }
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/**
 * One PATCH adding and/or removing group members (target ids). Legacy: `Add` / `Remove` on `members` with
 * `[{"$ref": null, "value": id}]` items, as in the main doc's samples. Flag: one `add` with a value array and
 * one `remove` per member with path `members[value eq "<id>"]`, so an RFC-literal app never reads the remove
 * as "remove all members".
 */
export function renderMembersPatch(
  dialect: ScimDialect,
  add: readonly TargetId[],
  remove: readonly TargetId[],
): PatchBody {
  const operations: PatchOperation[] = [];
  if (dialect === "entra-legacy") {
    const items = (ids: readonly TargetId[]) => ids.map((id) => ({ $ref: null, value: id }));
    if (add.length > 0) operations.push({ op: "Add", path: "members", value: items(add) });
    if (remove.length > 0) operations.push({ op: "Remove", path: "members", value: items(remove) });
  } else {
    if (add.length > 0)
      operations.push({ op: "add", path: "members", value: add.map((id) => ({ value: id })) });
    for (const id of remove) operations.push({ op: "remove", path: `members[${buildFilter("value", id)}]` });
  }
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

function opName(dialect: ScimDialect, change: AttributeChange): PatchOpName {
  const add = change.oldValue === undefined;
  if (dialect === "entra-legacy") return add ? "Add" : "Replace";
  return add ? "add" : "replace";
}

function plainOperation(dialect: ScimDialect, path: AttributePath, change: AttributeChange): PatchOperation {
  return { op: opName(dialect, change), path: change.path, value: wireValue(dialect, path, change.newValue) };
}

/** Legacy sends every boolean as "True"/"False"; the flag sends real booleans for boolean-typed paths. */
function wireValue(dialect: ScimDialect, path: AttributePath, value: AttrValue): JsonValue {
  if (dialect === "entra-legacy") return typeof value === "boolean" ? (value ? "True" : "False") : value;
  return isBooleanPath(path) ? toBoolean(value) : value;
}

/** Legacy: the documented `Add` of `[{"$ref": null, "value": id}]` on `manager`; flag: a bare id on the URN path. */
function managerOperation(dialect: ScimDialect, change: AttributeChange): PatchOperation {
  const id = managerId(change.newValue);
  if (dialect === "entra-legacy") return { op: "Add", path: "manager", value: [{ $ref: null, value: id }] };
  return { op: opName(dialect, change), path: MANAGER_PATH, value: id };
}

function managerId(value: AttrValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && !Array.isArray(value) && typeof value.value === "string")
    return value.value;
  throw new Error(`Expected a manager id string, got ${JSON.stringify(value)}`);
}

/**
 * A whole `roles` array (AppRoleAssignmentsComplex or its Assertive variant, told apart by the element key
 * `display` that only the Assertive expression writes). Assertive: `replace` with the full set in both
 * dialects (the doc sample is lower-case even without the flag). Complex: add-only, so an empty set sends
 * nothing; legacy stringifies each role as `{"value":"{\"id\":…,\"value\":…,\"displayName\":…}"}`.
 */
function rolesOperation(
  dialect: ScimDialect,
  change: AttributeChange,
  appRoles: AppRoleLookup,
): PatchOperation | null {
  const roles = roleObjects(change.newValue);
  const previous = Array.isArray(change.oldValue) ? change.oldValue : [];
  const assertive = [...roles, ...previous].some(
    (role) => typeof role === "object" && !Array.isArray(role) && "display" in role,
  );
  if (assertive) return { op: "replace", path: "roles", value: roles };
  if (roles.length === 0) return null;
  if (dialect === "aadOptscim062020") return { op: "add", path: "roles", value: roles };
  return {
    op: "Add",
    path: "roles",
    value: roles.map((role) => ({ value: JSON.stringify(stringifiedRole(role, appRoles)) })),
  };
}

function roleObjects(value: AttrValue): JsonObject[] {
  if (Array.isArray(value) && value.every((item) => typeof item === "object" && !Array.isArray(item))) {
    return value as JsonObject[];
  }
  throw new Error(`Expected roles to be an array of role objects, got ${JSON.stringify(value)}`);
}

/**
 * The `{id, value, displayName}` object the legacy dialect JSON-encodes, in the documented key order. A role
 * the service principal defines is written as the app role itself (its id, value and displayName, as in the
 * documented sample); an unknown one with the keys the element has.
 */
function stringifiedRole(role: JsonObject, appRoles: AppRoleLookup): JsonObject {
  const known = typeof role.value === "string" ? appRoles(role.value) : undefined;
  if (known) return { id: known.id, value: known.value, displayName: known.displayName };
  const picked: JsonObject = {};
  for (const key of ["id", "value", "displayName"]) {
    const value = key === "displayName" ? (role.displayName ?? role.display) : role[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/**
 * SingleAppRoleAssignment (`roles[primary eq "True"].value|display|type`). Legacy: the documented `Add` on
 * `roles` with the app role JSON-encoded as `{id, value, displayName}`, looked up by the mapped value (an
 * unknown value is sent with the mapped sub-attributes only). Flag: the POST
 * shape, which the flag is documented to align with; `replace` when a role was already set so a changed
 * role does not leave the old one behind.
 */
function primaryRoleOperation(
  dialect: ScimDialect,
  changes: readonly AttributeChange[],
  appRoles: AppRoleLookup,
): PatchOperation {
  const role: JsonObject = {};
  for (const change of changes)
    role[parseAttributePath(change.path).subAttribute ?? "value"] = change.newValue;
  if (dialect === "entra-legacy") {
    return { op: "Add", path: "roles", value: [{ value: JSON.stringify(stringifiedRole(role, appRoles)) }] };
  }
  const replacing = changes.some((change) => change.oldValue !== undefined);
  return {
    op: replacing ? "replace" : "add",
    path: "roles",
    value: [{ primary: true, type: ENTRA_ROLE_TYPE, ...role }],
  };
}
