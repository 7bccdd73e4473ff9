import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProvisioningLogEntry } from "../../src/domain/provisioning-log.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, ROLE_USER, smallTenant } from "../support/tenants.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/**
 * Entra's lifecycle, driven only through Graph's write APIs between incremental cycles, checked in the
 * SCIM app and in the provisioning log.
 */
describe("the provisioning lifecycle across incremental cycles", () => {
  let env: EngineEnv;
  let admin: GraphAdmin;
  let henry: string;

  const user = async (userName: string) => (await env.scim.users()).find((u) => u.userName === userName);
  const group = async (name: string) => (await env.scim.groups()).find((g) => g.displayName === name);
  const memberIds = async (name: string) =>
    (((await group(name))?.members as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();

  /** One incremental cycle; returns the writes it sent and its log entries. */
  async function cycle() {
    env.scim.clearRequestLog();
    const summary = await env.sync();
    expect(summary.cycle.state).toBe("Succeeded");
    const entries = env.runtime.store.logs({ job: "e2e", cycleId: summary.cycle.cycleId });
    return { summary, writes: env.writes(), entries };
  }

  const entryFor = (entries: ProvisioningLogEntry[], name: string) =>
    entries.find((e) => e.sourceDisplayName === name);

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    const first = await env.sync();
    expect(first.cycle.kind).toBe("initial");
  });
  afterAll(async () => {
    await admin.close();
    await env.close();
  });

  it("creates a user created and assigned in Entra, with a Create entry carrying Entra's steps", async () => {
    henry = await admin.createUser({
      userPrincipalName: "henry@contoso.test",
      displayName: "Henry Hill",
      mailNickname: "henry",
      givenName: "Henry",
      surname: "Hill",
    });
    await admin.assign(henry, ROLE_USER);
    const { summary, writes, entries } = await cycle();
    expect(summary.cycle.kind).toBe("incremental");
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(["POST /Users"]);
    expect((await user("henry@contoso.test"))?.active).toBe(true);
    const entry = entryFor(entries, "henry@contoso.test");
    expect(entry).toMatchObject({ action: "Create", status: "Success", errorCode: null });
    expect(entry?.steps.map((s) => s.type)).toEqual(["import", "scoping", "matching", "export"]);
    expect(entry?.modifiedProperties).toContainEqual({
      displayName: "userName",
      oldValue: null,
      newValue: '"henry@contoso.test"',
    });
  });

  it("disables a user who fell out of scope (removed from the assigned group) and drops the membership", async () => {
    const carolId = (await user("carol@contoso.test"))!.id;
    await admin.removeMember(ids.engineering, ids.carol);
    const { writes, entries } = await cycle();
    expect(writes.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
      [`PATCH /Users/${carolId}`, `PATCH /Groups/${(await group("Engineering"))!.id}`].sort(),
    );
    expect((await user("carol@contoso.test"))?.active).toBe(false);
    expect(await memberIds("Engineering")).not.toContain(carolId);
    expect(entryFor(entries, "carol@contoso.test")).toMatchObject({ action: "Disable", status: "Success" });
  });

  it("disables a user whose account was disabled, and re-enables it when enabled again", async () => {
    await admin.updateUser(ids.dave, { accountEnabled: false });
    const disabled = await cycle();
    expect(disabled.writes).toHaveLength(1);
    expect(disabled.writes[0]?.body).toMatchObject({
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect((await user("dave@contoso.test"))?.active).toBe(false);
    await admin.updateUser(ids.dave, { accountEnabled: true });
    const enabled = await cycle();
    expect(enabled.writes).toHaveLength(1);
    expect((await user("dave@contoso.test"))?.active).toBe(true);
    expect(entryFor(enabled.entries, "dave@contoso.test")).toMatchObject({
      action: "Update",
      status: "Success",
    });
  });

  it("disables a soft-deleted user and deletes it once it is permanently deleted", async () => {
    const quinn = 'q"uo\\te@contoso.test';
    const targetId = (await user(quinn))!.id;
    await admin.softDeleteUser(ids.quote);
    const soft = await cycle();
    expect(soft.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /Users/${targetId}`]);
    expect((await user(quinn))?.active).toBe(false);
    expect(entryFor(soft.entries, quinn)).toMatchObject({ action: "Disable", status: "Success" });
    await admin.purgeUser(ids.quote);
    const hard = await cycle();
    expect(hard.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE /Users/${targetId}`]);
    expect(await user(quinn)).toBeUndefined();
    expect(entryFor(hard.entries, quinn)).toMatchObject({ action: "Delete", status: "Success" });
  });

  it("sends nothing for a later soft delete of a user it stopped managing after unassignment", async () => {
    await admin.softDeleteUser(ids.carol);
    const { writes } = await cycle();
    expect(writes).toEqual([]);
    expect((await user("carol@contoso.test"))?.active).toBe(false);
  });

  it("adds a new member to a provisioned group with one member PATCH", async () => {
    await admin.addMember(ids.engineering, henry);
    const { writes } = await cycle();
    const henryTarget = (await user("henry@contoso.test"))!.id;
    expect(writes).toHaveLength(1);
    expect(writes[0]?.path).toBe(`/Groups/${(await group("Engineering"))!.id}`);
    expect(await memberIds("Engineering")).toContain(henryTarget);
  });

  it("updates the manager reference when the manager changes", async () => {
    await admin.setManager(ids.alice, henry);
    const { writes } = await cycle();
    const henryTarget = (await user("henry@contoso.test"))!.id;
    expect(writes).toHaveLength(1);
    const manager = (await user("alice@contoso.test"))?.[ENTERPRISE] as { manager?: unknown };
    expect(JSON.stringify(manager.manager)).toContain(henryTarget);
  });

  it("renames a group with a PATCH of displayName only", async () => {
    const salesId = (await group("Sales"))!.id;
    await admin.updateGroup(ids.sales, { displayName: "Sales EMEA" });
    const { writes } = await cycle();
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /Groups/${salesId}`]);
    expect(JSON.stringify(writes[0]?.body)).toContain("Sales EMEA");
    expect((await group("Sales EMEA"))?.id).toBe(salesId);
  });

  it("runs a full cycle after the delta token expired, without creating anything twice", async () => {
    env.graph.expireDeltaTokens();
    const { summary, writes } = await cycle();
    expect(summary.cycle.kind).toBe("initial");
    expect(writes.filter((w) => w.method === "POST")).toEqual([]);
    const names = (await env.scim.users()).map((u) => String(u.userName).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const after = await cycle();
    expect(after.summary.cycle.kind).toBe("incremental");
  });
});
