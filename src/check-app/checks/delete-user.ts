import { type CheckDefinition, fail, pass } from "../check.js";
import { listResources, sendDelete, sendGet, sendQuery } from "../entra-requests.js";

/** Check 17: DELETE really removes the user. */
export const deleteUserCheck: CheckDefinition = {
  id: 17,
  name: "DELETE answered 204, then GET 404 and the filter empty",
  protects:
    "When a user is hard-deleted in Entra the job sends DELETE /Users/{id} and forgets the id; a user the app keeps (or keeps finding by filter) is matched again and revived.",
  severity: "fail",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, objects }) {
    const user = await objects.user("del", profile.userPaths);
    const removed = await sendDelete(client, "user", user.id);
    if (removed.status !== 204 && removed.status !== 200)
      return fail(`Expected 204, got ${removed.status}`, removed.exchange);
    const read = await sendGet(client, "user", user.id);
    if (read.status !== 404)
      return fail(`Expected GET after DELETE to answer 404, got ${read.status}`, read.exchange);
    const query = await sendQuery(client, "user", "userName", String(user.attributes.userName));
    const hits = listResources(query);
    if (query.status !== 200 || hits === null || hits.length > 0)
      return fail(
        `Expected the userName filter to find nothing after DELETE, got ${query.status} with ${hits?.length ?? "no list"}`,
        query.exchange,
      );
    objects.untrack(user.id);
    return pass(`DELETE ${removed.status}, then 404 and an empty filter`);
  },
};
