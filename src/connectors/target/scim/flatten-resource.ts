import type { AttrValue, FlatAttributes } from "../../../domain/values.js";
import { type AttributePath, filterLiteralValue, parseAttributePath } from "./attribute-path.js";
import { isBooleanPath, toBoolean } from "./boolean-attributes.js";
import { getCaseInsensitive, isJsonObject } from "./json-value.js";
import { pathKind } from "./path-kind.js";

/**
 * The inverse of `buildCreateBody`: reads only `paths` out of a SCIM resource (attribute names compared
 * case-insensitively, as RFC 7643 §2.1 says), so a matched resource can be diffed against the desired one.
 * Absent and null values are left out; `"True"` / `"False"` on a boolean path become booleans; a manager
 * reads back as its id string; filter sub-attribute values compare case-insensitively (`type eq "Work"`).
 */
export function flattenResource(resource: unknown, paths: readonly string[]): FlatAttributes {
  const flat: Record<string, AttrValue> = {};
  if (!isJsonObject(resource)) return flat;
  for (const text of paths) {
    const value = read(resource, parseAttributePath(text));
    if (value !== undefined) flat[text] = value;
  }
  return flat;
}

function read(resource: Record<string, unknown>, path: AttributePath): AttrValue | undefined {
  const container = path.schema === null ? resource : getCaseInsensitive(resource, path.schema);
  if (!isJsonObject(container)) return undefined;
  const top = getCaseInsensitive(container, path.attribute);
  if (path.filter !== null) {
    if (!Array.isArray(top)) return undefined;
    const literal = filterLiteralValue(path.filter);
    const element = top.find(
      (item) => isJsonObject(item) && sameLiteral(getCaseInsensitive(item, path.filter!.attribute), literal),
    );
    return isJsonObject(element)
      ? toAttrValue(getCaseInsensitive(element, path.subAttribute ?? "value"))
      : undefined;
  }
  const kind = pathKind(path);
  if (kind === "manager") {
    const id = isJsonObject(top) ? getCaseInsensitive(top, "value") : top;
    return toAttrValue(id);
  }
  if (kind === "roles") return withBooleanPrimary(toAttrValue(top));
  const value =
    path.subAttribute === null
      ? top
      : isJsonObject(top)
        ? getCaseInsensitive(top, path.subAttribute)
        : undefined;
  const converted = toAttrValue(value);
  return converted !== undefined && isBooleanPath(path) ? toBoolean(converted) : converted;
}

/** Apps echo a role's `primary` as they stored it; Entra-tolerant ones keep Entra's "True" string. */
function withBooleanPrimary(roles: AttrValue | undefined): AttrValue | undefined {
  if (!Array.isArray(roles)) return roles;
  return roles.map((role) =>
    typeof role === "object" && !Array.isArray(role) && role.primary !== undefined
      ? { ...role, primary: toBoolean(role.primary) }
      : role,
  );
}

function sameLiteral(actual: unknown, literal: string | boolean): boolean {
  if (typeof literal === "boolean")
    return actual === literal || (typeof actual === "string" && toBoolean(actual) === literal);
  return typeof actual === "string" && actual.toLowerCase() === literal.toLowerCase();
}

/** JSON → AttrValue: nulls (and object keys holding them) are dropped, as the engine never carries nulls. */
function toAttrValue(value: unknown): AttrValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value))
    return value.map(toAttrValue).filter((item): item is AttrValue => item !== undefined);
  if (isJsonObject(value)) {
    const object: Record<string, AttrValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toAttrValue(item);
      if (converted !== undefined) object[key] = converted;
    }
    return object;
  }
  return undefined;
}
