import { afterEach, describe, expect, it } from "vitest";
import { sourceId } from "../../../src/domain/ids.js";
import { startEngineEnv } from "../../support/engine-env.js";
import { startFaultProxy } from "../../support/fault-proxy.js";
import {
  type ScimTestServer,
  scimTestServers,
  startScimmyTestServer,
} from "../../support/scim-servers/index.js";
import { ids, smallTenant } from "../../support/tenants.js";
import { appSnapshot, duplicateUserNames } from "./app-snapshot.js";

const MAX_CYCLES = 5;

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.reverse()) await resource.close();
  opened.length = 0;
});

/** The app's state after a fault-free run of the small tenant (two cycles, so references settle). */
async function faultFreeSnapshot(start: () => Promise<ScimTestServer>) {
  const clean = await startEngineEnv({ tenant: smallTenant(), startServer: start });
  opened.push(clean);
  await clean.sync();
  await clean.sync();
  return appSnapshot(clean.scim);
}

/** The small tenant's engine, with the SCIM app behind a fault proxy and a one-second request timeout. */
async function startBehindProxy(scim: ScimTestServer, proxyOptions: Parameters<typeof startFaultProxy>[0]) {
  const proxy = await startFaultProxy(proxyOptions);
  const env = await startEngineEnv({
    tenant: smallTenant(),
    startServer: async () => scim,
    job: { target: { url: proxy.urlFor(scim.url), token: "file:scim-token", timeoutSeconds: 1 } },
  });
  opened.push(env, proxy);
  return { env, proxy };
}

/** Exactly one fault: the first request `only` accepts answers 500 before reaching the app. */
const behindOneFault = (
  scim: ScimTestServer,
  only: NonNullable<Parameters<typeof startFaultProxy>[0]["only"]>,
) =>
  startBehindProxy(scim, {
    upstream: scim.url,
    rate: 1,
    kinds: ["serverError"],
    afterUpstreamShare: 0,
    maxFaults: 1,
    only,
  });

/** Syncs until the app matches `expected`, at most MAX_CYCLES times; returns the cycles it took. */
async function syncUntil(env: { sync(): Promise<unknown> }, scim: ScimTestServer, expected: unknown) {
  for (let cycle = 1; cycle <= MAX_CYCLES; cycle++) {
    await env.sync();
    const snapshot = await appSnapshot(scim);
    if (JSON.stringify(snapshot) === JSON.stringify(expected)) return cycle;
  }
  return Number.POSITIVE_INFINITY;
}

describe.each(scimTestServers)(
  "provisioning into $name through a proxy that fails 20% of requests",
  ({ start }) => {
    it("ends exactly where a fault-free run ends, within five cycles, without a duplicate account", async () => {
      const expected = await faultFreeSnapshot(start);
      const scim = await start();
      const { env, proxy } = await startBehindProxy(scim, {
        upstream: scim.url,
        rate: 0.2,
        seed: 2025,
        holdMs: 1_500,
      });
      const cycles = await syncUntil(env, scim, expected);
      expect(proxy.requests.some((r) => r.fault !== null)).toBe(true);
      expect(await duplicateUserNames(scim)).toEqual([]);
      expect(await appSnapshot(scim)).toEqual(expected);
      expect(cycles).toBeLessThanOrEqual(MAX_CYCLES);
    }, 180_000);
  },
);

describe("a group member whose create failed earlier in the same cycle", () => {
  it("is added to the group once a later cycle has created the member", async () => {
    const expected = await faultFreeSnapshot(startScimmyTestServer);
    const scim = await startScimmyTestServer();
    // Exactly one fault: bob's create answers 500 before reaching the app. Bob is Sales' only member.
    const { env, proxy } = await behindOneFault(
      scim,
      (r) => r.method === "POST" && r.body.includes("bob@contoso.test"),
    );
    await syncUntil(env, scim, expected);
    expect(proxy.counts.serverError).toBe(1);
    const sales = (await appSnapshot(scim)).groups.find(
      (g) => (g as { displayName: string }).displayName === "Sales",
    );
    expect(sales).toMatchObject({ members: [{ value: "user:bob@contoso.test" }] });
    const link = env.runtime.store.link("e2e", "group", sourceId(ids.sales));
    expect(link?.memberIds).toEqual([ids.bob]);
  }, 60_000);

  it("retries a group whose create failed in an incremental cycle, though the delta never mentions it again", async () => {
    const expected = await faultFreeSnapshot(startScimmyTestServer);
    const scim = await startScimmyTestServer();
    const { env, proxy } = await behindOneFault(
      scim,
      (r) => r.method === "POST" && r.path.endsWith("/Groups") && r.body.includes("Sales"),
    );
    const first = (await env.sync()) as { cycle: { kind: string; state: string } };
    expect(first.cycle.state).toBe("EntryLevelErrors");
    expect(proxy.counts.serverError).toBe(1);
    const second = (await env.sync()) as { cycle: { kind: string; state: string } };
    expect(second.cycle.kind).toBe("incremental");
    expect(second.cycle.state).toBe("Succeeded");
    expect(await appSnapshot(scim)).toEqual(expected);
    expect(env.runtime.store.escrows("e2e")).toEqual([]);
  }, 60_000);
});
