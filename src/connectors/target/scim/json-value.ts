/**
 * JSON as it travels on the wire. Unlike `AttrValue` it allows `null`, because one documented Entra shape
 * needs it: `"$ref": null` in legacy member and manager items.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a key the way SCIM names attributes: case-insensitively (RFC 7643 §2.1). */
export function getCaseInsensitive(object: Record<string, unknown>, key: string): unknown {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}
