import type { SourceValue } from "../../domain/values.js";
import { badRequest } from "./graph-error.js";
import { EXTENSION_PATTERN } from "./tenant-schema.js";

/** How a property is stored and validated on write. */
type PropertyKind = "string" | "boolean" | "stringArray" | "extensionAttributes";

interface PropertyDef {
  readonly kind: PropertyKind;
  /** Returned when the request has no `$select`. */
  readonly isDefault: boolean;
  /** Settable through POST / PATCH. */
  readonly writable: boolean;
}

const prop = (kind: PropertyKind, isDefault: boolean, writable = true): PropertyDef => ({
  kind,
  isDefault,
  writable,
});

/** The subset of `microsoft.graph.user` the emulator stores (Graph names; see docs/tenant-format.md). */
const userProperties: Readonly<Record<string, PropertyDef>> = {
  id: prop("string", true, false),
  businessPhones: prop("stringArray", true),
  displayName: prop("string", true),
  givenName: prop("string", true),
  jobTitle: prop("string", true),
  mail: prop("string", true),
  mobilePhone: prop("string", true),
  officeLocation: prop("string", true),
  preferredLanguage: prop("string", true),
  surname: prop("string", true),
  userPrincipalName: prop("string", true),
  accountEnabled: prop("boolean", false),
  userType: prop("string", false),
  mailNickname: prop("string", false),
  department: prop("string", false),
  employeeId: prop("string", false),
  employeeType: prop("string", false),
  companyName: prop("string", false),
  streetAddress: prop("string", false),
  postalCode: prop("string", false),
  city: prop("string", false),
  state: prop("string", false),
  country: prop("string", false),
  usageLocation: prop("string", false),
  otherMails: prop("stringArray", false),
  onPremisesExtensionAttributes: prop("extensionAttributes", false),
  proxyAddresses: prop("stringArray", false, false),
  createdDateTime: prop("string", false, false),
  deletedDateTime: prop("string", false, false),
};

const groupProperties: Readonly<Record<string, PropertyDef>> = {
  id: prop("string", true, false),
  displayName: prop("string", true),
  description: prop("string", true),
  mail: prop("string", true, false),
  mailEnabled: prop("boolean", true),
  mailNickname: prop("string", true),
  securityEnabled: prop("boolean", true),
  groupTypes: prop("stringArray", true),
  visibility: prop("string", true),
  createdDateTime: prop("string", true, false),
  deletedDateTime: prop("string", true, false),
};

export type EntityType = "user" | "group";

const catalogue = (type: EntityType) => (type === "user" ? userProperties : groupProperties);

/** Navigation properties a delta query can track through `$select`. */
const deltaNavigation: Readonly<Record<EntityType, string>> = { user: "manager", group: "members" };

/**
 * Parses `$select` into canonical property names (Graph matches names case-insensitively; extension
 * names exactly). Unknown names are a 400, as on Graph. Null = no `$select` (the default set).
 */
export function parseSelect(raw: string | null, type: EntityType, forDelta: boolean): string[] | null {
  if (raw === null) return null;
  const props = catalogue(type);
  const byLower = new Map(Object.keys(props).map((name) => [name.toLowerCase(), name]));
  const selected = new Set<string>();
  for (const item of raw.split(",")) {
    const name = item.trim();
    if (name === "") continue;
    const canonical = byLower.get(name.toLowerCase());
    if (canonical !== undefined) selected.add(canonical);
    else if (type === "user" && EXTENSION_PATTERN.test(name)) selected.add(name);
    else if (forDelta && name.toLowerCase() === deltaNavigation[type]) selected.add(deltaNavigation[type]);
    else throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
  }
  return [...selected];
}

/** The properties a request returns and (for delta) tracks: `$select`, or the default set. */
export function effectiveSelect(
  select: readonly string[] | null,
  type: EntityType,
  forDelta: boolean,
): string[] {
  if (select !== null) return [...select];
  const props = catalogue(type);
  const defaults = Object.keys(props).filter((name) => props[name]?.isDefault);
  // Group delta without $select includes members@delta (documented); user delta does not include manager.
  return forDelta && type === "group" ? [...defaults, "members"] : defaults;
}

/** Whether `name` is a stored property of the type (extensions count for users). */
export const isKnownProperty = (type: EntityType, name: string): boolean =>
  name in catalogue(type) || (type === "user" && EXTENSION_PATTERN.test(name));

export const isNavigation = (type: EntityType, name: string): boolean => deltaNavigation[type] === name;

/**
 * Projects stored properties onto a selection. Lists and gets return unset properties as null (as Graph
 * does), but delta omits never-set properties, and unset extensions are always absent.
 */
export function project(
  type: EntityType,
  id: string,
  props: Readonly<Record<string, SourceValue>>,
  select: readonly string[],
  forDelta: boolean,
): Record<string, SourceValue> {
  const out: Record<string, SourceValue> = {};
  const known = catalogue(type);
  for (const name of select) {
    if (name === "id" || isNavigation(type, name)) continue;
    const value = props[name];
    if (value !== undefined) out[name] = value;
    else if (!forDelta && name in known) out[name] = null;
  }
  out.id = id;
  return out;
}

/** Validates a POST / PATCH body against the writable properties; returns the changes to apply. */
export function parseWritableProps(
  body: Readonly<Record<string, unknown>>,
  type: EntityType,
  ignore: readonly string[] = [],
): Record<string, SourceValue> {
  const props = catalogue(type);
  const changes: Record<string, SourceValue> = {};
  for (const [name, value] of Object.entries(body)) {
    if (ignore.includes(name)) continue;
    const def = props[name];
    const isExtension = type === "user" && EXTENSION_PATTERN.test(name);
    if (def === undefined && !isExtension) {
      throw badRequest(`Property '${name}' does not exist on type 'microsoft.graph.${type}'.`);
    }
    if (def !== undefined && !def.writable) throw badRequest(`Property '${name}' is read-only.`);
    if (value !== null && def !== undefined && !hasKind(value, def.kind)) {
      throw badRequest(
        `Invalid value for property '${name}': expected ${def.kind}, got ${JSON.stringify(value)}.`,
      );
    }
    if (value !== null && isExtension && !isExtensionValue(value)) {
      throw badRequest(
        `Invalid value for property '${name}': expected a string, number, boolean or string array.`,
      );
    }
    changes[name] = value as SourceValue;
  }
  return changes;
}

function hasKind(value: unknown, kind: PropertyKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "stringArray":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "extensionAttributes":
      return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([key, item]) =>
            /^extensionAttribute([1-9]|1[0-5])$/.test(key) && (item === null || typeof item === "string"),
        )
      );
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

const isExtensionValue = (value: unknown): boolean =>
  ["string", "number", "boolean"].includes(typeof value) || hasKind(value, "stringArray");
