import { afterEach, describe, expect, it } from "vitest";
import { sourceId } from "../../src/domain/ids.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

describe("a provisioned group that leaves scope (SCIM groups cannot be disabled)", () => {
  let env: EngineEnv;
  let admin: GraphAdmin;
  afterEach(async () => {
    await admin.close();
    await env.close();
  });

  async function unassignSales(job: Record<string, unknown> = {}) {
    env = await startEngineEnv({ tenant: smallTenant(), job });
    admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await env.sync();
    const sales = (await env.scim.groups()).find((g) => g.displayName === "Sales")!;
    await admin.unassign(ids.sales);
    env.scim.clearRequestLog();
    const summary = await env.sync();
    const entries = env.runtime.store.logs({ job: "e2e", cycleId: summary.cycle.cycleId });
    return { sales, entries: entries.filter((e) => e.sourceDisplayName === "Sales") };
  }

  it("is deleted from the app once unassigned; its member, assigned directly too, stays", async () => {
    const { sales, entries } = await unassignSales();

    expect(env.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE /Groups/${sales.id}`]);
    expect((await env.scim.groups()).some((g) => g.id === sales.id)).toBe(false);
    expect(entries.map((e) => `${e.action} ${e.status}`)).toEqual(["Delete Success"]);
    expect(env.runtime.store.link("e2e", "group", sourceId(ids.sales))).toBeUndefined();
    expect((await env.scim.users()).find((u) => u.userName === "bob@contoso.test")?.active).toBe(true);
  });

  it("is kept, with a skip in the log, when SkipOutOfScopeDeletions is on", async () => {
    const { sales, entries } = await unassignSales({ skipOutOfScopeDeletions: true });

    expect(env.writes()).toEqual([]);
    expect((await env.scim.groups()).some((g) => g.id === sales.id)).toBe(true);
    expect(entries.map((e) => `${e.action} ${e.status} ${e.errorCode}`)).toEqual([
      "Other Skipped OutOfScopeDeletionSkipped",
    ]);
  });

  it("logs a member added to a group as one Update, without a RedundantExport skip beside it", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await env.sync();
    await admin.addMember(ids.sales, ids.carol);
    const summary = await env.sync();

    expect(summary.cycle.kind).toBe("incremental");
    const entries = env.runtime.store.logs({ job: "e2e", cycleId: summary.cycle.cycleId });
    const sales = entries.filter((e) => e.sourceDisplayName === "Sales");
    expect(sales.map((e) => `${e.action} ${e.status}`)).toEqual(["Update Success"]);
  });
});
