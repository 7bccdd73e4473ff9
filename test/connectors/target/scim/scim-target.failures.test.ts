import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ScimRequestInfo } from "../../../../src/connectors/target/scim/scim-http.js";
import {
  createScimTarget,
  type ScimTargetOptions,
} from "../../../../src/connectors/target/scim/scim-target.js";
import type { ConnectorError } from "../../../../src/domain/errors.js";
import { targetId } from "../../../../src/domain/ids.js";
import { caughtConnectorError } from "../../../support/caught-connector-error.js";
import { closedPort } from "../../../support/closed-port.js";
import {
  hang,
  json,
  noContent,
  reset,
  type ScriptedHttpServer,
  startScriptedHttpServer,
} from "../../../support/scim-servers/scripted-http-server.js";

const TOKEN = "s3cr3t-token-value";
const EMPTY_LIST = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  totalResults: 0,
  Resources: [],
};
const USER = { id: "u1", userName: "a@contoso.test", active: "True" };

let stub: ScriptedHttpServer;
let waits: number[];

beforeAll(async () => {
  stub = await startScriptedHttpServer();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  (stub.requests as unknown[]).length = 0;
  waits = [];
});

/** A target whose waits are recorded instead of slept, so retry tests are fast and assert the delays exactly. */
function target(extra: Partial<ScimTargetOptions> = {}) {
  return createScimTarget({
    baseUrl: stub.url,
    token: TOKEN,
    maxRetries: 2,
    timeoutMs: 2000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
}

/** The ConnectorError thrown, checked never to carry the token. */
async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await caughtConnectorError(promise);
  expect(error.message).not.toContain(TOKEN);
  return error;
}

describe("createScimTarget request shape", () => {
  it("sends the bearer token, SCIM media types and user agent, and never forwards the dialect flag", async () => {
    const scim = target({ baseUrl: `${stub.url}/?aadOptscim062020`, userAgent: "tests/1" });
    stub.script(noContent);
    await scim.update("user", targetId("u 1"), [{ path: "active", oldValue: true, newValue: false }]);
    await scim.close();
    const [seen] = stub.requests;
    expect(seen?.url).toBe("/scim/Users/u%201");
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/scim+json; charset=utf-8",
      accept: "application/scim+json",
      "user-agent": "tests/1",
    });
    expect(JSON.parse(seen!.body).Operations).toEqual([{ op: "replace", path: "active", value: false }]);
  });

  it("asks for groups without members, by name and by id", async () => {
    const scim = target();
    stub.script(json(200, EMPTY_LIST), json(200, { id: "g1", displayName: "G" }));
    await scim.query("group", "displayName", "G", []);
    await scim.get("group", targetId("g1"), ["displayName"]);
    await scim.close();
    expect(stub.requests.map((r) => r.url)).toEqual([
      "/scim/Groups?excludedAttributes=members&filter=displayName+eq+%22G%22",
      "/scim/Groups/g1?excludedAttributes=members",
    ]);
  });

  it("reports every attempt to the onRequest hook without the query", async () => {
    const seen: ScimRequestInfo[] = [];
    const scim = target({ onRequest: (info) => seen.push(info) });
    stub.script(json(503, {}), json(200, USER));
    await scim.get("user", targetId("u1"), []);
    await scim.close();
    expect(seen.map(({ durationMs: _d, ...rest }) => rest)).toEqual([
      { method: "GET", path: "/Users/u1", route: "/Users/{id}", status: 503, attempt: 1 },
      { method: "GET", path: "/Users/u1", route: "/Users/{id}", status: 200, attempt: 2 },
    ]);
  });
});

