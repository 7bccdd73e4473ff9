import { coerceAttributeValue, flattenResource } from "../../connectors/target/scim/index.js";
import { attrValuesEqual } from "../../domain/values.js";
import { type CheckDefinition, fail, pass } from "../check.js";
import { createdUserOf } from "../check-context.js";
import { resourceBody, sendGet } from "../entra-requests.js";
import { sampleUser } from "../sample-values.js";

/** Check 7: what the app stores of the create body. */
export const readBackCheck: CheckDefinition = {
  id: 7,
  name: "GET after create returns every mapped attribute",
  protects:
    "Entra compares the source with what GET /Users/{id} returns and PATCHes the difference: an attribute the app drops silently is lost for the customer and re-sent on every update.",
  severity: "warn",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, learned }) {
    const created = createdUserOf(learned);
    const response = await sendGet(client, "user", created.id);
    const body = resourceBody(response);
    if (response.status !== 200 || !body)
      return fail(`Expected 200 with the user, got ${response.status}`, response.exchange);
    const sent = sampleUser(profile.userPaths, created.name, 0);
    const stored = flattenResource(body, profile.userPaths);
    const dropped = profile.userPaths.filter(
      (path) => !attrValuesEqual(coerceAttributeValue(path, sent[path]!), stored[path], path === "userName"),
    );
    learned.storedPaths = profile.userPaths.filter((path) => !dropped.includes(path));
    if (dropped.length > 0)
      return fail(
        `Expected every mapped attribute back as sent, dropped or changed: ${dropped.join(", ")}`,
        response.exchange,
      );
    return pass(`${profile.userPaths.length} attributes read back as sent`);
  },
};
