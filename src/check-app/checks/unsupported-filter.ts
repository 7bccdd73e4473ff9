import { encodeQueryComponent } from "../../connectors/target/scim/filter.js";
import { type CheckDefinition, fail, pass } from "../check.js";
import { createdUserOf } from "../check-context.js";
import { listResources } from "../entra-requests.js";

/** Check 9: a filter the app does not support must fail loudly. */
export const unsupportedFilterCheck: CheckDefinition = {
  id: 9,
  name: "unsupported filter answered 400, not an unfiltered list",
  protects:
    "Entra trusts a filter's answer: an app that ignores a filter it cannot read and lists everyone makes a match find the wrong user (and a 0-hit answer to a compound filter makes it create duplicates).",
  severity: "warn",
  perDialect: false,
  readOnly: false,
  async run({ client, learned, objects }) {
    // A user must exist, or an unfiltered list would look empty and pass.
    createdUserOf(learned);
    const filter = `userName sw "${objects.name("none")}" and userName ne "${objects.name("none")}"`;
    const response = await client.send("GET", `/Users?filter=${encodeQueryComponent(filter)}`);
    if (response.status === 400) return pass("400 for a filter it does not support");
    const resources = listResources(response);
    if (response.status === 200 && resources !== null && resources.length === 0)
      return pass("the filter is supported (200, no match)");
    return fail(
      `Expected 400 (invalidFilter) or an empty list for a filter nothing matches, got ${response.status} with ${resources?.length ?? "no"} resource(s)`,
      response.exchange,
    );
  },
};
