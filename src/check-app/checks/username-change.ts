import { type CheckDefinition, fail, pass } from "../check.js";
import { dialectTag } from "../check-context.js";
import { isSuccess, listResources, sendPatch, sendQuery } from "../entra-requests.js";
import { testUserName } from "../sample-values.js";

/** Check 14: a renamed user is found by the new userName. */
export const userNameChangeCheck: CheckDefinition = {
  id: 14,
  name: "userName change, then found by the new value",
  protects:
    "When a UPN changes, Entra PATCHes userName and later matches by the new value; an app that keeps matching the old one makes Entra create a duplicate.",
  severity: "fail",
  perDialect: true,
  readOnly: false,
  notApplicable: ({ profile }) =>
    profile.userPaths.some((p) => p.toLowerCase() === "username")
      ? null
      : "the template does not map userName",
  async run(context) {
    const { client, profile, objects } = context;
    const user = await objects.user(`n-${dialectTag(context.dialect)}`, profile.userPaths);
    const before = String(user.attributes.userName);
    const after = testUserName(`${user.name}-renamed`);
    const patch = await sendPatch(client, context.dialect!, "user", user.id, [
      { path: "userName", oldValue: before, newValue: after },
    ]);
    if (!isSuccess(patch)) return fail(`Expected 200 or 204, got ${patch.status}`, patch.exchange);
    const byNew = await sendQuery(client, "user", "userName", after);
    const hits = listResources(byNew) ?? [];
    if (byNew.status !== 200 || hits.length !== 1 || hits[0]!.id !== user.id)
      return fail(
        `Expected the new userName to find the user, got ${byNew.status} with ${hits.length} resource(s)`,
        byNew.exchange,
      );
    const byOld = await sendQuery(client, "user", "userName", before);
    const old = listResources(byOld) ?? [];
    if (old.length > 0)
      return fail(`Expected the old userName to find nothing, got ${old.length} resource(s)`, byOld.exchange);
    return pass("renamed; found by the new userName only");
  },
};
