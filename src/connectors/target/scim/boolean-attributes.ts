import type { AttrValue } from "../../../domain/values.js";
import { type AttributePath, parseAttributePath } from "./attribute-path.js";

/**
 * Core attributes of SCIM type boolean that Entra maps. Entra's default `active` mapping is the expression
 * `Switch([IsSoftDeleted], , "False", "True", "True", "False")`, which yields the strings "True" / "False";
 * on the wire they must be real booleans (POST, flag dialect) or those strings (legacy PATCH).
 */
const BOOLEAN_ATTRIBUTES = new Set(["active"]);

export function isBooleanPath(path: AttributePath): boolean {
  return (
    path.schema === null &&
    path.filter === null &&
    path.subAttribute === null &&
    BOOLEAN_ATTRIBUTES.has(path.attribute.toLowerCase())
  );
}

/** `"True"` / `"false"` (any case) → boolean; anything else unchanged. */
export function toBoolean(value: AttrValue): AttrValue {
  if (typeof value !== "string") return value;
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return value;
}

/**
 * The value as the target holds it: booleans for boolean-typed paths. The pipeline can run desired values
 * through this before diffing them against {@link flattenResource} output, so `"True"` vs `true` is no change.
 */
export function coerceAttributeValue(pathText: string, value: AttrValue): AttrValue {
  return isBooleanPath(parseAttributePath(pathText)) ? toBoolean(value) : value;
}
