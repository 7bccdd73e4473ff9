/**
 * Values that flow from the source through mappings into the target.
 *
 * `AttrValue` is JSON without `null`: the engine never sends nulls (Entra's documented behaviour), so a
 * missing value is simply an absent key in a {@link FlatAttributes} map.
 */
export type AttrValue = string | number | boolean | AttrValue[] | { [key: string]: AttrValue };

/**
 * A SCIM resource as a flat map from attribute path to value. Paths use Entra's target attribute names:
 * `userName`, `name.givenName`, `emails[type eq "work"].value`, `roles[primary eq "True"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`, `active`, `roles`…
 * Flat maps make diffing attribute by attribute trivial; the SCIM connector turns them into nested JSON
 * bodies and back.
 */
export type FlatAttributes = Readonly<Record<string, AttrValue>>;

/** Raw values read from Graph (JSON, including null for "not set"). */
export type SourceValue = string | number | boolean | null | SourceValue[] | { [key: string]: SourceValue };

/** One attribute change in an update: what the target had (as last exported or read) and what it gets. */
export interface AttributeChange {
  readonly path: string;
  /** Previous value; undefined when the attribute was absent (an `Add` in Entra's PATCH dialect). */
  readonly oldValue: AttrValue | undefined;
  readonly newValue: AttrValue;
}

/**
 * Structural equality for attribute values. Strings compare exactly, or ignoring case with `ignoreCase`
 * (an attribute whose definition is not `caseExact`: Entra does not count a change of case alone).
 */
export function attrValuesEqual(
  a: AttrValue | undefined,
  b: AttrValue | undefined,
  ignoreCase = false,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === "string" && typeof b === "string")
    return ignoreCase && a.toLowerCase() === b.toLowerCase();
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => attrValuesEqual(item, b[i], ignoreCase));
  }
  const ao = a as Record<string, AttrValue>;
  const bo = b as Record<string, AttrValue>;
  const keys = Object.keys(ao);
  return (
    keys.length === Object.keys(bo).length && keys.every((k) => attrValuesEqual(ao[k], bo[k], ignoreCase))
  );
}
