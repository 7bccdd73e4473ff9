import { randomUUID } from "node:crypto";
import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { dialectTag } from "../check-context.js";
import { isSuccess, resourceBody, sendGet, sendMembersPatch } from "../entra-requests.js";
import type { ProbeClient } from "../probe-client.js";
import type { Exchange } from "../types.js";

/** Check 16: member PATCHes in the dialect's form. */
export const membersCheck: CheckDefinition = {
  id: 16,
  name: "members: batch add, remove one, GET shows exactly the rest",
  protects:
    "Entra sends membership as PATCHes (add in batches; remove legacy: Remove on members with a value array, flag: remove members[value eq \"id\"]). An app that reads the legacy remove as 'remove all' or ignores it leaves people in groups they left.",
  severity: "fail",
  perDialect: true,
  readOnly: false,
  notApplicable: ({ profile }) =>
    profile.groupPaths && profile.groupMembers ? null : "the template maps no group members",
  async run(context) {
    const { client, profile, objects } = context;
    const dialect = context.dialect!;
    const tag = dialectTag(dialect);
    const group = await objects.group(`gm-${tag}`, profile.groupPaths!);
    const users = [];
    for (const n of [1, 2, 3]) users.push(await objects.user(`gm${n}-${tag}`, profile.userPaths));
    const ids = users.map((u) => u.id);
    const add = await sendMembersPatch(client, dialect, group.id, ids, []);
    if (!isSuccess(add))
      return fail(`Adding 3 members: expected 200 or 204, got ${add.status}`, add.exchange);
    const afterAdd = await membersOf(client, group.id);
    if (!sameSet(afterAdd.ids, ids))
      return fail(
        `After adding 3 members: expected exactly ${ids.join(", ")}, got ${afterAdd.ids.join(", ") || "none"}`,
        afterAdd.exchange,
      );
    const remove = await sendMembersPatch(client, dialect, group.id, [], [ids[1]!]);
    if (!isSuccess(remove))
      return fail(`Removing one member: expected 200 or 204, got ${remove.status}`, remove.exchange);
    const rest = [ids[0]!, ids[2]!];
    const afterRemove = await membersOf(client, group.id);
    if (!sameSet(afterRemove.ids, rest))
      return fail(
        `After removing ${ids[1]}: expected exactly ${rest.join(", ")}, got ${afterRemove.ids.join(", ") || "none"}`,
        remove.exchange,
      );
    // Entra batches member adds: one stale id should not make the app drop the others.
    const batch = await sendMembersPatch(client, dialect, group.id, [randomUUID(), ids[1]!], []);
    if (!isSuccess(batch)) {
      const after = await membersOf(client, group.id);
      if (!after.ids.includes(ids[1]!))
        return warn(
          `An unknown member id failed the whole batch (${batch.status}); the known member was not added`,
          batch.exchange,
        );
    }
    return pass("3 added in one PATCH, one removed, the rest kept");
  },
};

async function membersOf(
  client: ProbeClient,
  groupId: string,
): Promise<{ ids: string[]; exchange: Exchange }> {
  const read = await sendGet(client, "group", groupId, true);
  const members = resourceBody(read)?.members;
  const ids = Array.isArray(members)
    ? members.map((m: { value?: unknown }) => m?.value).filter((v): v is string => typeof v === "string")
    : [];
  return { ids, exchange: read.exchange };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && b.every((id) => a.includes(id));
