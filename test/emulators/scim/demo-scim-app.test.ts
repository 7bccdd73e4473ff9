import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DemoScimApp, startDemoScimApp } from "../../../src/emulators/scim/demo-scim-app.js";

const TOKEN = "demo-token";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let app: DemoScimApp;

async function call(method: string, path: string, body?: unknown, token = TOKEN) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted structurally.
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

const createUser = (userName: string, extra: Record<string, unknown> = {}) =>
  call("POST", "/Users", { schemas: [USER_SCHEMA], userName, ...extra });
const filter = (text: string) => `filter=${encodeURIComponent(text)}`;

beforeAll(async () => {
  app = await startDemoScimApp({ token: TOKEN });
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => app.clearRequestLog());

describe("the demo SCIM app", () => {
  it("serves its tenant URL on 127.0.0.1 under /scim", () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim$/);
  });

  it("answers 401 to a missing or wrong bearer token", async () => {
    expect((await call("GET", "/Users", undefined, "nope")).status).toBe(401);
    const response = await fetch(`${app.url}/Users`);
    expect(response.status).toBe(401);
  });

  it("answers 409 to a userName that differs only in case", async () => {
    expect((await createUser("Case@contoso.test")).status).toBe(201);
    const clash = await createUser("case@CONTOSO.test");
    expect(clash.status).toBe(409);
    expect(clash.body.scimType).toBe("uniqueness");
  });

  it("answers 409 to a duplicate group displayName", async () => {
    const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Admins" };
    expect((await call("POST", "/Groups", group)).status).toBe(201);
    expect((await call("POST", "/Groups", { ...group, displayName: "ADMINS" })).status).toBe(409);
  });

  it("matches userName case-insensitively and understands escaped quotes and backslashes", async () => {
    const { body } = await createUser('Quo"te\\d@contoso.test');
    const list = await call("GET", `/Users?${filter('userName eq "quo\\"te\\\\D@contoso.test"')}`);
    expect(list.status).toBe(200);
    expect(list.body.Resources.map((r: { id: string }) => r.id)).toEqual([body.id]);
  });

  it("still runs filters it does not take over through scimmy", async () => {
    await createUser("scimmy.filter@contoso.test", { displayName: "Filtered" });
    const list = await call("GET", `/Users?${filter('displayName co "Filter" and userName sw "scimmy"')}`);
    expect(list.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      "scimmy.filter@contoso.test",
    ]);
  });

  it("accepts Entra's legacy string booleans, which scimmy alone rejects", async () => {
    const { body } = await createUser("legacy@contoso.test", { active: "True" });
    expect(body.active).toBe(true);
    const patched = await call("PATCH", `/Users/${body.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(patched.status).toBe(200);
    expect(app.users().find((u) => u.id === body.id)?.active).toBe(false);
  });

  it("honours startIndex and count under express 5", async () => {
    await createUser("page1@contoso.test");
    await createUser("page2@contoso.test");
    const page = await call("GET", "/Users?startIndex=2&count=1");
    expect(page.body.itemsPerPage).toBe(1);
    expect(page.body.startIndex).toBe(2);
  });

  it("records each request with its query and the body as sent, and no headers", async () => {
    await createUser("logged@contoso.test", { active: "True" });
    await call("GET", `/Users?excludedAttributes=members&${filter('userName eq "logged@contoso.test"')}`);
    expect(app.requestLog).toEqual([
      {
        method: "POST",
        path: "/Users",
        query: {},
        rawQuery: "",
        body: { schemas: [USER_SCHEMA], userName: "logged@contoso.test", active: "True" },
        status: 201,
      },
      {
        method: "GET",
        path: "/Users",
        query: { excludedAttributes: "members", filter: 'userName eq "logged@contoso.test"' },
        rawQuery: `excludedAttributes=members&${filter('userName eq "logged@contoso.test"')}`,
        body: undefined,
        status: 200,
      },
    ]);
    expect(JSON.stringify(app.requestLog)).not.toContain(TOKEN);
  });

  it("keeps each app's data apart from another app in the same process", async () => {
    const other = await startDemoScimApp({ token: "other" });
    try {
      expect(other.users()).toEqual([]);
      expect(app.users().length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it("frees its port on close", async () => {
    const temporary = await startDemoScimApp({ token: "t" });
    await temporary.close();
    await expect(fetch(`${temporary.url}/Users`)).rejects.toThrow();
  });
});
