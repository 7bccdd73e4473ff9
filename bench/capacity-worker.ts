import autocannon from "autocannon";
import { reply, runMain } from "./support/child.js";
import { measureCpu } from "./support/instrument.js";

/**
 * The target's capacity for the initial cycle's request mix, measured by autocannon in its own process:
 * per user a match query that misses, then the POST that creates it, on `connections` keep-alive
 * connections (the engine's concurrency). The body is what the engine sends for a generated user.
 */

export interface CapacityResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Non-2xx answers, errors and timeouts: a capacity figure is only valid when this is 0. */
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU autocannon's process used (the load generator's own cost). */
  readonly cpuSeconds: number;
}

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function userBody(userName: string): string {
  const alias = userName.split("@")[0]!;
  return JSON.stringify({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
    userName,
    active: true,
    displayName: "Alex Haworth",
    title: "Manager",
    preferredLanguage: "en-US",
    name: { givenName: "Alex", familyName: "Haworth", formatted: "Alex Haworth" },
    externalId: alias,
    userType: "Member",
    [ENTERPRISE]: { employeeNumber: "100000", department: "Legal", organization: "Contoso" },
    emails: [{ type: "work", primary: true, value: `${alias}@contoso.com` }],
    addresses: [{ type: "work", locality: "Austin", region: "TX", country: "US" }],
    phoneNumbers: [{ type: "work", value: "+1 425 555 0000" }],
    roles: [{ primary: true, type: "WindowsAzureActiveDirectoryRole", value: "Admin" }],
    meta: { resourceType: "User" },
  });
}

async function main(): Promise<void> {
  const [url, token, connections, duration] = process.argv.slice(2) as [string, string, string, string];
  const base = new URL(url).pathname;
  let next = 0;
  const cpu = measureCpu();
  const result = await autocannon({
    url,
    connections: Number(connections),
    duration: Number(duration),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    requests: [
      {
        method: "GET",
        setupRequest: (request, context) => {
          context.userName = `capacity.user${next++}@contoso.onmicrosoft.com`;
          const filter = encodeURIComponent(`userName eq "${context.userName}"`).replace(/%20/g, "+");
          return { ...request, path: `${base}/Users?filter=${filter}` };
        },
      },
      {
        method: "POST",
        setupRequest: (request, context) => ({
          ...request,
          path: `${base}/Users`,
          body: userBody(String(context.userName)),
        }),
      },
    ],
  });
  reply({
    requests: result.requests.total,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    failed: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuSeconds: cpu.stop(),
  } satisfies CapacityResult);
}

runMain(main);
