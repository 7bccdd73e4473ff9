import { parseAttributePath } from "../connectors/target/scim/attribute-path.js";
import { pathKind } from "../connectors/target/scim/path-kind.js";
import type { AttrValue, FlatAttributes } from "../domain/values.js";

/** Every test object's names start with this, so a vendor can find and remove leftovers of an aborted run. */
export const TEST_OBJECT_PREFIX = "entra-sync-check-";

/** `first` is what the create body carries, `second` what an update changes it to. */
type ValuePair = readonly [AttrValue, AttrValue];

/** Plausible values for the paths Entra's templates map, so an app validating formats accepts them. */
const KNOWN: Readonly<Record<string, (name: string) => ValuePair>> = {
  active: () => ["True", "True"],
  displayname: (name) => [name, `${name}-renamed`],
  title: () => ["Tester", "Lead tester"],
  preferredlanguage: () => ["en-US", "nb-NO"],
  usertype: () => ["Member", "Guest"],
  "name.givenname": () => ["Check", "Checked"],
  "name.familyname": (name) => [name, `${name}-b`],
  "name.formatted": (name) => [`Check ${name}`, `Checked ${name}-b`],
  externalid: (name) => [name, `${name}-b`],
  'emails[type eq "work"].value': (name) => [`${name}@mail.example.com`, `${name}-b@mail.example.com`],
  'addresses[type eq "work"].formatted': () => ["1 Check Street, Oslo", "2 Check Street, Bergen"],
  'addresses[type eq "work"].streetaddress': () => ["1 Check Street", "2 Check Street"],
  'addresses[type eq "work"].locality': () => ["Oslo", "Bergen"],
  'addresses[type eq "work"].region': () => ["Oslo", "Vestland"],
  'addresses[type eq "work"].postalcode': () => ["0150", "5003"],
  'addresses[type eq "work"].country': () => ["NO", "SE"],
  'phonenumbers[type eq "work"].value': () => ["+1 555 0100", "+1 555 0110"],
  'phonenumbers[type eq "mobile"].value': () => ["+1 555 0101", "+1 555 0111"],
  'phonenumbers[type eq "fax"].value': () => ["+1 555 0102", "+1 555 0112"],
  'roles[primary eq "true"].value': () => ["User", "Admin"],
};

/** The userName of a test user: an e-mail address (some apps require one) under the test prefix. */
export const testUserName = (name: string) => `${name}@check.example.com`;

/**
 * The test user's attributes for these paths, as Entra's mappings would yield them (`active` as the
 * `Switch` expression's "True"). `version` 0 is the create, 1 the update.
 */
export function sampleUser(paths: readonly string[], name: string, version: 0 | 1): FlatAttributes {
  const attributes: Record<string, AttrValue> = {};
  for (const path of paths) {
    if (path.toLowerCase() === "username") {
      attributes[path] = testUserName(version === 0 ? name : `${name}-b`);
      continue;
    }
    attributes[path] = sampleValue(path, name)[version];
  }
  return attributes;
}

/** The test group's attributes: a prefixed displayName, anything else a prefixed string. */
export function sampleGroup(paths: readonly string[], name: string, version: 0 | 1): FlatAttributes {
  const attributes: Record<string, AttrValue> = {};
  for (const path of paths) attributes[path] = sampleValue(path, name)[version];
  return attributes;
}

function sampleValue(path: string, name: string): ValuePair {
  const known = KNOWN[path.toLowerCase()];
  if (known) return known(name);
  const parsed = parseAttributePath(path);
  if (pathKind(parsed) === "primaryRole") return ["User", "Admin"];
  const label = parsed.subAttribute ?? parsed.attribute;
  return [`${name}-${label}`, `${name}-${label}-b`];
}
