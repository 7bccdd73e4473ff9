import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { createdUserOf } from "../check-context.js";
import { CheckSkipped } from "../check-skipped.js";
import { listResources, sendQuery } from "../entra-requests.js";
import type { ProbeClient } from "../probe-client.js";
import { sampleUser } from "../sample-values.js";
import type { Exchange } from "../types.js";

/** Check 8: matching finds the user, on every matching attribute, userName in any case. */
export const matchingCheck: CheckDefinition = {
  id: 8,
  name: "matching finds exactly one user",
  protects:
    'Before every create Entra queries each matching attribute in turn (`filter=<attr> eq "<value>"`); no hit means a duplicate create (409), several mean DuplicateTargetEntries. userName is case-insensitive (RFC 7643).',
  severity: "fail",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, learned, objects }) {
    const created = createdUserOf(learned);
    const values = sampleUser(profile.userPaths, created.name, 0);
    const probes: [string, string][] = profile.userMatching.map((a) => [a, String(values[a])]);
    if (profile.userMatching.some((a) => a.toLowerCase() === "username"))
      probes.push(["userName", created.userName.toUpperCase()]);
    for (const [attribute, value] of probes) {
      const problem = await findsOnly(client, attribute, value, created.id);
      if (problem) return fail(`${attribute} eq "${value}": ${problem.message}`, problem.exchange);
    }
    // Entra's known issue: values with special characters; RFC 7644 says they work when quoted.
    const special = await objects.user("o'neil+x&y", profile.userPaths).catch((error: unknown) => {
      if (error instanceof CheckSkipped) return error;
      throw error;
    });
    if (special instanceof CheckSkipped)
      return warn(`Expected a userName with ' + & to be accepted, ${special.message}`, special.exchange);
    const specialName = String(special.attributes.userName);
    const problem = await findsOnly(client, "userName", specialName, special.id);
    if (problem) return warn(`userName eq "${specialName}": ${problem.message}`, problem.exchange);
    return pass(`${probes.length} matching queries found exactly the user; special characters too`);
  },
};

async function findsOnly(
  client: ProbeClient,
  attribute: string,
  value: string,
  id: string,
): Promise<{ message: string; exchange: Exchange } | null> {
  const response = await sendQuery(client, "user", attribute, value);
  const resources = listResources(response);
  if (response.status !== 200 || resources === null)
    return {
      message: `expected 200 with a ListResponse, got ${response.status}`,
      exchange: response.exchange,
    };
  if (resources.length !== 1 || resources[0]!.id !== id)
    return {
      message: `expected exactly the test user (id ${id}), got ${resources.length} resource(s)`,
      exchange: response.exchange,
    };
  return null;
}