describe("createScimTarget retries", () => {
  it("waits for Retry-After seconds on 429 and then succeeds", async () => {
    const scim = target();
    stub.script(json(429, { detail: "slow down" }, { "retry-after": "3" }), json(200, EMPTY_LIST));
    expect(await scim.query("user", "userName", "a", [])).toEqual([]);
    await scim.close();
    expect(waits).toEqual([3000]);
    expect(stub.requests).toHaveLength(2);
  });

  it("honours an HTTP-date Retry-After against the injected clock, capped", async () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const scim = target({ now: () => now, maxRetryAfterMs: 5000 });
    stub.script(
      json(429, {}, { "retry-after": "Wed, 01 Jan 2025 00:00:02 GMT" }),
      json(429, {}, { "retry-after": "Wed, 01 Jan 2025 01:00:00 GMT" }),
      json(201, { id: "new" }),
    );
    expect(await scim.create("user", { userName: "a" })).toBe("new");
    await scim.close();
    expect(waits).toEqual([2000, 5000]);
  });

  it("reports TooManyRequests as transient once the retries are spent", async () => {
    const scim = target({ maxRetries: 1 });
    stub.script(json(429, {}), json(429, { detail: "still busy" }));
    const error = await caught(scim.query("user", "userName", "a", []));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({ code: "TooManyRequests", scope: "transient" });
    expect(waits).toEqual([250]);
  });

  it("backs off with jitter after a 500 and then succeeds", async () => {
    const scim = target({ retryBaseDelayMs: 100 });
    stub.script(json(500, { detail: "boom" }), json(502, "bad gateway", {}, "text/plain"), json(200, USER));
    expect(await scim.get("user", targetId("u1"), ["active"])).toEqual({
      id: "u1",
      attributes: { active: true },
    });
    await scim.close();
    expect(waits).toEqual([50, 100]);
  });

  it("reports InternalServerError as transient, with the app's detail, once the retries are spent", async () => {
    const scim = target({ maxRetries: 1 });
    stub.script(json(500, {}), json(500, { detail: "database down" }));
    const error = await caught(
      scim.update("user", targetId("u1"), [{ path: "a", oldValue: "x", newValue: "y" }]),
    );
    await scim.close();
    expect({ code: error.code, scope: error.scope, status: error.details.status }).toEqual({
      code: "InternalServerError",
      scope: "transient",
      status: 500,
    });
    expect(error.message).toBe("PATCH /Users/u1 answered 500: database down");
  });

  it("does not retry a POST that failed with 500, since the app may have created the object", async () => {
    const scim = target();
    stub.script(json(500, { detail: "maybe created" }));
    const error = await caught(scim.create("user", { userName: "a" }));
    await scim.close();
    expect(error.code).toBe("InternalServerError");
    expect(stub.requests).toHaveLength(1);
  });

  it.each([501, 505])(
    "sends a PATCH answered %i once: the app does not support it, so no retry changes that",
    async (status) => {
      // Every request is answered with this status, so a retry would show as a second request.
      const failing = await startScriptedHttpServer(json(status, { detail: "not supported here" }));
      const failingTarget = createScimTarget({
        baseUrl: failing.url,
        token: TOKEN,
        maxRetries: 4,
        sleep: async () => {},
      });
      const error = await caught(
        failingTarget.update("user", targetId("u1"), [{ path: "a", oldValue: "x", newValue: "y" }]),
      );
      await failingTarget.close();
      await failing.close();
      expect(failing.requests).toHaveLength(1);
      expect({ code: error.code, scope: error.scope, status: error.details.status }).toEqual({
        code: "NotImplemented",
        scope: "object",
        status,
      });
    },
  );

  it("still retries 503 and 504 on a GET up to maxRetries", async () => {
    const scim = target({ maxRetries: 2 });
    stub.script(json(503, {}), json(504, {}), json(503, { detail: "still down" }));
    const error = await caught(scim.get("user", targetId("u1"), []));
    await scim.close();
    expect(stub.requests).toHaveLength(3);
    expect(error.code).toBe("InternalServerError");
  });

  it("times out a GET on every attempt and reports Timeout as transient", async () => {
    const scim = target({ timeoutMs: 150, maxRetries: 1 });
    stub.script(hang, hang);
    const error = await caught(scim.get("user", targetId("u1"), []));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({ code: "Timeout", scope: "transient" });
    expect(error.message).toBe("GET /Users/u1 failed after 2 attempt(s): no response within 150 ms");
    expect(stub.requests).toHaveLength(2);
  });

  it("does not retry a POST that timed out, leaving the next cycle to match instead", async () => {
    const scim = target({ timeoutMs: 150 });
    stub.script(hang);
    const error = await caught(scim.create("user", { userName: "a" }));
    await scim.close();
    expect(error.code).toBe("Timeout");
    expect(stub.requests).toHaveLength(1);
  });

  it("retries a GET after the connection was reset", async () => {
    const scim = target();
    stub.script(reset, json(200, EMPTY_LIST));
    expect(await scim.query("user", "userName", "a", [])).toEqual([]);
    await scim.close();
    expect(stub.requests).toHaveLength(2);
  });

  it("retries even a POST when the connection is refused, then reports WebExceptionProtocolError", async () => {
    const port = await closedPort();
    const scim = target({ baseUrl: `http://127.0.0.1:${port}/scim` });
    const error = await caught(scim.create("user", { userName: "a" }));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({
      code: "WebExceptionProtocolError",
      scope: "transient",
    });
    expect(error.message).toBe("POST /Users failed after 3 attempt(s): connection refused");
  });

  it("never retries 401 or 403 and reports them for the whole job", async () => {
    const scim = target();
    stub.script(json(401, { detail: "bad token" }), json(403, { detail: "read only" }));
    const unauthorized = await caught(scim.query("user", "userName", "a", []));
    const forbidden = await caught(scim.create("user", { userName: "a" }));
    await scim.close();
    expect([unauthorized.code, unauthorized.scope, forbidden.code, forbidden.scope]).toEqual([
      "Unauthorized",
      "job",
      "InsufficientRights",
      "job",
    ]);
    expect(stub.requests).toHaveLength(2);
    expect(waits).toEqual([]);
  });
});

