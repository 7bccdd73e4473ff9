import { randomUUID } from "node:crypto";
import { buildMatchQuery } from "../../connectors/target/scim/index.js";
import { type CheckDefinition, fail, pass } from "../check.js";
import type { ProbeResponse } from "../probe-client.js";

/** Requests in the burst, and how many are in flight at once. */
export const BURST_REQUESTS = 50;
export const BURST_CONCURRENCY = 5;
const REQUIRED_RATE = 25;

/** Check 19: a short burst of probe queries at the gallery's rate. */
export const burstCheck: CheckDefinition = {
  id: 19,
  name: "a short burst reaches 25 requests/s",
  protects:
    "Gallery apps must sustain 25 requests/s per tenant, and a custom app gets no client-side rate limit at all: Entra sends as fast as it goes. A 429 must carry Retry-After so Entra waits rather than guesses.",
  severity: "warn",
  perDialect: false,
  readOnly: false,
  async run({ client, profile, now }) {
    const attribute = profile.userMatching[0] ?? "userName";
    const started = now();
    // Bounded in count and in time: no request starts once twice the burst's target window has passed.
    const window = (2 * 1000 * BURST_REQUESTS) / REQUIRED_RATE;
    const answers: ProbeResponse[] = [];
    let next = 0;
    const worker = async () => {
      while (next < BURST_REQUESTS && now() - started < window) {
        next++;
        answers.push(await client.send("GET", `/Users?${buildMatchQuery("user", attribute, randomUUID())}`));
      }
    };
    await Promise.all(Array.from({ length: BURST_CONCURRENCY }, worker));
    const elapsedMs = Math.max(now() - started, 1);
    const rate = (answers.length * 1000) / elapsedMs;
    const refused = answers.find((a) => a.status !== 200);
    if (refused?.status === 429 && !refused.retryAfter)
      return fail(
        `Expected a 429 to carry Retry-After, got none (${answers.filter((a) => a.status === 429).length} of ${answers.length} throttled)`,
        refused.exchange,
      );
    if (refused)
      return fail(
        `Expected ${BURST_REQUESTS} probe queries at ${REQUIRED_RATE}/s to answer 200, got ${refused.status}`,
        refused.exchange,
      );
    if (rate < REQUIRED_RATE)
      return fail(
        `Expected at least ${REQUIRED_RATE} requests/s, got ${rate.toFixed(1)} (${answers.length} in ${Math.round(elapsedMs)} ms, ${BURST_CONCURRENCY} in flight)`,
      );
    return pass(
      `${answers.length} probe queries at ${rate.toFixed(0)} requests/s, ${BURST_CONCURRENCY} in flight`,
    );
  },
};
