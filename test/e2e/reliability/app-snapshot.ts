import type { ScimJson, ScimTestServer } from "../../support/scim-servers/index.js";

/**
 * What the app holds, independent of the ids it assigned: ids and `meta` dropped, every reference to a
 * resource id replaced by that resource's userName / displayName, member lists sorted. Two runs that
 * provisioned the same tenant compare equal exactly when the app ended up in the same state.
 */
export async function appSnapshot(scim: ScimTestServer) {
  const [users, groups] = await Promise.all([scim.users(), scim.groups()]);
  const names = new Map<string, string>([
    ...users.map((u): [string, string] => [u.id, `user:${String(u.userName)}`]),
    ...groups.map((g): [string, string] => [g.id, `group:${String(g.displayName)}`]),
  ]);
  const strip = (value: unknown): unknown => {
    if (typeof value === "string") return names.get(value) ?? value;
    if (Array.isArray(value)) {
      const items = value.map(strip);
      return items.every((i) => typeof i === "object" && i !== null && "value" in i)
        ? items.sort((a, b) =>
            String((a as { value: unknown }).value).localeCompare(String((b as { value: unknown }).value)),
          )
        : items;
    }
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== "id" && key !== "meta" && key !== "$ref")
          .map(([key, v]) => [key, strip(v)]),
      );
    return value;
  };
  const byKey = (key: string) => (a: ScimJson, b: ScimJson) => String(a[key]).localeCompare(String(b[key]));
  return {
    users: [...users].sort(byKey("userName")).map(strip),
    groups: [...groups].sort(byKey("displayName")).map(strip),
  };
}

/** userNames that occur more than once in the app. */
export async function duplicateUserNames(scim: ScimTestServer): Promise<string[]> {
  const names = (await scim.users()).map((u) => String(u.userName));
  return names.filter((name, i) => names.indexOf(name) !== i);
}
