import { isJsonObject } from "../../connectors/target/scim/json-value.js";
import { ENTERPRISE_USER_SCHEMA } from "../../connectors/target/scim/schema-uris.js";

const MANAGER_PATH = `${ENTERPRISE_USER_SCHEMA}:manager`;

/**
 * Rewrites what Entra sends into what scimmy accepts, the way an Entra-tolerant production app behaves.
 * scimmy alone is RFC-strict (each case checked against scimmy 1.3.5): it answers 400 to `"active": "False"`
 * and `"primary": "True"` (Entra's legacy dialect and default `active` mapping produce such strings), to
 * `"addresses": null` (Entra's older create sample carries nulls), to a bare manager id (the flag dialect's
 * `urn:…:User:manager` value) and to the legacy manager op (`path: "manager"` with a `[{value}]` array).
 * It already accepts the ADSCIM group URI, `"$ref": null` member items and path-less replace keys such as
 * `name.givenName`. The request log keeps the body as it arrived, before this rewrite.
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
  for (const key of Object.keys(result)) {
    if (key.toLowerCase() === "active") result[key] = booleanFromText(result[key]);
    if (key.toLowerCase() === "roles" && Array.isArray(result[key]))
      result[key] = (result[key] as unknown[]).map(roleWithBoolean);
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
    return isJsonObject(value) ? { ...operation, value: normaliseResource(value) } : operation;
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
