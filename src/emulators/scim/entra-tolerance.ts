import { isJsonObject } from "../../connectors/target/scim/json-value.js";
import { ENTERPRISE_USER_SCHEMA } from "../../connectors/target/scim/schema-uris.js";

const MANAGER_PATH = `${ENTERPRISE_USER_SCHEMA}:manager`;
/** Schema URIs scimmy knows; Entra adds Microsoft's ADSCIM group URI, which scimmy would reject. */
const KNOWN_SCHEMAS = /^urn:ietf:params:scim:(schemas:core:2\.0:(User|Group)|schemas:extension:enterprise:2\.0:User|api:messages:2\.0:PatchOp)$/i;

/**
 * Rewrites what Entra sends into what scimmy accepts, the way an Entra-tolerant production app behaves.
 * scimmy alone is RFC-strict: it rejects `"active": "False"` (Entra's legacy dialect sends booleans as
 * strings), rejects the ADSCIM group URI in `schemas`, rejects nulls such as `"$ref": null` in member items,
 * does not understand the legacy manager op (`path: "manager"` with a `[{value}]` array) or a bare manager id,
 * and reads the flag dialect's path-less `replace` keys (`name.givenName`, `urn:…:User:employeeNumber`)
 * literally instead of as paths. The request log keeps the body as it arrived, before this rewrite.
 */
export function normaliseEntraRequest(method: string, body: unknown): unknown {
  const clean = withoutNulls(body);
  if (!isJsonObject(clean)) return clean;
  if (method === "PATCH" && Array.isArray(clean.Operations)) {
    return { ...clean, Operations: clean.Operations.map(normaliseOperation) };
  }
  return normaliseResource(clean);
}

function normaliseResource(resource: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...resource };
  if (Array.isArray(result.schemas)) {
    result.schemas = result.schemas.filter((uri) => typeof uri === "string" && KNOWN_SCHEMAS.test(uri));
  }
  for (const key of Object.keys(result)) {
    if (key.toLowerCase() === "active") result[key] = booleanFromText(result[key]);
    if (key.toLowerCase() === "roles" && Array.isArray(result[key])) result[key] = (result[key] as unknown[]).map(roleWithBoolean);
  }
  const extension = result[ENTERPRISE_USER_SCHEMA];
  if (isJsonObject(extension) && typeof extension.manager === "string") {
    result[ENTERPRISE_USER_SCHEMA] = { ...extension, manager: { value: extension.manager } };
  }
  return result;
}

function normaliseOperation(operation: unknown): unknown {
  if (!isJsonObject(operation)) return operation;
  const path = typeof operation.path === "string" ? operation.path : undefined;
  const value = operation.value;
  if (path === undefined) {
    return isJsonObject(value) ? { ...operation, value: normaliseResource(expandPathKeys(value)) } : operation;
  }
  const lower = path.toLowerCase();
  if (lower === "active") return { ...operation, value: booleanFromText(value) };
  if (lower === "manager" || lower === MANAGER_PATH.toLowerCase()) {
    const item = Array.isArray(value) ? value[0] : value;
    const id = isJsonObject(item) ? item.value : item;
    return { ...operation, path: MANAGER_PATH, value: { value: id } };
  }
  if (lower === "roles" && Array.isArray(value)) return { ...operation, value: value.map(roleWithBoolean) };
  return operation;
}

/** `{"name.givenName": "A", "urn:…:User:employeeNumber": "1"}` → `{name: {givenName: "A"}, "urn:…:User": {employeeNumber: "1"}}`. */
function expandPathKeys(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const urn = key.toLowerCase().startsWith("urn:") ? key.slice(0, key.lastIndexOf(":")) : null;
    const rest = urn === null ? key : key.slice(urn.length + 1);
    const target = urn === null ? result : objectAt(result, urn);
    const [head, sub] = rest.split(".", 2) as [string, string | undefined];
    if (sub === undefined) target[head] = item;
    else objectAt(target, head)[sub] = item;
  }
  return result;
}

function objectAt(container: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = container[key];
  if (isJsonObject(existing)) return existing;
  const created: Record<string, unknown> = {};
  container[key] = created;
  return created;
}

function roleWithBoolean(role: unknown): unknown {
  return isJsonObject(role) && "primary" in role ? { ...role, primary: booleanFromText(role.primary) } : role;
}

function booleanFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const lower = value.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : value;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}
