import { type AttributePath, filterLiteralValue } from "./attribute-path.js";
import { ENTERPRISE_USER_SCHEMA } from "./schema-uris.js";

/**
 * How the wire layer treats a path. Most paths are `simple` or `filtered`; a few have documented Entra
 * shapes of their own (scim-wire.md §3.8 manager, §3.9 roles, §3.10 members).
 */
export type PathKind = "simple" | "filtered" | "manager" | "roles" | "primaryRole" | "members";

export function pathKind(path: AttributePath): PathKind {
  const attribute = path.attribute.toLowerCase();
  const core = path.schema === null;
  if (
    attribute === "manager" &&
    (core || path.schema?.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase())
  ) {
    if (path.filter === null && (path.subAttribute === null || path.subAttribute.toLowerCase() === "value")) {
      return "manager";
    }
  }
  if (core && attribute === "members" && path.filter === null) return "members";
  if (core && attribute === "roles") {
    if (path.filter === null && path.subAttribute === null) return "roles";
    if (path.filter?.attribute.toLowerCase() === "primary" && filterLiteralValue(path.filter) === true) {
      return "primaryRole";
    }
  }
  return path.filter === null ? "simple" : "filtered";
}
