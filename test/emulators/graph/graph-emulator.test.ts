import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphEmulator, startGraphEmulator } from "../../../src/emulators/graph/index.js";
import { EmulatorClient } from "./emulator-client.js";
import { demoTenant, groupNamed, userNamed } from "./test-tenant.js";

const tenant = demoTenant();
const secret = tenant.application.clientSecret;
let emulator: GraphEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emulator = await startGraphEmulator({ tenant, pageSizeDefault: 7, deltaPageSize: 5 });
  client = new EmulatorClient(emulator, secret);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

const liveUsers = tenant.users.filter((user) => !user.deleted);

describe("the OAuth endpoints", () => {
  it("serve an OpenID configuration whose token endpoint is on the emulator's origin", async () => {
    const reply = await client.send("GET", `/${tenant.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(reply.status).toBe(200);
    expect(reply.body.token_endpoint).toBe(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`);
  });

  it("issue a bearer token for the right client secret", async () => {
    const reply = await client.tokenRequest({
      client_id: tenant.application.clientId,
      client_secret: secret,
      grant_type: "client_credentials",
      scope: "https://graph.microsoft.com/.default",
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(reply.body.access_token).toMatch(/^emu-/);
  });

  it("answer a wrong secret with 401 invalid_client and AADSTS7000215, without echoing the secret", async () => {
    const reply = await client.tokenRequest({
      client_id: tenant.application.clientId,
      client_secret: "not-the-secret",
      grant_type: "client_credentials",
      scope: "https://graph.microsoft.com/.default",
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe("invalid_client");
    expect(reply.body.error_codes).toEqual([7000215]);
    expect(reply.body.error_description).toMatch(/^AADSTS7000215: /);
    expect(JSON.stringify(reply.body)).not.toContain("not-the-secret");
  });

  it("answer an unknown client with 401 invalid_client and an unknown tenant with 400", async () => {
    const form = {
      client_id: "11111111-1111-4111-8111-111111111111",
      client_secret: secret,
      grant_type: "client_credentials",
      scope: "https://graph.microsoft.com/.default",
    };
    expect((await client.tokenRequest(form)).body.error).toBe("invalid_client");
    const wrongTenant = await client.tokenRequest(form, "22222222-2222-4222-8222-222222222222");
    expect(wrongTenant.status).toBe(400);
    expect(wrongTenant.body.error_codes).toEqual([90002]);
  });
});

describe("the /v1.0 read endpoints", () => {
  it("refuse a request without a valid bearer token with Graph's 401 error body", async () => {
    const missing = await client.send("GET", "/v1.0/users");
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({
      code: "InvalidAuthenticationToken",
      message: "Access token is empty.",
    });
    expect(missing.body.error.innerError).toHaveProperty("request-id");
    const forged = await client.send("GET", "/v1.0/users", undefined, { authorization: "Bearer emu-forged" });
    expect(forged.status).toBe(401);
  });

  it("reject $top above 999 with 400 Request_BadRequest", async () => {
    const reply = await client.graph("GET", "/v1.0/users?$top=1000");
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("Request_BadRequest");
    expect((await client.graph("GET", "/v1.0/users?$top=999")).status).toBe(200);
  });

  it("page /users with absolute https nextLinks on its own origin and return every live user once", async () => {
    const { items, pages } = await client.all("/v1.0/users?$select=id,userPrincipalName");
    expect(pages).toBe(Math.ceil(liveUsers.length / 7));
    expect(items.map((user) => user.id).sort()).toEqual(liveUsers.map((user) => user.id).sort());
    const first = await client.graph("GET", "/v1.0/users?$select=id");
    expect(first.body["@odata.nextLink"]).toMatch(
      new RegExp(`^${emulator.url}/v1.0/users\\?\\$select=id&\\$skiptoken=`),
    );
  });

  it("leave users in the recycle bin out of /users but serve them under /directory/deletedItems", async () => {
    const deleted = tenant.users.find((user) => user.deleted);
    expect(deleted).toBeDefined();
    const { items } = await client.all("/v1.0/users?$top=999&$select=id");
    expect(items.some((user) => user.id === deleted?.id)).toBe(false);
    expect((await client.graph("GET", `/v1.0/users/${deleted?.id}`)).status).toBe(404);
    expect((await client.graph("GET", `/v1.0/directory/deletedItems/${deleted?.id}`)).status).toBe(200);
  });

  it("return selected properties, with null for unset ones and the Graph names of phone numbers", async () => {
    const user = userNamed(tenant, "Ethan Walsh");
    const reply = await client.graph(
      "GET",
      `/v1.0/users/${user.id}?$select=displayName,jobTitle,businessPhones,accountEnabled`,
    );
    expect(reply.body).toEqual({
      id: user.id,
      displayName: "Ethan Walsh",
      jobTitle: null,
      businessPhones: [],
      accountEnabled: true,
    });
    const withPhones = userNamed(tenant, "Patti Fernandez");
    const phones = await client.graph(
      "GET",
      `/v1.0/users/${withPhones.id}?$select=businessPhones,mobilePhone`,
    );
    expect(phones.body).toMatchObject({
      businessPhones: [withPhones.telephoneNumber],
      mobilePhone: withPhones.mobile,
    });
  });

  it("answer an unknown $select property with 400, as Graph does", async () => {
    const reply = await client.graph("GET", "/v1.0/users?$select=telephoneNumber");
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain("telephoneNumber");
  });

  it("find a guest by its URL-encoded #EXT# userPrincipalName", async () => {
    const guest = userNamed(tenant, "Alias (Fabrikam)");
    const reply = await client.graph(
      "GET",
      `/v1.0/users/${encodeURIComponent(guest.userPrincipalName)}?$select=userType`,
    );
    expect(reply.body).toEqual({ id: guest.id, userType: "Guest" });
  });

  it("serve a user's manager, and 404 Request_ResourceNotFound when there is none", async () => {
    const grady = userNamed(tenant, "Grady Archie");
    const manager = await client.graph("GET", `/v1.0/users/${grady.id}/manager?$select=id`);
    expect(manager.body).toEqual({ "@odata.type": "#microsoft.graph.user", id: grady.managerId });
    const ceo = userNamed(tenant, "Patti Fernandez");
    const none = await client.graph("GET", `/v1.0/users/${ceo.id}/manager`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("list a group's direct members with @odata.type, nested groups included but not expanded", async () => {
    const engineering = groupNamed(tenant, "Engineering");
    const leads = groupNamed(tenant, "Engineering Leads");
    const { items } = await client.all(`/v1.0/groups/${engineering.id}/members?$select=id`);
    expect(items.map((member) => member.id).sort()).toEqual([...engineering.members].sort());
    expect(items.find((member) => member.id === leads.id)?.["@odata.type"]).toBe("#microsoft.graph.group");
    expect(items.filter((member) => member["@odata.type"] === "#microsoft.graph.user")).toHaveLength(
      engineering.members.length - 1,
    );
  });

  it("serve the service principal's app roles and every assignment", async () => {
    const sp = await client.graph(
      "GET",
      `/v1.0/servicePrincipals/${emulator.servicePrincipalId}?$select=id,appRoles`,
    );
    expect(Object.keys(sp.body).sort()).toEqual(["appRoles", "id"]);
    expect(sp.body.appRoles.map((role: { value: string }) => role.value)).toEqual([
      "Admin",
      "User",
      "Reader",
    ]);
    const { items } = await client.all(
      `/v1.0/servicePrincipals/${emulator.servicePrincipalId}/appRoleAssignedTo`,
    );
    expect(items).toHaveLength(tenant.appRoleAssignments.length);
    expect(items[0]).toMatchObject({ resourceId: emulator.servicePrincipalId, principalType: "Group" });
  });
});

describe("the delta endpoints", () => {
  it("encode $select in the token and refuse $select sent again with a skiptoken", async () => {
    const first = await client.graph("GET", "/v1.0/users/delta?$select=displayName");
    expect(first.body.value[0]).toEqual({ id: expect.any(String), displayName: expect.any(String) });
    const next = first.body["@odata.nextLink"] as string;
    expect(next).toMatch(/\/v1\.0\/users\/delta\?\$skiptoken=/);
    expect((await client.graph("GET", `${next}&$select=mail`)).status).toBe(400);
    expect((await client.graph("GET", next)).body.value[0]).toEqual({
      id: expect.any(String),
      displayName: expect.any(String),
    });
  });

  it("answer the long microsoft.graph.delta form and $deltatoken=latest with only a deltaLink", async () => {
    const reply = await client.graph(
      "GET",
      "/v1.0/users/microsoft.graph.delta?$deltatoken=latest&$select=displayName",
    );
    expect(reply.body.value).toEqual([]);
    expect(reply.body["@odata.deltaLink"]).toMatch(/\/v1\.0\/users\/microsoft\.graph\.delta\?\$deltatoken=/);
  });

  it("list each group's current members in the first round, split over pages for large groups", async () => {
    const emu = await startGraphEmulator({ tenant, deltaPageSize: 3 });
    const raw = new EmulatorClient(emu, secret);
    try {
      const { items } = await raw.all("/v1.0/groups/delta?$select=displayName,members");
      const allCompany = groupNamed(tenant, "All Company");
      const slices = items.filter((item) => item.id === allCompany.id);
      expect(slices.length).toBe(Math.ceil(allCompany.members.length / 3));
      const members = slices.flatMap((slice) =>
        slice["members@delta"].map((link: { id: string }) => link.id),
      );
      expect(members.sort()).toEqual([...allCompany.members].sort());
    } finally {
      await raw.close();
      await emu.close();
    }
  });

  it("answer an expired token with 410 and a Location to restart from when so configured", async () => {
    const emu = await startGraphEmulator({ tenant });
    const raw = new EmulatorClient(emu, secret);
    try {
      const { last } = await raw.all("/v1.0/groups/delta");
      emu.expireDeltaTokens("resync410");
      const reply = await raw.graph("GET", last["@odata.deltaLink"]);
      expect(reply.status).toBe(410);
      expect(reply.headers.get("location")).toBe(`${emu.url}/v1.0/groups/delta?$deltatoken=`);
    } finally {
      await raw.close();
      await emu.close();
    }
  });
});

describe("the write endpoints", () => {
  it("create a user, reject a duplicate userPrincipalName and an unknown property with Graph's error body", async () => {
    const body = {
      accountEnabled: true,
      displayName: "New Hire",
      mailNickname: "new.hire",
      userPrincipalName: "new.hire@contoso.onmicrosoft.com",
      passwordProfile: { password: "x" },
    };
    const created = await client.graph("POST", "/v1.0/users", body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      displayName: "New Hire",
      userPrincipalName: body.userPrincipalName,
    });
    expect(JSON.stringify(created.body)).not.toContain("passwordProfile");
    const duplicate = await client.graph("POST", "/v1.0/users", body);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.code).toBe("Request_BadRequest");
    const unknown = await client.graph("PATCH", `/v1.0/users/${created.body.id}`, {
      favouriteColour: "blue",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("favouriteColour");
  });

  it("add a member by @odata.id reference and refuse adding it twice", async () => {
    const group = groupNamed(tenant, "Finance");
    const user = userNamed(tenant, "Ethan Walsh");
    const ref = { "@odata.id": `${emulator.url}/v1.0/directoryObjects/${user.id}` };
    expect((await client.graph("POST", `/v1.0/groups/${group.id}/members/$ref`, ref)).status).toBe(204);
    expect((await client.graph("POST", `/v1.0/groups/${group.id}/members/$ref`, ref)).status).toBe(400);
    expect((await client.graph("DELETE", `/v1.0/groups/${group.id}/members/${user.id}/$ref`)).status).toBe(
      204,
    );
    expect((await client.graph("DELETE", `/v1.0/groups/${group.id}/members/${user.id}/$ref`)).status).toBe(
      404,
    );
  });

  it("assign and unassign a principal through appRoleAssignedTo", async () => {
    const user = userNamed(tenant, "Ethan Walsh");
    const path = `/v1.0/servicePrincipals/${emulator.servicePrincipalId}/appRoleAssignedTo`;
    const role = tenant.application.appRoles[0]?.id;
    const created = await client.graph("POST", path, {
      principalId: user.id,
      resourceId: emulator.servicePrincipalId,
      appRoleId: role,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ principalId: user.id, principalType: "User", appRoleId: role });
    expect((await client.graph("DELETE", `${path}/${created.body.id}`)).status).toBe(204);
    const badRole = await client.graph("POST", path, {
      principalId: user.id,
      resourceId: emulator.servicePrincipalId,
      appRoleId: "33333333-3333-4333-8333-333333333333",
    });
    expect(badRole.status).toBe(400);
  });
});

describe("the request log", () => {
  it("records method, path, query and status of every request", async () => {
    emulator.clearRequestLog();
    await client.graph("GET", "/v1.0/groups?$top=2");
    expect(emulator.requestLog).toEqual([
      { method: "GET", path: "/v1.0/groups", query: "$top=2", status: 200 },
    ]);
  });
});
