/**
 * Source attribute names that the engine computes instead of reading them as Graph properties. Everything
 * else a mapping or scoping filter names is `$select`-ed from Graph.
 */
export const COMPUTED_SOURCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  "IsSoftDeleted",
  "appRoleAssignments",
  "objectId",
  "manager",
  "members",
  "originalUserPrincipalName",
]);

/** Where a source attribute of Entra's mapping UI lives in Graph. */
export interface GraphAlias {
  readonly property: string;
  /** Graph returns a collection and Entra maps its first value. */
  readonly first: boolean;
  /** The value is this member of a complex property (`onPremisesExtensionAttributes.extensionAttribute1`). */
  readonly member?: string;
}

/** Entra's `extensionAttribute1`…`15`: members of Graph's `onPremisesExtensionAttributes` (graph-source.md §2). */
const EXTENSION_ATTRIBUTES = Object.fromEntries(
  Array.from({ length: 15 }, (_, i) => {
    const name = `extensionAttribute${i + 1}`;
    return [name, { property: "onPremisesExtensionAttributes", first: false, member: name }];
  }),
);

/**
 * Entra's mapping UI names some user attributes after their Active Directory names; Graph calls them
 * differently. A mapping may use either name. E.g. `telephoneNumber` is the first of `businessPhones`, and
 * `extensionAttribute1` a member of `onPremisesExtensionAttributes` (`$select`-ing it by its own name is a
 * 400 from Graph).
 */
export const ENTRA_TO_GRAPH: Readonly<Record<string, GraphAlias>> = {
  telephoneNumber: { property: "businessPhones", first: true },
  mobile: { property: "mobilePhone", first: false },
  facsimileTelephoneNumber: { property: "faxNumber", first: false },
  physicalDeliveryOfficeName: { property: "officeLocation", first: false },
  ...EXTENSION_ATTRIBUTES,
};

/** Graph properties the engine always reads for users, whatever the mappings say. */
export const ALWAYS_SELECTED_USER_ATTRIBUTES = [
  "id",
  "userPrincipalName",
  "displayName",
  "accountEnabled",
] as const;
export const ALWAYS_SELECTED_GROUP_ATTRIBUTES = ["id", "displayName"] as const;

/** The Graph properties to `$select` for a set of referenced source attribute names. */
export function graphPropertiesFor(referenced: Iterable<string>, always: readonly string[]): string[] {
  const out = new Set<string>(always);
  for (const name of referenced) {
    if (name === "originalUserPrincipalName") out.add("userPrincipalName");
    else if (ENTRA_TO_GRAPH[name]) out.add(ENTRA_TO_GRAPH[name].property);
    else if (!COMPUTED_SOURCE_ATTRIBUTES.has(name)) out.add(name);
  }
  return [...out].sort();
}
