import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA } from "./schema-uris.js";

/** The `[type eq "work"]` part of a multi-valued path. Entra only ever writes `eq` here. */
export interface ValueFilter {
  readonly attribute: string;
  /** The literal between the quotes, unescaped (`"True"` stays the string `True`). */
  readonly value: string;
}

/**
 * One Entra target attribute path, parsed. Examples:
 * - `userName` → `{ schema: null, attribute: "userName", filter: null, subAttribute: null }`
 * - `name.givenName` → `{ attribute: "name", subAttribute: "givenName" }`
 * - `emails[type eq "work"].value` → `{ attribute: "emails", filter: {attribute:"type", value:"work"}, subAttribute: "value" }`
 * - `urn:…:enterprise:2.0:User:employeeNumber` → `{ schema: "urn:…:enterprise:2.0:User", attribute: "employeeNumber" }`
 */
export interface AttributePath {
  /** The path as written in the mapping; the key in `FlatAttributes`. */
  readonly text: string;
  /** Extension schema URN that holds the attribute; null for core attributes (core URN prefixes are dropped). */
  readonly schema: string | null;
  readonly attribute: string;
  readonly filter: ValueFilter | null;
  readonly subAttribute: string | null;
}

const NAME = "[A-Za-z$][\\w$-]*";
const REST = new RegExp(
  `^(${NAME})(?:\\[\\s*(${NAME})\\s+eq\\s+"((?:[^"\\\\]|\\\\.)*)"\\s*\\])?(?:\\.(${NAME}))?$`,
  "i",
);
const CORE_SCHEMAS = new Set([CORE_USER_SCHEMA.toLowerCase(), CORE_GROUP_SCHEMA.toLowerCase()]);

/** Mappings name the same few dozen paths for every object of a cycle, so each is parsed once. */
const cache = new Map<string, AttributePath>();

/** Parses an Entra target attribute path; throws on anything the SCIM connector cannot address. */
export function parseAttributePath(text: string): AttributePath {
  const cached = cache.get(text);
  if (cached) return cached;
  const parsed = parseUncached(text);
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): AttributePath {
  const { schema, rest } = splitSchema(text);
  const match = REST.exec(rest);
  if (!match) {
    throw new Error(
      `Expected a SCIM attribute path like userName, name.givenName, emails[type eq "work"].value or urn:…:User:employeeNumber, got ${JSON.stringify(text)}`,
    );
  }
  const [, attribute, filterAttribute, filterLiteral, subAttribute] = match;
  return {
    text,
    schema,
    attribute: attribute!,
    filter:
      filterAttribute === undefined
        ? null
        : { attribute: filterAttribute, value: JSON.parse(`"${filterLiteral}"`) as string },
    subAttribute: subAttribute ?? null,
  };
}

/** `urn:…:2.0:User:employeeNumber` → schema `urn:…:2.0:User`, rest `employeeNumber` (colon before the attribute). */
function splitSchema(text: string): { schema: string | null; rest: string } {
  if (!text.toLowerCase().startsWith("urn:")) return { schema: null, rest: text };
  const bracket = text.indexOf("[");
  const head = bracket < 0 ? text : text.slice(0, bracket);
  const colon = head.lastIndexOf(":");
  const schema = text.slice(0, colon);
  return { schema: CORE_SCHEMAS.has(schema.toLowerCase()) ? null : schema, rest: text.slice(colon + 1) };
}

/** The JSON value a filter literal stands for: Entra writes `primary eq "True"` for a boolean sub-attribute. */
export function filterLiteralValue(filter: ValueFilter): string | boolean {
  const lower = filter.value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return filter.value;
}
