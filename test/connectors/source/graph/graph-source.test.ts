import { afterEach, describe, expect, it } from "vitest";
import { createGraphSource } from "../../../../src/connectors/source/graph/index.js";
import { SourceReadError } from "../../../../src/domain/errors.js";
import { sourceId } from "../../../../src/domain/ids.js";
import type { FullRead, SourceConnector, SourceSelection } from "../../../../src/domain/source.js";
import { MemoryUsers } from "../../../../src/domain/user-collection.js";
import {
  type GraphEmulator,
  generateTenant,
  startGraphEmulator,
  type TenantData,
} from "../../../../src/emulators/graph/index.js";
import { SqliteStateStore } from "../../../../src/state/sqlite-store.js";
import { EmulatorClient } from "../../../emulators/graph/emulator-client.js";
import { demoTenant, groupNamed, userNamed } from "../../../emulators/graph/test-tenant.js";

const selection: SourceSelection = {
  userAttributes: ["userPrincipalName", "displayName", "givenName", "jobTitle", "mail", "userType"],
  groupAttributes: ["displayName", "description"],
  includeGroups: true,
  includeManager: true,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  readonly emulator: GraphEmulator;
  readonly source: SourceConnector;
  /** Raw Graph calls (the write APIs) with a valid token. */
  readonly graph: EmulatorClient;
}

async function harness(
  tenant: TenantData,
  deltaPageSize = 4,
  secret = tenant.application.clientSecret,
): Promise<Harness> {
  const emulator = await startGraphEmulator({ tenant, deltaPageSize });
  const graph = new EmulatorClient(emulator, tenant.application.clientSecret);
  cleanups.push(
    () => emulator.close(),
    () => graph.close(),
  );
  const source = createGraphSource({
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    clientSecret: secret,
    authorityHost: emulator.authorityHost,
    graphBaseUrl: emulator.url,
    caPem: emulator.caPem,
    pageSize: 5,
  });
  return { emulator, source, graph };
}

const graphRequests = (emulator: GraphEmulator, path: string) =>
  emulator.requestLog.filter((entry) => entry.path === path).length;

async function rejection(promise: Promise<unknown>): Promise<SourceReadError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SourceReadError))
    throw new Error(`Expected a SourceReadError, got ${String(error)}`);
  return error;
}

const tenant = demoTenant();

const usersOf = (read: FullRead) => [...read.users.values()];

describe("credentials", () => {
  it("get a token with the right secret and read through the real SDK", async () => {
    const { source } = await harness(tenant);
    const read = await source.readAll(selection, new MemoryUsers());
    expect(read.users.size).toBeGreaterThan(0);
  });

  it("make a wrong secret a SourceReadError of scope job whose message does not contain the secret", async () => {
    const wrong = "wrong-secret-do-not-log";
    const { source } = await harness(tenant, 4, wrong);
    const error = await rejection(source.readAll(selection, new MemoryUsers()));
    expect(error.scope).toBe("job");
    expect(error.message).toContain("invalid_client");
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain(wrong);
  });

  it("make an unreachable Graph host a transient SourceReadError", async () => {
    const dead = await startGraphEmulator({ tenant });
    await dead.close();
    const live = await startGraphEmulator({ tenant });
    cleanups.push(() => live.close());
    const source = createGraphSource({
      tenantId: live.tenantId,
      clientId: live.clientId,
      clientSecret: tenant.application.clientSecret,
      authorityHost: live.authorityHost,
      graphBaseUrl: dead.url,
      caPem: live.caPem,
    });
    const error = await rejection(source.readAll(selection, new MemoryUsers()));
    expect(error.scope).toBe("transient");
  });
});

