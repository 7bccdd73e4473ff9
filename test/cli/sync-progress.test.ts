import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.js";
import { startScimmyTestServer } from "../support/scim-servers/index.js";
import { smallTenant } from "../support/tenants.js";

const PROGRESS = /^e2e: (\d+)\/(\d+) changes done, (\d+) failed$/gm;
const SUMMARY = /^ {2}(\d+) changes: .*, (\d+) skipped, (\d+) failed/m;

describe("sync's progress and its summary", () => {
  let env: EngineEnv;
  let proxy: FaultProxy;
  afterEach(async () => {
    await env.close();
    await proxy.close();
  });

  it("count the same changes and the same failures (a skipped user and a failed create included)", async () => {
    // The small tenant has a disabled user (a skip); the app answers 500 to the first user create (POSTs
    // are not retried), so that create fails.
    const scim = await startScimmyTestServer();
    proxy = await startFaultProxy({
      upstream: scim.url,
      rate: 1,
      kinds: ["serverError"],
      afterUpstreamShare: 0,
      maxFaults: 1,
      only: (r) => r.method === "POST" && r.path.endsWith("/Users"),
    });
    env = await startEngineEnv({
      tenant: smallTenant(),
      startServer: async () => scim,
      job: { target: { url: proxy.urlFor(scim.url), token: "file:scim-token" } },
    });
    const result = await runCli(["sync", "-c", env.configPath], env.env);
    expect(result.code, result.stderr).toBe(1);
    // Not a terminal: the final count is the last progress line.
    const last = [...result.stderr.matchAll(PROGRESS)].at(-1);
    const summary = result.stdout.match(SUMMARY);
    expect(last, result.stderr).toBeDefined();
    expect(summary, result.stdout).not.toBeNull();
    const [done, planned, failed] = last!.slice(1).map(Number) as [number, number, number];
    const [changes, skipped, summaryFailed] = summary!.slice(1).map(Number) as [number, number, number];
    expect(done).toBe(planned);
    expect(done).toBe(changes);
    expect(skipped).toBe(1);
    // The failed create, and whatever needed its id (a manager, a membership), failed too.
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBe(summaryFailed);
    expect(result.stdout.match(/^ {2}✗ /gm)).toHaveLength(failed);
  });
});