describe("createScimTarget response checks", () => {
  it("reports malformed JSON as ServiceIncompatible for that object", async () => {
    const scim = target();
    stub.script(json(200, '{"Resources": [', {}, "application/scim+json"));
    const error = await caught(scim.query("user", "userName", "a", []));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({
      code: "SystemForCrossDomainIdentityManagementServiceIncompatible",
      scope: "object",
    });
    expect(error.message).toMatch(
      /^GET \/Users\?filter=userName\+eq\+%22a%22 answered 200: Expected a SCIM JSON body, got malformed JSON/,
    );
  });

  it("reports an HTML page as ServiceIncompatible", async () => {
    const scim = target();
    stub.script(json(200, "<html>login</html>", {}, "text/html; charset=utf-8"));
    const error = await caught(scim.get("user", targetId("u1"), []));
    await scim.close();
    expect(error.code).toBe("SystemForCrossDomainIdentityManagementServiceIncompatible");
    expect(error.message).toContain("got content type text/html");
  });

  it("reports a listed resource without id, and a created resource without id, as ServiceIncompatible", async () => {
    const scim = target();
    stub.script(json(200, { totalResults: 1, Resources: [{ userName: "a" }] }), json(201, { userName: "a" }));
    const listed = await caught(scim.query("user", "userName", "a", []));
    const created = await caught(scim.create("user", { userName: "a" }));
    await scim.close();
    expect(listed.code).toBe("SystemForCrossDomainIdentityManagementServiceIncompatible");
    expect(listed.message).toContain("Expected a resource with a string id, got id undefined");
    expect(created.code).toBe("SystemForCrossDomainIdentityManagementServiceIncompatible");
  });

  it("rejects a ListResponse without Resources unless it reports zero results", async () => {
    const scim = target();
    stub.script(json(200, { totalResults: 0 }), json(200, { totalResults: 2 }));
    expect(await scim.query("user", "userName", "a", [])).toEqual([]);
    const error = await caught(scim.query("user", "userName", "a", []));
    await scim.close();
    expect(error.code).toBe("SystemForCrossDomainIdentityManagementServiceIncompatible");
  });

  it("reports several resources answered to a GET by id as MultipleEntriesInResponse", async () => {
    const scim = target();
    stub.script(json(200, { totalResults: 2, Resources: [USER, { ...USER, id: "u2" }] }));
    const error = await caught(scim.get("user", targetId("u1"), []));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({
      code: "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse",
      scope: "object",
    });
  });

  it("treats 404 on the collection as a job-level SCIM compliance failure", async () => {
    const scim = target();
    stub.script(json(404, "Not Found", {}, "text/plain"));
    const error = await caught(scim.testConnection("userName"));
    await scim.close();
    expect({ code: error.code, scope: error.scope }).toEqual({
      code: "ScimComplianceNotFound",
      scope: "job",
    });
  });

  it("fails the connection test when the random probe finds a resource", async () => {
    const scim = target();
    stub.script(json(200, { totalResults: 1, Resources: [USER] }));
    const error = await caught(scim.testConnection("userName"));
    await scim.close();
    expect(error.message).toMatch(/Expected no resource for a random userName, got 1/);
  });

  it("puts the app's scimType and detail into a BadRequest and redacts an echoed token", async () => {
    const scim = target();
    stub.script(json(400, { scimType: "invalidValue", detail: `token ${TOKEN} is not welcome` }));
    const error = await caught(
      scim.update("user", targetId("u1"), [{ path: "title", oldValue: undefined, newValue: "x" }]),
    );
    await scim.close();
    expect({ code: error.code, scope: error.scope, scimType: error.details.scimType }).toEqual({
      code: "BadRequest",
      scope: "object",
      scimType: "invalidValue",
    });
    expect(error.message).toBe(
      "PATCH /Users/u1 answered 400 (invalidValue): token [REDACTED] is not welcome",
    );
    expect(error.details.body).not.toContain(TOKEN);
  });
});

