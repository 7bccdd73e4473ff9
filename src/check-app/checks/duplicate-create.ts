import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { createdUserOf } from "../check-context.js";
import { isSuccess, resourceBody, sendCreate } from "../entra-requests.js";
import { sampleUser } from "../sample-values.js";

/** Check 10: a second create of the same userName. */
export const duplicateCreateCheck: CheckDefinition = {
  id: 10,
  name: "duplicate create answered 409",
  protects:
    "Entra logs a 409 as EntryConflict and retries later; an app that creates a second user with the same userName splits one person into two accounts.",
  severity: "fail",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, learned, objects }) {
    const created = createdUserOf(learned);
    const response = await sendCreate(client, "user", sampleUser(profile.userPaths, created.name, 0));
    if (isSuccess(response)) {
      const id = resourceBody(response)?.id;
      objects.track({
        type: "user",
        name: created.userName,
        ...(typeof id === "string" && id ? { id } : {}),
      });
      return fail(
        `Expected 409 for a second user with userName ${created.userName}, got ${response.status}`,
        response.exchange,
      );
    }
    if (response.status !== 409)
      return fail(`Expected 409 (uniqueness), got ${response.status}`, response.exchange);
    if (resourceBody(response)?.scimType !== "uniqueness")
      return warn('Expected scimType "uniqueness" with the 409 (RFC 7644 §3.3)', response.exchange);
    return pass("409 uniqueness");
  },
};
