import { flattenResource } from "../../connectors/target/scim/index.js";
import { type CheckDefinition, fail, pass } from "../check.js";
import { dialectTag } from "../check-context.js";
import { isSuccess, resourceBody, sendGet, sendPatch } from "../entra-requests.js";

/** Check 13: the manager reference, set and changed in the dialect's shape. */
export const managerCheck: CheckDefinition = {
  id: 13,
  name: "manager set and changed",
  protects:
    'Entra links the manager after creating users, by PATCH (legacy: Add on manager with [{"$ref":null,"value":id}]; flag: the enterprise URN path with a bare id). It never clears one: it sends no nulls.',
  severity: "fail",
  perDialect: true,
  readOnly: false,
  notApplicable: ({ profile }) => (profile.managerPath ? null : "the template does not map a manager"),
  async run(context) {
    const { client, profile, objects } = context;
    const path = profile.managerPath!;
    const suffix = dialectTag(context.dialect);
    const user = await objects.user(`m-${suffix}`, profile.userPaths);
    const first = await objects.user(`m1-${suffix}`, profile.userPaths);
    const second = await objects.user(`m2-${suffix}`, profile.userPaths);
    let previous: string | undefined;
    for (const [step, manager] of [
      ["set", first.id],
      ["change", second.id],
    ] as const) {
      const patch = await sendPatch(client, context.dialect!, "user", user.id, [
        { path, oldValue: previous, newValue: manager },
      ]);
      if (!isSuccess(patch))
        return fail(`Manager ${step}: expected 200 or 204, got ${patch.status}`, patch.exchange);
      const read = await sendGet(client, "user", user.id);
      const stored = flattenResource(resourceBody(read) ?? {}, [path])[path];
      if (stored !== manager)
        return fail(
          `Manager ${step}: expected GET to show manager ${manager}, got ${JSON.stringify(stored)}`,
          read.exchange,
        );
      previous = manager;
    }
    return pass("manager set, then changed");
  },
};