describe("createScimTarget with a short token that occurs inside JSON", () => {
  /** Two letters that every `true` contains: masking them in a body before parsing breaks the JSON. */
  const SHORT = "ue";

  it("parses a created user whose body holds the token, instead of calling it malformed JSON", async () => {
    const scim = target({ token: SHORT });
    stub.script(json(201, { id: "new", userName: "a", active: true }));
    expect(await scim.create("user", { userName: "a" })).toBe("new");
    await scim.close();
  });

  it("still reads scimType and detail of an error, and masks the token only in what the error reports", async () => {
    const scim = target({ token: SHORT });
    stub.script(json(400, { scimType: "mutability", detail: `token ${SHORT} rejected`, active: true }));
    const error = await caughtConnectorError(
      scim.update("user", targetId("u1"), [{ path: "title", oldValue: "a", newValue: "b" }]),
    );
    await scim.close();
    expect(error.details.scimType).toBe("mutability");
    expect(error.message).toBe("PATCH /Users/u1 answered 400 (mutability): token [REDACTED] rejected");
    expect(error.details.body).not.toContain(SHORT);
  });

  it("masks the token where JSON.parse quotes a malformed body", async () => {
    const scim = target({ token: SHORT });
    stub.script(json(200, `{"id": "${SHORT}" x`));
    const error = await caughtConnectorError(scim.get("user", targetId("u1"), []));
    await scim.close();
    expect(error.message).toMatch(/got malformed JSON/);
    expect(error.message).not.toContain(SHORT);
  });

  it("accepts a PATCH answered by 200 with a body or by 204, and a DELETE answered by 404", async () => {
    const scim = target();
    stub.script(json(200, USER), noContent, json(404, { detail: "gone" }));
    await scim.update("user", targetId("u1"), [{ path: "title", oldValue: "a", newValue: "b" }]);
    await scim.updateMembers(targetId("g1"), [targetId("u1")], []);
    await scim.delete("user", targetId("u1"));
    await scim.close();
    expect(stub.requests.map((r) => r.method)).toEqual(["PATCH", "PATCH", "DELETE"]);
  });

  it("sends nothing for an empty change set", async () => {
    const scim = target();
    await scim.update("user", targetId("u1"), []);
    await scim.updateMembers(targetId("g1"), [], []);
    await scim.close();
    expect(stub.requests).toHaveLength(0);
  });
});