describe("readAll", () => {
  const spools = {
    memory: () => new MemoryUsers(),
    "SQLite spool": () => {
      const store = new SqliteStateStore(":memory:");
      cleanups.push(async () => store.close());
      return store.userSpool("job");
    },
  };
  it.each(Object.keys(spools) as (keyof typeof spools)[])(
    "returns exactly the tenant's live users, read over several delta pages (%s)",
    async (kind) => {
      const { source, emulator } = await harness(tenant);
      const read = await source.readAll(selection, spools[kind]());
      const live = tenant.users.filter((user) => !user.deleted);
      expect(read.users.size).toBe(live.length);
      expect(usersOf(read).map((user) => user.id)).toEqual(live.map((user) => user.id));
      expect(graphRequests(emulator, "/v1.0/users/delta")).toBe(Math.ceil(tenant.users.length / 4));
      for (const expected of live) {
        const user = read.users.get(sourceId(expected.id));
        expect(user?.managerId).toBe(expected.managerId ?? null);
        expect(user?.attributes).toEqual(
          Object.fromEntries(
            [...selection.userAttributes, "accountEnabled"]
              .filter((name) => expected[name] !== undefined)
              .map((name) => [name, expected[name]]),
          ),
        );
      }
    },
  );

  it("keeps guest userPrincipalNames as Graph has them (#EXT#)", async () => {
    const { source } = await harness(tenant);
    const read = await source.readAll(selection, new MemoryUsers());
    const guest = userNamed(tenant, "Alias (Fabrikam)");
    expect(read.users.get(sourceId(guest.id))?.attributes.userPrincipalName).toBe(
      "alias_fabrikam.com#EXT#@contoso.onmicrosoft.com",
    );
  });

  it("returns every group with its direct user members only, merged across pages", async () => {
    const { source } = await harness(tenant, 3);
    const read = await source.readAll(selection, new MemoryUsers());
    const groupIds = new Set(tenant.groups.map((group) => group.id));
    expect(read.groups).toHaveLength(tenant.groups.length);
    for (const expected of tenant.groups) {
      const group = read.groups.find((candidate) => candidate.id === expected.id);
      expect(group?.attributes.displayName).toBe(expected.displayName);
      expect([...(group?.memberIds ?? [])].sort()).toEqual(
        expected.members.filter((id) => !groupIds.has(id)).sort(),
      );
    }
  });

  it("leaves managerId undefined when the manager is not selected", async () => {
    const { source } = await harness(tenant);
    const read = await source.readAll({ ...selection, includeManager: false }, new MemoryUsers());
    expect(usersOf(read).every((user) => user.managerId === undefined)).toBe(true);
  });
});

