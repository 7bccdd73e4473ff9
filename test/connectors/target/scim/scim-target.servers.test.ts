import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTarget, type ScimTarget } from "../../../../src/connectors/target/scim/scim-target.js";
import { targetId } from "../../../../src/domain/ids.js";
import type { FlatAttributes } from "../../../../src/domain/values.js";
import { caughtConnectorError } from "../../../support/caught-connector-error.js";
import { type ScimTestServer, scimTestServers } from "../../../support/scim-servers/index.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const WORK_EMAIL = 'emails[type eq "work"].value';
const USER_PATHS = [
  "userName",
  "externalId",
  "displayName",
  "active",
  "name.givenName",
  "name.familyName",
  WORK_EMAIL,
  `${ENTERPRISE}:employeeNumber`,
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager`,
];

function user(n: string, extra: FlatAttributes = {}): FlatAttributes {
  return {
    userName: `user.${n}@contoso.test`,
    externalId: `ext-${n}`,
    displayName: `User ${n}`,
    active: "True",
    "name.givenName": "Given",
    "name.familyName": `Family${n}`,
    [WORK_EMAIL]: `user.${n}@contoso.test`,
    [`${ENTERPRISE}:employeeNumber`]: `E${n}`,
    [`${ENTERPRISE}:department`]: "R&D",
    ...extra,
  };
}

describe.each(scimTestServers)("createScimTarget against $name", ({ name, start }) => {
  let server: ScimTestServer;
  let legacy: ScimTarget;
  let flagged: ScimTarget;

  beforeAll(async () => {
    server = await start();
    legacy = createScimTarget({ baseUrl: server.url, token: server.token, maxRetries: 0 });
    flagged = createScimTarget({
      baseUrl: `${server.url}?aadOptscim062020`,
      token: server.token,
      maxRetries: 0,
    });
  });
  afterAll(async () => {
    await legacy.close();
    await flagged.close();
    await server.close();
  });

  it("passes the connection test with Entra's encoded random-GUID probe", async () => {
    server.clearRequestLog();
    await legacy.testConnection("userName");
    const [probe] = server.requestLog;
    expect(probe?.method).toBe("GET");
    expect(probe?.path).toBe("/Users");
    expect(probe?.rawQuery).toMatch(/^filter=userName\+eq\+%22[0-9a-f-]{36}%22$/);
    expect(probe?.status).toBe(200);
  });

  it("creates a user with emails, name and enterprise attributes and reads it back identically", async () => {
    const desired = user("create");
    const id = await legacy.create("user", desired);
    const stored = (await server.users()).find((u) => u.id === id);
    expect(stored?.userName).toBe("user.create@contoso.test");
    expect(stored?.[ENTERPRISE]).toMatchObject({ employeeNumber: "Ecreate", department: "R&D" });
    const read = await legacy.get("user", id, USER_PATHS);
    expect(read).toEqual({ id, attributes: { ...desired, active: true } });
  });

  it("finds a user whose userName holds a quote and a backslash, in any case", async () => {
    const userName = 'o"brien\\x@contoso.test';
    const id = await legacy.create("user", user("quote", { userName }));
    const hits = await legacy.query("user", "userName", userName, ["userName"]);
    expect(hits).toEqual([{ id, attributes: { userName } }]);
    const upper = await legacy.query("user", "userName", userName.toUpperCase(), ["userName"]);
    expect(upper.map((hit) => hit.id)).toEqual([id]);
    expect(await legacy.query("user", "userName", 'o"brien@contoso.test', [])).toEqual([]);
  });

  for (const dialect of ["legacy", "flag"] as const) {
    it(`updates attributes and disables a user in the ${dialect} dialect`, async () => {
      const target = dialect === "legacy" ? legacy : flagged;
      const id = await target.create("user", user(`upd-${dialect}`));
      await target.update("user", id, [
        { path: "displayName", oldValue: `User upd-${dialect}`, newValue: "Renamed" },
        { path: "name.givenName", oldValue: "Given", newValue: "NewGiven" },
        {
          path: WORK_EMAIL,
          oldValue: `user.upd-${dialect}@contoso.test`,
          newValue: `new.${dialect}@contoso.test`,
        },
        { path: `${ENTERPRISE}:employeeNumber`, oldValue: `Eupd-${dialect}`, newValue: "E999" },
        { path: `${ENTERPRISE}:department`, oldValue: "R&D", newValue: "Sales" },
      ]);
      await target.update("user", id, [{ path: "active", oldValue: "True", newValue: "False" }]);
      const read = await target.get("user", id, USER_PATHS);
      expect(read?.attributes).toMatchObject({
        displayName: "Renamed",
        "name.givenName": "NewGiven",
        [WORK_EMAIL]: `new.${dialect}@contoso.test`,
        [`${ENTERPRISE}:employeeNumber`]: "E999",
        [`${ENTERPRISE}:department`]: "Sales",
        active: false,
      });
    });
  }

  it("sets the manager in the flag dialect", async () => {
    const managerId = await flagged.create("user", user("mgr"));
    const reportId = await flagged.create("user", user("report"));
    await flagged.update("user", reportId, [
      { path: `${ENTERPRISE}:manager`, oldValue: undefined, newValue: managerId },
    ]);
    const read = await flagged.get("user", reportId, [`${ENTERPRISE}:manager`]);
    expect(read?.attributes).toEqual({ [`${ENTERPRISE}:manager`]: managerId });
  });

  if (name === "scimmy") {
    it("sets the manager with the legacy $ref/value array, which the Entra-tolerant demo app accepts", async () => {
      const managerId = await legacy.create("user", user("mgr-legacy"));
      const reportId = await legacy.create("user", user("report-legacy"));
      await legacy.update("user", reportId, [
        { path: `${ENTERPRISE}:manager`, oldValue: undefined, newValue: managerId },
      ]);
      const read = await legacy.get("user", reportId, [`${ENTERPRISE}:manager`]);
      expect(read?.attributes).toEqual({ [`${ENTERPRISE}:manager`]: managerId });
    });
  } else {
    it("reports better-auth's rejection of the legacy manager shape as a BadRequest of that object", async () => {
      const reportId = await legacy.create("user", user("report-legacy"));
      const error = await caughtConnectorError(
        legacy.update("user", reportId, [
          { path: `${ENTERPRISE}:manager`, oldValue: undefined, newValue: "m" },
        ]),
      );
      expect({ code: error.code, scope: error.scope, status: error.details.status }).toEqual({
        code: "BadRequest",
        scope: "object",
        status: 400,
      });
      expect(error.message).toMatch(/^PATCH \/Users\/\S+ answered 400 \(invalidValue\): /);
    });
  }

  for (const dialect of ["legacy", "flag"] as const) {
    it(`creates a group without members, then adds and removes members in the ${dialect} dialect`, async () => {
      const target = dialect === "legacy" ? legacy : flagged;
      const [a, b, c] = await Promise.all(
        ["a", "b", "c"].map((n) => target.create("user", user(`member-${dialect}-${n}`))),
      );
      const groupId = await target.create("group", {
        displayName: `Engineering ${dialect}`,
        externalId: `g-${dialect}`,
      });
      const members = async () =>
        ((await server.groups()).find((g) => g.id === groupId)?.members as { value: string }[] | undefined)
          ?.map((m) => m.value)
          .sort() ?? [];
      expect(await members()).toEqual([]);
      await target.updateMembers(groupId, [a!, b!, c!], []);
      expect(await members()).toEqual([a, b, c].sort());
      await target.updateMembers(groupId, [], [b!]);
      expect(await members()).toEqual([a, c].sort());
      const found = await target.query("group", "displayName", `Engineering ${dialect}`, [
        "displayName",
        "externalId",
      ]);
      expect(found).toEqual([
        { id: groupId, attributes: { displayName: `Engineering ${dialect}`, externalId: `g-${dialect}` } },
      ]);
      const read = await target.get("group", groupId, ["displayName"]);
      expect(read).toEqual({ id: groupId, attributes: { displayName: `Engineering ${dialect}` } });
    });
  }

  it("deletes a user, after which get answers null and a second delete is still fine", async () => {
    const id = await legacy.create("user", user("delete"));
    await legacy.delete("user", id);
    expect(await legacy.get("user", id, USER_PATHS)).toBeNull();
    await legacy.delete("user", id);
    expect((await server.users()).some((u) => u.id === id)).toBe(false);
  });

  it("reports a duplicate userName as an EntryConflict of that object", async () => {
    await legacy.create("user", user("dup"));
    const error = await caughtConnectorError(legacy.create("user", user("dup", { externalId: "other" })));
    expect({ code: error.code, scope: error.scope, status: error.details.status }).toEqual({
      code: "EntryConflict",
      scope: "object",
      status: 409,
    });
    expect(error.message).toMatch(/^POST \/Users answered 409/);
  });

  it("reports a PATCH of an unknown id as an InvalidAnchor of that object", async () => {
    const error = await caughtConnectorError(
      legacy.update("user", targetId("does-not-exist"), [
        { path: "displayName", oldValue: "a", newValue: "b" },
      ]),
    );
    expect({ code: error.code, scope: error.scope }).toEqual({ code: "InvalidAnchor", scope: "object" });
  });

  it("reports a wrong token as Unauthorized for the whole job, without echoing any token", async () => {
    const wrong = createScimTarget({ baseUrl: server.url, token: "wrong-token-value", maxRetries: 3 });
    try {
      server.clearRequestLog();
      const error = await caughtConnectorError(wrong.testConnection("userName"));
      expect({ code: error.code, scope: error.scope, status: error.details.status }).toEqual({
        code: "Unauthorized",
        scope: "job",
        status: 401,
      });
      expect(server.requestLog).toHaveLength(1);
      expect(error.message).not.toContain("wrong-token-value");
      expect(error.message).not.toContain(server.token);
    } finally {
      await wrong.close();
    }
  });
});
