import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCycle, prepareCycle } from "../../src/app/run-cycle.js";
import { planHasChanges } from "../../src/cli/render-plan.js";
import { EmulatorClient } from "../emulators/graph/emulator-client.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { ids, SMALL_TENANT_USERNAMES, smallTenant } from "../support/tenants.js";
import { isTestConnectionProbe } from "../support/test-connection-probe.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("a sync from the Graph emulator into a SCIM app, end to end over loopback HTTP", () => {
  let env: EngineEnv;
  let graph: EmulatorClient;

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    graph = new EmulatorClient(env.graph, smallTenant().application.clientSecret);
  });
  afterAll(async () => {
    await graph.close();
    await env.close();
  });

  it("plans the initial creates without sending a single write request", async () => {
    const prepared = await env.plan();
    const creates = prepared.plan.changes
      .filter((c) => c.kind === "create")
      .map((c) => c.subject.displayName);
    expect(creates.sort()).toEqual(
      [
        "alice@contoso.test",
        "bob@contoso.test",
        "carol@contoso.test",
        "dave@contoso.test",
        "gina_fabrikam.test#EXT#@contoso.test",
        'q"uo\\te@contoso.test',
        "Engineering",
        "Sales",
      ].sort(),
    );
    expect(env.writes()).toEqual([]);
    expect(env.scim.requestLog.length).toBeGreaterThan(0);
  });

  it("provisions exactly the in-scope users, groups and memberships", async () => {
    const summary = await env.sync();
    expect(summary.cycle.state).toBe("Succeeded");
    const users = await env.scim.users();
    const byName = new Map(users.map((u) => [String(u.userName), u]));
    expect([...byName.keys()].sort()).toEqual([...SMALL_TENANT_USERNAMES].sort());
    const alice = byName.get("alice@contoso.test")!;
    const bob = byName.get("bob@contoso.test")!;
    expect(alice.active).toBe(true);
    expect(alice.displayName).toBe("Alice Adams");
    expect(alice.title).toBe("Engineer");
    expect(alice.externalId).toBe("alice");
    expect(alice.name).toMatchObject({ givenName: "Alice", familyName: "Adams", formatted: "Alice Adams" });
    expect(alice.emails).toEqual([
      expect.objectContaining({ type: "work", value: "alice@contoso.test", primary: true }),
    ]);
    expect(alice.phoneNumbers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "work", value: "+1 206 555 0101" }),
        expect.objectContaining({ type: "mobile", value: "+1 206 555 0201" }),
      ]),
    );
    expect(alice[ENTERPRISE]).toMatchObject({
      department: "R&D",
      employeeNumber: "E001",
      organization: "Contoso",
    });
    const manager = (alice[ENTERPRISE] as { manager?: unknown }).manager;
    expect(JSON.stringify(manager)).toContain(bob.id);
    expect(JSON.stringify(bob.roles)).toContain("Admin");
    expect(byName.get("gina@fabrikam.test")?.userType).toBe("Guest");

    const groups = await env.scim.groups();
    const memberNames = (g: (typeof groups)[number]) =>
      ((g.members as { value: string }[] | undefined) ?? [])
        .map((m) => users.find((u) => u.id === m.value)?.userName)
        .sort();
    expect(groups.map((g) => g.displayName).sort()).toEqual(["Engineering", "Sales"]);
    expect(memberNames(groups.find((g) => g.displayName === "Engineering")!)).toEqual([
      "alice@contoso.test",
      "carol@contoso.test",
      "dave@contoso.test",
    ]);
    expect(memberNames(groups.find((g) => g.displayName === "Sales")!)).toEqual(["bob@contoso.test"]);
  });

  it("sends only the Test Connection query on a second, incremental sync and plans no changes", async () => {
    env.scim.clearRequestLog();
    const summary = await env.sync();
    expect(summary.cycle.kind).toBe("incremental");
    expect(summary.cycle.state).toBe("Succeeded");
    expect(env.scim.requestLog).toHaveLength(1);
    expect(env.scim.requestLog.every(isTestConnectionProbe)).toBe(true);
    const prepared = await env.plan();
    expect(planHasChanges(prepared.plan)).toBe(false);
  });

  it("logs RedundantExport and writes nothing when a full cycle finds everything in sync", async () => {
    env.scim.clearRequestLog();
    const summary = await applyCycle(env.deps, await prepareCycle(env.deps, env.job, { forceFull: true }));
    expect(summary.cycle.kind).toBe("initial");
    expect(env.writes()).toEqual([]);
    const skipped = env.runtime.store.logs({ job: "e2e", cycleId: summary.cycle.cycleId, status: "Skipped" });
    const alice = skipped.find((e) => e.sourceDisplayName === "alice@contoso.test");
    expect(alice?.errorCode).toBe("RedundantExport");
  });

  it("sends exactly one PATCH with only the changed attribute after a change in the tenant", async () => {
    const reply = await graph.graph("PATCH", `/v1.0/users/${ids.alice}`, { jobTitle: "Principal Engineer" });
    expect(reply.status).toBe(204);
    env.scim.clearRequestLog();
    const prepared = await env.plan();
    expect(env.writes()).toEqual([]);
    const update = prepared.plan.changes.find((c) => c.kind === "update" && c.changes.length > 0);
    expect(update?.kind === "update" && update.changes).toEqual([
      { path: "title", oldValue: "Engineer", newValue: "Principal Engineer" },
    ]);
    await env.sync();
    const writes = env.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.method).toBe("PATCH");
    expect(JSON.stringify(writes[0]?.body)).toContain("Principal Engineer");
    expect(JSON.stringify(writes[0]?.body)).not.toContain("Alice Adams");
    const log = env.runtime.store.logs({ job: "e2e", object: "alice@contoso.test", action: "Update" });
    expect(log[0]?.modifiedProperties).toEqual([
      { displayName: "title", oldValue: '"Engineer"', newValue: '"Principal Engineer"' },
    ]);
  });
});
