import { randomUUID } from "node:crypto";
import { type CheckDefinition, fail, pass } from "../check.js";
import { listResources, sendQuery } from "../entra-requests.js";

/** Check 2: the portal's Test Connection query. */
export const testConnectionCheck: CheckDefinition = {
  id: 2,
  name: "Test Connection query",
  protects:
    'Entra\'s Test Connection (and step 1 of every cycle here) sends `GET /Users?filter=userName eq "<random guid>"` and needs 200 with an empty list; anything else blocks saving the configuration.',
  severity: "fail",
  perDialect: false,
  readOnly: true,
  async run({ client, profile }) {
    const attribute = profile.userMatching[0] ?? "userName";
    const response = await sendQuery(client, "user", attribute, randomUUID());
    if (response.status !== 200) return fail(`Expected 200, got ${response.status}`, response.exchange);
    const resources = listResources(response);
    if (resources === null)
      return fail("Expected a SCIM ListResponse with a Resources array", response.exchange);
    if (resources.length > 0)
      return fail(
        `Expected no resource for a random ${attribute}, got ${resources.length} (is the filter ignored?)`,
        response.exchange,
      );
    return pass("200 with an empty ListResponse");
  },
};
