import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateTenant } from "../../src/emulators/graph/generate-tenant.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { isTestConnectionProbe } from "../support/test-connection-probe.js";

/**
 * An incremental cycle costs O(changes), not O(tenant): measured with the request logs of both emulators.
 * The harness pages Graph 3 objects at a time, so a full read of this tenant takes hundreds of requests.
 */
describe("the cost of an incremental cycle", () => {
  const tenant = generateTenant({ users: 300, groups: 8, seed: 7 });
  let env: EngineEnv;
  let admin: GraphAdmin;

  beforeAll(async () => {
    env = await startEngineEnv({ tenant });
    admin = new GraphAdmin(env.graph, tenant.application.clientSecret);
  });
  afterAll(async () => {
    await admin.close();
    await env.close();
  });

  /** Graph and SCIM requests of one sync after `change` modified `k` users. */
  async function measure(change: () => Promise<void>) {
    await change();
    env.graph.clearRequestLog();
    env.scim.clearRequestLog();
    const summary = await env.sync();
    return {
      summary,
      graph: env.graph.requestLog.length,
      // Every cycle starts with Entra's Test Connection query; the rest is the cycle's own work.
      scim: env.scim.requestLog.filter((r) => !isTestConnectionProbe(r)).length,
      probes: env.scim.requestLog.filter(isTestConnectionProbe).length,
      writes: env.writes().length,
    };
  }

  it("makes a number of requests proportional to the changes, not to the tenant", {
    timeout: 120_000,
  }, async () => {
    const initial = await measure(async () => {});
    expect(initial.summary.cycle.kind).toBe("initial");
    const provisioned = (await env.scim.users()).length;
    expect(provisioned).toBeGreaterThan(50);
    expect(initial.graph).toBeGreaterThan(100);

    const changedUsers = (await env.scim.users()).slice(0, 9).map((u) => String(u.userName));
    const idsByUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u.id]));
    const runs = [];
    for (const k of [1, 3, 9]) {
      runs.push({
        k,
        ...(await measure(async () => {
          for (const upn of changedUsers.slice(0, k)) {
            await admin.updateUser(idsByUpn.get(upn)!, { jobTitle: `Title ${k}` });
          }
        })),
      });
    }
    for (const run of runs) {
      expect(run.summary.cycle.kind).toBe("incremental");
      // One PATCH per changed user and no other request to the app.
      expect(run.writes).toBe(run.k);
      expect(run.scim).toBe(run.k);
      expect(run.probes).toBe(1);
      // Graph: one delta page per object type plus the (small) assignment listing, whatever the tenant size.
      expect(run.graph).toBeLessThan(initial.graph / 5);
    }
    // Nine changes cost no more Graph requests than one, beyond paging the changed users themselves.
    expect(runs[2]!.graph - runs[0]!.graph).toBeLessThanOrEqual(Math.ceil(9 / 3));
  });

  it("reads the whole link only of the users it evaluates, not of every member of their groups", {
    timeout: 60_000,
  }, async () => {
    const member = tenant.groups[0]!.members.find((id) => tenant.users.some((u) => u.id === id))!;
    const groupSize = tenant.groups
      .filter((g) => g.members.includes(member))
      .reduce((sum, g) => sum + g.members.length, 0);
    expect(groupSize).toBeGreaterThan(20);
    const reads = vi.spyOn(env.runtime.store, "link");
    try {
      const run = await measure(() => admin.updateUser(member, { jobTitle: "Group member" }));
      expect(run.summary.cycle.kind).toBe("incremental");
      expect(run.writes).toBe(1);
      // The changed user's record (evaluation, then recording the update); its groups' members are
      // referenced by target id only.
      expect(reads.mock.calls.filter(([, type]) => type === "user").length).toBeLessThanOrEqual(2);
    } finally {
      reads.mockRestore();
    }
  });
});