describe("readChanges", () => {
  async function afterFullRead(
    data: TenantData = tenant,
    pageSize = 4,
  ): Promise<Harness & { full: FullRead }> {
    const h = await harness(data, pageSize);
    return { ...h, full: await h.source.readAll(selection, new MemoryUsers()) };
  }

  it("reports nothing when nothing changed", async () => {
    const { source, full } = await afterFullRead();
    const delta = await source.readChanges(selection, full.watermark);
    expect(delta).toMatchObject({ kind: "delta", users: [], groups: [] });
  });

  it("reports created and updated users with their current attributes, and skips unselected changes", async () => {
    const { source, graph, full } = await afterFullRead();
    const created = await graph.graph("POST", "/v1.0/users", {
      accountEnabled: true,
      displayName: "Nina Novak",
      mailNickname: "nina.novak",
      userPrincipalName: "nina.novak@contoso.onmicrosoft.com",
      jobTitle: "Engineer",
    });
    const grady = userNamed(tenant, "Grady Archie");
    await graph.graph("PATCH", `/v1.0/users/${grady.id}`, { jobTitle: "Principal Engineer" });
    const lee = userNamed(tenant, "Lee Gu");
    await graph.graph("PATCH", `/v1.0/users/${lee.id}`, { companyName: "Not selected Ltd" });
    const delta = await source.readChanges(selection, full.watermark);
    if (delta.kind !== "delta") throw new Error(`Expected a delta, got ${delta.kind}`);
    expect(delta.users.map((user) => user.id).sort()).toEqual([created.body.id, grady.id].sort());
    expect(delta.users.find((user) => user.id === created.body.id)?.attributes).toMatchObject({
      displayName: "Nina Novak",
      jobTitle: "Engineer",
      accountEnabled: true,
    });
    expect(delta.users.find((user) => user.id === grady.id)?.attributes).toMatchObject({
      jobTitle: "Principal Engineer",
      displayName: "Grady Archie",
    });
  });

  it("reports a soft delete as removed soft, a restore as a plain user and a purge as removed hard", async () => {
    const { source, graph, full } = await afterFullRead();
    const lee = userNamed(tenant, "Lee Gu");
    const binned = tenant.users.find((user) => user.deleted);
    const nestor = userNamed(tenant, "Nestor Wilke");
    await graph.graph("DELETE", `/v1.0/users/${lee.id}`);
    expect((await graph.graph("POST", `/v1.0/directory/deletedItems/${binned?.id}/restore`)).status).toBe(
      200,
    );
    await graph.graph("DELETE", `/v1.0/users/${nestor.id}`);
    await graph.graph("DELETE", `/v1.0/directory/deletedItems/${nestor.id}`);
    const delta = await source.readChanges(selection, full.watermark);
    if (delta.kind !== "delta") throw new Error(`Expected a delta, got ${delta.kind}`);
    expect(delta.users.find((user) => user.id === lee.id)).toEqual({
      id: lee.id,
      attributes: {},
      removed: "soft",
    });
    expect(delta.users.find((user) => user.id === nestor.id)).toEqual({
      id: nestor.id,
      attributes: {},
      removed: "hard",
    });
    const restored = delta.users.find((user) => user.id === binned?.id);
    expect(restored?.removed).toBeUndefined();
    expect(restored?.attributes.displayName).toBe(binned?.displayName);
    // A purged user leaves its groups: Graph reports it as a removed member.
    const engineering = delta.groups.find((group) => group.id === groupNamed(tenant, "Engineering").id);
    expect(engineering?.removedMemberIds).toEqual([nestor.id]);
  });

  it("reports member additions and removals per group, ignoring nested-group members", async () => {
    const { source, graph, emulator, full } = await afterFullRead();
    const finance = groupNamed(tenant, "Finance");
    const ethan = userNamed(tenant, "Ethan Walsh");
    const irvin = userNamed(tenant, "Irvin Sayers");
    const ref = (id: string) => ({ "@odata.id": `${emulator.url}/v1.0/directoryObjects/${id}` });
    await graph.graph("POST", `/v1.0/groups/${finance.id}/members/$ref`, ref(ethan.id));
    await graph.graph("DELETE", `/v1.0/groups/${finance.id}/members/${irvin.id}/$ref`);
    await graph.graph("POST", `/v1.0/groups/${finance.id}/members/$ref`, ref(groupNamed(tenant, "Sales").id));
    const delta = await source.readChanges(selection, full.watermark);
    if (delta.kind !== "delta") throw new Error(`Expected a delta, got ${delta.kind}`);
    expect(delta.groups).toEqual([
      {
        id: finance.id,
        attributes: { displayName: "Finance", description: finance.description },
        addedMemberIds: [ethan.id],
        removedMemberIds: [irvin.id],
      },
    ]);
  });

  it("reports manager changes as the new manager, or null when removed", async () => {
    const { source, graph, emulator, full } = await afterFullRead();
    const grady = userNamed(tenant, "Grady Archie");
    const diego = userNamed(tenant, "Diego Siciliani");
    const isaiah = userNamed(tenant, "Isaiah Langer");
    await graph.graph("PUT", `/v1.0/users/${grady.id}/manager/$ref`, {
      "@odata.id": `${emulator.url}/v1.0/users/${diego.id}`,
    });
    await graph.graph("DELETE", `/v1.0/users/${isaiah.id}/manager/$ref`);
    const delta = await source.readChanges(selection, full.watermark);
    if (delta.kind !== "delta") throw new Error(`Expected a delta, got ${delta.kind}`);
    expect(delta.users.find((user) => user.id === grady.id)?.managerId).toBe(diego.id);
    expect(delta.users.find((user) => user.id === isaiah.id)?.managerId).toBeNull();
  });

  it("continues from the new watermark: a second round sees only later changes", async () => {
    const { source, graph, full } = await afterFullRead();
    const grady = userNamed(tenant, "Grady Archie");
    await graph.graph("PATCH", `/v1.0/users/${grady.id}`, { jobTitle: "Staff Engineer" });
    const first = await source.readChanges(selection, full.watermark);
    if (first.kind !== "delta") throw new Error(`Expected a delta, got ${first.kind}`);
    const second = await source.readChanges(selection, first.watermark);
    expect(second).toMatchObject({ kind: "delta", users: [], groups: [] });
    // Replaying the old watermark is allowed and idempotent.
    const replay = await source.readChanges(selection, full.watermark);
    expect(replay.kind === "delta" && replay.users.map((user) => user.id)).toEqual([grady.id]);
  });

  it("costs O(changes) requests, not O(tenant)", async () => {
    const big = generateTenant({ users: 1500, groups: 20, seed: 42 });
    const { source, graph, emulator, full } = await afterFullRead(big, 50);
    const fullReadRequests =
      graphRequests(emulator, "/v1.0/users/delta") + graphRequests(emulator, "/v1.0/groups/delta");
    expect(fullReadRequests).toBeGreaterThanOrEqual(1500 / 50);
    const changed = big.users.slice(0, 3);
    for (const user of changed) await graph.graph("PATCH", `/v1.0/users/${user.id}`, { jobTitle: "Changed" });
    emulator.clearRequestLog();
    const delta = await source.readChanges(selection, full.watermark);
    if (delta.kind !== "delta") throw new Error(`Expected a delta, got ${delta.kind}`);
    expect(delta.users.map((user) => user.id)).toEqual(changed.map((user) => user.id));
    expect(graphRequests(emulator, "/v1.0/users/delta")).toBe(1);
    expect(graphRequests(emulator, "/v1.0/groups/delta")).toBe(1);
  });

  it("returns expired when the delta token is no longer valid (400 syncStateNotFound or 410)", async () => {
    const { source, emulator, full } = await afterFullRead();
    emulator.expireDeltaTokens();
    const expired = await source.readChanges(selection, full.watermark);
    expect(expired).toMatchObject({ kind: "expired", reason: expect.stringContaining("syncStateNotFound") });
    const fresh = await source.readAll(selection, new MemoryUsers());
    emulator.expireDeltaTokens("resync410");
    expect(await source.readChanges(selection, fresh.watermark)).toMatchObject({ kind: "expired" });
  });
});

