import { flattenResource } from "../../connectors/target/scim/flatten-resource.js";

/** `<attribute path> eq "<JSON string>"`: the only filter shape Entra sends (scim-wire.md §1.5). */
export interface EqFilter {
  readonly attribute: string;
  readonly value: string;
}

const EQ = /^\s*((?:[^\s[]|\[[^\]]*\])+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

/** Attributes RFC 7643 declares caseExact=true; every other string attribute compares case-insensitively. */
const CASE_EXACT = new Set(["id", "externalid"]);

/**
 * Parses Entra's single-`eq` filter, or returns null for anything else (left to scimmy). We handle this
 * shape ourselves because scimmy's filter cannot read an escaped `\"` or `\\` inside a value, and its
 * `Filter.match` ignores caseExact, so `userName eq "ALICE@…"` would miss `alice@…` although RFC 7643
 * makes userName case-insensitive.
 */
export function parseEqFilter(filter: string): EqFilter | null {
  const match = EQ.exec(filter);
  if (!match) return null;
  try {
    return { attribute: match[1]!, value: JSON.parse(match[2]!) as string };
  } catch {
    return null;
  }
}

export function matchesEqFilter(resource: Record<string, unknown>, filter: EqFilter): boolean {
  let actual: unknown;
  try {
    actual = flattenResource(resource, [filter.attribute])[filter.attribute];
  } catch {
    return false; // a path the flattener cannot address matches nothing, like an unknown attribute
  }
  if (actual === undefined) return false;
  // Booleans and numbers compare by their text: `active eq "True"` finds `active: true`.
  if (typeof actual !== "string") return String(actual).toLowerCase() === filter.value.toLowerCase();
  const exact = CASE_EXACT.has(filter.attribute.toLowerCase());
  return exact ? actual === filter.value : actual.toLowerCase() === filter.value.toLowerCase();
}
