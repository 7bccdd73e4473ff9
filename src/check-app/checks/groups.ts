import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { dialectTag } from "../check-context.js";
import { isSuccess, listResources, resourceBody, sendGet, sendPatch, sendQuery } from "../entra-requests.js";
import { sampleGroup } from "../sample-values.js";

/** Check 15: groups created, matched without members, renamed. */
export const groupsCheck: CheckDefinition = {
  id: 15,
  name: "groups: create, match with excludedAttributes=members, rename",
  protects:
    'Entra creates groups without members, matches them with `GET /Groups?excludedAttributes=members&filter=displayName eq "…"` and renames them by PATCH; a large group\'s members in every answer slow or time out each cycle.',
  severity: "fail",
  perDialect: true,
  readOnly: false,
  notApplicable: ({ profile }) => (profile.groupPaths ? null : "the template provisions no groups"),
  async run(context) {
    const { client, profile, objects } = context;
    const paths = profile.groupPaths!;
    const group = await objects.group(`g-${dialectTag(context.dialect)}`, paths);
    const matching = profile.groupMatching[0] ?? "displayName";
    const match = await sendQuery(client, "group", matching, String(group.attributes[matching]));
    const hits = listResources(match) ?? [];
    if (match.status !== 200 || hits.length !== 1 || hits[0]!.id !== group.id)
      return fail(
        `Expected the ${matching} filter to find exactly the group, got ${match.status} with ${hits.length}`,
        match.exchange,
      );
    const read = await sendGet(client, "group", group.id);
    if (read.status !== 200 || !resourceBody(read))
      return fail(
        `Expected GET /Groups/{id}?excludedAttributes=members to answer 200, got ${read.status}`,
        read.exchange,
      );
    const renamed = sampleGroup(paths, group.name, 1);
    const changes = paths
      .filter((p) => p.toLowerCase() === "displayname")
      .map((path) => ({ path, oldValue: group.attributes[path], newValue: renamed[path]! }));
    if (changes.length > 0) {
      const patch = await sendPatch(client, context.dialect!, "group", group.id, changes);
      if (!isSuccess(patch)) return fail(`Rename: expected 200 or 204, got ${patch.status}`, patch.exchange);
      const byNew = await sendQuery(client, "group", "displayName", String(renamed.displayName));
      const found = listResources(byNew) ?? [];
      if (found.length !== 1 || found[0]!.id !== group.id)
        return fail(
          `Rename: expected the new displayName to find the group, got ${found.length}`,
          byNew.exchange,
        );
    }
    if ("members" in (hits[0] ?? {}))
      return warn(
        "Expected the match answer without members (excludedAttributes=members ignored)",
        match.exchange,
      );
    return pass("created, matched without members, renamed");
  },
};
