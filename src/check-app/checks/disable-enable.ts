import { getCaseInsensitive } from "../../connectors/target/scim/json-value.js";
import { type CheckDefinition, fail, pass } from "../check.js";
import { type CheckContext, dialectTag } from "../check-context.js";
import { isSuccess, listResources, resourceBody, sendGet, sendPatch, sendQuery } from "../entra-requests.js";
import type { Exchange } from "../types.js";

/** Check 12: disable and re-enable, as Entra does when a user leaves and re-enters scope. */
export const disableEnableCheck: CheckDefinition = {
  id: 12,
  name: "disable and re-enable keep the user, with a boolean active",
  protects:
    'Entra disables (never deletes) a user who leaves scope with a PATCH of active ("False" in the legacy dialect, false with the flag) and expects GET and the matching filter to keep returning the user, with active as a JSON boolean.',
  severity: "fail",
  perDialect: true,
  readOnly: false,
  notApplicable: ({ profile }) =>
    profile.userPaths.some((p) => p.toLowerCase() === "active") ? null : "the template does not map active",
  async run(context) {
    const { client, profile, objects } = context;
    const user = await objects.user(`d-${dialectTag(context.dialect)}`, profile.userPaths);
    for (const [from, to, expected] of [
      ["True", "False", false],
      ["False", "True", true],
    ] as const) {
      const patch = await sendPatch(client, context.dialect!, "user", user.id, [
        { path: "active", oldValue: from, newValue: to },
      ]);
      if (!isSuccess(patch))
        return fail(`Setting active to ${to}: expected 200 or 204, got ${patch.status}`, patch.exchange);
      const problem = await activeIs(context, user.id, String(user.attributes.userName), expected);
      if (problem) return fail(`After setting active to ${to}: ${problem.message}`, problem.exchange);
    }
    return pass("disabled and re-enabled; GET and filter return the user with a boolean active");
  },
};

async function activeIs(
  { client }: CheckContext,
  id: string,
  userName: string,
  expected: boolean,
): Promise<{ message: string; exchange: Exchange } | null> {
  const read = await sendGet(client, "user", id);
  const body = resourceBody(read);
  if (read.status !== 200 || !body)
    return { message: `expected GET 200 with the user, got ${read.status}`, exchange: read.exchange };
  const active = getCaseInsensitive(body, "active");
  if (active !== expected)
    return {
      message: `expected GET to show active ${expected} (a JSON boolean), got ${JSON.stringify(active)}`,
      exchange: read.exchange,
    };
  const query = await sendQuery(client, "user", "userName", userName);
  const found = listResources(query)?.filter((r) => r.id === id) ?? [];
  if (found.length !== 1)
    return {
      message: `expected the userName filter to still find the user, got ${found.length}`,
      exchange: query.exchange,
    };
  const listed = getCaseInsensitive(found[0]!, "active");
  if (listed !== undefined && listed !== expected)
    return {
      message: `expected the filter to show active ${expected}, got ${JSON.stringify(listed)}`,
      exchange: query.exchange,
    };
  return null;
}
