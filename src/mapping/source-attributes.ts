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

/**
 * Entra's mapping UI names some user attributes after their Active Directory names; Graph calls them
 * differently. A mapping may use either name. `first` means Graph returns a collection and Entra maps its
 * first value (e.g. `telephoneNumber` is the first of `businessPhones`).
 */
export const ENTRA_TO_GRAPH: Readonly<
  Record<string, { readonly property: string; readonly first: boolean }>
> = {
  telephoneNumber: { property: "businessPhones", first: true },
  mobile: { property: "mobilePhone", first: false },
  facsimileTelephoneNumber: { property: "faxNumber", first: false },
  physicalDeliveryOfficeName: { property: "officeLocation", first: false },
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
