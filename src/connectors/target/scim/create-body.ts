import type { ObjectType } from "../../../domain/ids.js";
import { scimResourceType } from "../../../domain/ids.js";
import type { AttrValue, FlatAttributes } from "../../../domain/values.js";
import { type AttributePath, filterLiteralValue, parseAttributePath } from "./attribute-path.js";
import { isBooleanPath, toBoolean } from "./boolean-attributes.js";
import { pathKind } from "./path-kind.js";
import {
  ADSCIM_GROUP_SCHEMA,
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  ENTRA_ROLE_TYPE,
} from "./schema-uris.js";

type Body = { [key: string]: AttrValue };

/**
 * The `POST /Users` or `POST /Groups` body Entra sends (scim-wire.md §3.5, §3.10): nested objects for dotted
 * paths, one array element per filtered multi-valued path (`emails[type eq "work"].value` →
 * `{type:"work", value, primary:true}`), extension attributes inside the URN object, booleans as JSON
 * booleans, never a null. Users always carry the enterprise URN in `schemas` and `roles: []` when no role
 * attribute yields a value, exactly as the documented sample does. Groups never carry `members`: Entra adds
 * members with a later PATCH.
 */
export function buildCreateBody(type: ObjectType, attrs: FlatAttributes): Body {
  const body: Body = {
    schemas:
      type === "user" ? [CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [CORE_GROUP_SCHEMA, ADSCIM_GROUP_SCHEMA],
  };
  const paths = Object.keys(attrs).map(parseAttributePath);
  // Whole values first, so a filtered element (`roles[primary eq "True"].value`) merges into an array that
  // a whole-array mapping (`roles`) already placed, instead of being overwritten by it.
  const ordered = [...paths.filter((p) => p.filter === null), ...paths.filter((p) => p.filter !== null)];
  for (const path of ordered) {
    place(body, path, attrs[path.text]!);
  }
  if (type === "user" && body.roles === undefined) body.roles = [];
  body.meta = { resourceType: scimResourceType(type) };
  return body;
}

function place(body: Body, path: AttributePath, raw: AttrValue): void {
  const kind = pathKind(path);
  if (kind === "members") return;
  const value = isBooleanPath(path) ? toBoolean(raw) : raw;
  const container = path.schema === null ? body : objectAt(body, path.schema);
  if (path.filter !== null) {
    const element = elementFor(container, path);
    element[path.subAttribute ?? "value"] = value;
    return;
  }
  if (kind === "manager") {
    // RFC 7643 §4.3: manager is complex; only the target id is known to the engine.
    objectAt(container, path.attribute).value = value;
    return;
  }
  if (path.subAttribute !== null) {
    objectAt(container, path.attribute)[path.subAttribute] = value;
    return;
  }
  const existing = container[path.attribute];
  container[path.attribute] =
    Array.isArray(existing) && Array.isArray(value) ? [...value, ...existing] : value;
}

function objectAt(container: Body, key: string): Body {
  const existing = container[key];
  if (typeof existing === "object" && existing !== null && !Array.isArray(existing)) return existing;
  const created: Body = {};
  container[key] = created;
  return created;
}

/** The array element a filtered path addresses, created with the filter's sub-attribute (and Entra's extras). */
function elementFor(container: Body, path: AttributePath): Body {
  const filter = path.filter!;
  const literal = filterLiteralValue(filter);
  const existing = container[path.attribute];
  const list: AttrValue[] = Array.isArray(existing) ? existing : [];
  container[path.attribute] = list;
  const found = list.find(
    (item): item is Body =>
      typeof item === "object" && !Array.isArray(item) && item[filter.attribute] === literal,
  );
  if (found) return found;
  const element: Body = { [filter.attribute]: literal, ...elementDefaults(path) };
  list.push(element);
  return element;
}

/** What Entra adds to a new element beyond the filter: the work email is primary; roles carry Entra's role type. */
function elementDefaults(path: AttributePath): Body {
  const attribute = path.attribute.toLowerCase();
  if (attribute === "emails" && path.filter?.value.toLowerCase() === "work") return { primary: true };
  if (pathKind(path) === "primaryRole") return { type: ENTRA_ROLE_TYPE };
  return {};
}
