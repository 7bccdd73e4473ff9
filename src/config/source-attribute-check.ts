import type { ObjectType } from "../domain/ids.js";
import { ENTRA_TO_GRAPH } from "../mapping/source-attributes.js";
import { didYouMean } from "./did-you-mean.js";
import { GRAPH_GROUP_PROPERTIES, GRAPH_USER_PROPERTIES } from "./graph-properties.js";

/** A directory extension property: `extension_<app id without dashes>_<name>` (Graph names it so). */
const DIRECTORY_EXTENSION = /^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/;

/**
 * Every name a mapping may read, per object type: the Graph v1.0 properties, the attributes the engine
 * computes (src/pipeline/attribute-reader.ts) and, for users, Entra's AD-style aliases it translates
 * (`telephoneNumber`, `extensionAttribute1`…). Names are case-sensitive: the engine reads Graph's JSON by
 * the exact name, so `JobTitle` would silently read nothing.
 */
const READABLE: Readonly<Record<ObjectType, ReadonlySet<string>>> = {
  user: new Set([
    ...GRAPH_USER_PROPERTIES,
    ...Object.keys(ENTRA_TO_GRAPH),
    "IsSoftDeleted",
    "objectId",
    "appRoleAssignments",
    "manager",
    "originalUserPrincipalName",
  ]),
  group: new Set([...GRAPH_GROUP_PROPERTIES, "IsSoftDeleted", "objectId", "members"]),
};

/**
 * Why `name` cannot be read from a Graph `type`, with the nearest known name; null when it can. Catching
 * it here turns what would be a Graph 400 (and a quarantined job) on the first cycle into a config error.
 */
export function unknownSourceAttributeProblem(type: ObjectType, name: string): string | null {
  const readable = READABLE[type];
  if (readable.has(name) || DIRECTORY_EXTENSION.test(name)) return null;
  return (
    `Expected a Microsoft Graph v1.0 ${type} attribute (or extension_<appId>_<name>), got "${name}"` +
    didYouMean(name, readable)
  );
}