describe("readAssignments", () => {
  it("returns the app roles and every assignment across pages", async () => {
    const { source, emulator } = await harness(tenant);
    const read = await source.readAssignments(emulator.servicePrincipalId);
    expect(read.appRoles).toEqual(
      tenant.application.appRoles.map(({ id, value, displayName, isEnabled }) => ({
        id,
        value,
        displayName,
        isEnabled,
      })),
    );
    expect(read.assignments.map(({ principalId, appRoleId }) => ({ principalId, appRoleId }))).toEqual(
      tenant.appRoleAssignments.map(({ principalId, appRoleId }) => ({ principalId, appRoleId })),
    );
    expect(
      graphRequests(emulator, `/v1.0/servicePrincipals/${emulator.servicePrincipalId}/appRoleAssignedTo`),
    ).toBe(Math.ceil(tenant.appRoleAssignments.length / 5));
  });

  it("makes an unknown service principal a job-scoped SourceReadError", async () => {
    const { source } = await harness(tenant);
    const error = await rejection(source.readAssignments("44444444-4444-4444-8444-444444444444"));
    expect(error.scope).toBe("job");
  });

  it("hints at the enterprise app's Object ID when the service principal id is the Application ID", async () => {
    const { source, emulator } = await harness(tenant);
    const error = await rejection(source.readAssignments(emulator.clientId));
    expect(error.details.status).toBe(404);
    expect(error.message).toBe(
      `Graph request GET /servicePrincipals/${emulator.clientId} failed: 404 not found: source.graph.servicePrincipalId must be the enterprise app's Object ID (Enterprise applications → your app → Overview), not the Application (client) ID`,
    );
  });
});

describe("readUser and isDirectMember", () => {
  it("read one user by id or by guest userPrincipalName, with the manager", async () => {
    const { source } = await harness(tenant);
    const grady = userNamed(tenant, "Grady Archie");
    const byId = await source.readUser(grady.id, selection);
    expect(byId).toMatchObject({
      id: grady.id,
      managerId: grady.managerId,
      attributes: { jobTitle: grady.jobTitle },
    });
    const guest = userNamed(tenant, "Alias (Fabrikam)");
    const byUpn = await source.readUser(guest.userPrincipalName, selection);
    expect(byUpn).toMatchObject({ id: guest.id, managerId: null, attributes: { userType: "Guest" } });
  });

  it("return null for an absent or recycled user", async () => {
    const { source } = await harness(tenant);
    expect(await source.readUser("nobody@contoso.onmicrosoft.com", selection)).toBeNull();
    expect(await source.readUser(tenant.users.find((user) => user.deleted)?.id ?? "", selection)).toBeNull();
  });

  it("tell a direct member from a nested or absent one, stopping at the page that holds the user", async () => {
    const { source, emulator } = await harness(tenant);
    const adele = sourceId(userNamed(tenant, "Adele Vance").id);
    const leads = sourceId(groupNamed(tenant, "Engineering Leads").id);
    const engineering = sourceId(groupNamed(tenant, "Engineering").id);
    expect(await source.isDirectMember(leads, adele)).toBe(true);
    expect(await source.isDirectMember(engineering, adele)).toBe(false);
    expect(await source.isDirectMember(sourceId("55555555-5555-4555-8555-555555555555"), adele)).toBe(false);

    const everyone = groupNamed(tenant, "All Company");
    const members = `/v1.0/groups/${everyone.id}/members`;
    expect(await source.isDirectMember(sourceId(everyone.id), sourceId(everyone.members[0]!))).toBe(true);
    expect(graphRequests(emulator, members)).toBe(1);
    const last = everyone.members.at(-1)!;
    expect(await source.isDirectMember(sourceId(everyone.id), sourceId(last))).toBe(true);
    // The harness reads 5 members a page.
    expect(graphRequests(emulator, members)).toBe(1 + Math.ceil(everyone.members.length / 5));
  });
});
