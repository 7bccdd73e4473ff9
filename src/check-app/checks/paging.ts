import { type CheckDefinition, fail, pass } from "../check.js";
import { createdUserOf } from "../check-context.js";
import { listResources, resourceBody } from "../entra-requests.js";

/** Check 18: RFC 7644 paging on the user list. */
export const pagingCheck: CheckDefinition = {
  id: 18,
  name: "paging with startIndex and count",
  protects:
    "Entra's documentation requires apps to page lists (RFC 7644 §3.4.2.4); its matching does not page, but admins' tools and the gallery validation do, and an app that ignores count sends its whole directory.",
  severity: "warn",
  perDialect: false,
  readOnly: false,
  async run({ client, learned }) {
    // A user must exist, or there is nothing to page through.
    createdUserOf(learned);
    const pages = [];
    for (const startIndex of [1, 2]) {
      const response = await client.send("GET", `/Users?startIndex=${startIndex}&count=1`);
      const resources = listResources(response);
      if (response.status !== 200 || resources === null)
        return fail(`Expected 200 with a ListResponse, got ${response.status}`, response.exchange);
      if (resources.length > 1)
        return fail(`Expected at most 1 resource for count=1, got ${resources.length}`, response.exchange);
      pages.push({ response, resources, total: resourceBody(response)?.totalResults });
    }
    const [first, second] = pages as [(typeof pages)[0], (typeof pages)[0]];
    if (typeof first.total !== "number" || first.total < 1)
      return fail(
        `Expected totalResults ≥ 1 (a test user exists), got ${JSON.stringify(first.total)}`,
        first.response.exchange,
      );
    if (
      first.total >= 2 &&
      (second.resources.length !== 1 || second.resources[0]!.id === first.resources[0]?.id)
    )
      return fail(
        "Expected startIndex=2 to answer the next user, got the same or none",
        second.response.exchange,
      );
    return pass(`count=1 pages through ${first.total} users`);
  },
};
