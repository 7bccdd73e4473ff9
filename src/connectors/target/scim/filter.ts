import type { ObjectType } from "../../../domain/ids.js";

/**
 * `<attribute> eq "<value>"`. Entra does not document how it escapes quotes; we write the value as an
 * RFC 7644 §3.4.2.2 JSON string (`"` → `\"`, `\` → `\\`, control characters as `\n` / `\u0001`), so a
 * userName holding `"` or `\` still matches on a compliant app. Non-ASCII characters stay as they are.
 */
export function buildFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

/**
 * The query string of a match request, without the leading `?`. Spaces become `+` and `"` becomes `%22`,
 * as in captured Entra traffic; group queries put `excludedAttributes=members` before `filter` (§3.10).
 */
export function buildMatchQuery(type: ObjectType, attribute: string, value: string): string {
  const filter = `filter=${encodeQueryComponent(buildFilter(attribute, value))}`;
  return type === "group" ? `excludedAttributes=members&${filter}` : filter;
}

/** `encodeURIComponent`, with `+` for spaces (form encoding, which every SCIM server we know decodes). */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, "+");
}
