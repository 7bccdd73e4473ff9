import { afterEach, describe, expect, it } from "vitest";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { provisionOnDemand } from "../../src/app/on-demand.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

describe("provisioning one user on demand on a job that already has a watermark", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("reads the user whole, without first asking Graph for changes and warning that the delta token was rejected", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
    // Every warning on-demand logs, whichever child logger it goes through.
    const warnings: string[] = [];
    const logger: CycleDeps["logger"] = new Proxy(env.deps.logger, {
      get(target, property) {
        if (property === "child") return () => logger;
        if (property === "warn") return (_fields: unknown, message: string) => warnings.push(message);
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const deps: CycleDeps = { ...env.deps, logger };

    const result = await provisionOnDemand(deps, env.job, "alice@contoso.test");

    expect(result.status).toBe("Skipped");
    expect(result.entry?.errorCode).toBe("RedundantExport");
    expect(warnings).toEqual([]);
    expect(env.runtime.store.getJobState("e2e").watermark).not.toBeNull();
  });
});

/** Changes a user in the app directly, as an app admin would, over the app's own SCIM API. */
async function editInApp(env: EngineEnv, id: string, path: string, value: string): Promise<void> {
  const response = await fetch(`${env.scim.url}/Users/${id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${env.scim.token}`, "Content-Type": "application/scim+json" },
    body: JSON.stringify({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path, value }],
    }),
  });
  expect(response.status).toBe(200);
}

describe("provisioning a linked user on demand reads the user from the app", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("shows a match step with the app's values and updates what the app holds, not only what changed since the last export", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const alice = (await env.scim.users()).find((u) => u.userName === "alice@contoso.test")!;
    await editInApp(env, alice.id, "title", "Changed in the app");
    env.scim.clearRequestLog();

    const result = await provisionOnDemand(env.deps, env.job, "alice@contoso.test");

    expect(env.scim.requestLog.some((r) => r.method === "GET" && r.path === `/Users/${alice.id}`)).toBe(true);
    const match = result.steps.find((s) => s.type === "matching");
    expect(match).toMatchObject({
      status: "success",
      description: "Retrieved 'alice@contoso.test' from Generic SCIM app by its linked id",
      details: { id: alice.id, matchedOn: "linked id", title: '"Changed in the app"' },
    });
    // Entra's order for a linked object: import, matching, scoping, export.
    expect(result.steps.map((s) => s.type)).toEqual([
      "processing",
      "import",
      "matching",
      "scoping",
      "export",
    ]);
    expect(result.status).toBe("Success");
    expect(result.entry?.action).toBe("Update");
    expect(result.entry?.modifiedProperties).toEqual([
      { displayName: "title", oldValue: '"Changed in the app"', newValue: '"Engineer"' },
    ]);
    expect((await env.scim.users()).find((u) => u.id === alice.id)?.title).toBe("Engineer");
    // The provisioning log keeps the step too, as `entra-sync logs` shows it.
    const [logged] = env.runtime.store.logs({ job: "e2e", object: "alice@contoso.test", action: "Update" });
    expect(logged?.steps.map((s) => s.type)).toEqual(["import", "matching", "scoping", "export"]);
  });
});

describe("provisioning on demand a user the app already holds but the engine has not linked", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("says which matching attribute found it, shows the app's values (Redact() ones hidden) and the difference from them", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: { users: { mappings: [{ target: "title", expression: "Redact([jobTitle])" }] } },
    });
    const created = await fetch(`${env.scim.url}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${env.scim.token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "alice@contoso.test",
        displayName: "Alice (set in the app)",
        title: "Secret title in the app",
      }),
    });
    expect(created.status).toBe(201);

    const result = await provisionOnDemand(env.deps, env.job, "alice@contoso.test");

    const match = result.steps.find((s) => s.type === "matching");
    expect(match).toMatchObject({
      status: "success",
      details: { matchedOn: "userName", displayName: '"Alice (set in the app)"', title: "[Redact]" },
    });
    expect(JSON.stringify(result)).not.toContain("Secret title");
    expect(result.entry?.modifiedProperties.find((p) => p.displayName === "displayName")).toEqual({
      displayName: "displayName",
      oldValue: '"Alice (set in the app)"',
      newValue: '"Alice Adams"',
    });
  });

  it("warns that the linked entry is gone from the app, and the update fails as InvalidAnchor", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const alice = (await env.scim.users()).find((u) => u.userName === "alice@contoso.test")!;
    const deleted = await fetch(`${env.scim.url}/Users/${alice.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${env.scim.token}` },
    });
    expect(deleted.status).toBe(204);
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { jobTitle: "Principal Engineer" });
    await admin.close();

    const result = await provisionOnDemand(env.deps, env.job, "alice@contoso.test");

    expect(result.steps.find((s) => s.type === "matching")).toMatchObject({
      status: "warning",
      description: `The entry linked to 'alice@contoso.test' (id ${alice.id}) is no longer in Generic SCIM app`,
    });
    expect(result.status).toBe("Failure");
    expect(result.entry?.errorCode).toBe("InvalidAnchor");
  });
});

describe("provisioning an out-of-scope user on demand says why it is not provisioned", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("names the missing assignment for an unassigned user", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });

    const result = await provisionOnDemand(env.deps, env.job, "frank@contoso.test");

    expect(result.status).toBe("Skipped");
    const scoping = result.steps.find((s) => s.type === "scoping");
    expect(scoping).toMatchObject({
      status: "skipped",
      description:
        "Determine if User in scope by evaluating against each scoping filter: out of scope, not assigned to the application",
      details: { "Assigned to the application": "false", IsInProvisioningScope: "false" },
    });
    expect(JSON.stringify(scoping)).not.toMatch(/in scope:/);
    expect(result.steps.at(-1)).toMatchObject({
      name: "EntrySynchronizationSkip",
      description:
        "frank@contoso.test is out of scope (not assigned to the application); it is not provisioned",
      details: { SkipReason: "NotEffectivelyEntitled" },
    });
    expect(env.writes()).toEqual([]);
  });

  it("names the scoping filter clause that failed, with the user's value", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: {
        users: {
          scopingFilters: [{ clauses: [{ attribute: "department", operator: "EQUALS", value: "Sales" }] }],
        },
      },
    });

    const result = await provisionOnDemand(env.deps, env.job, "alice@contoso.test");

    expect(result.status).toBe("Skipped");
    const reason = 'failed the scoping filter: filter 1 clause 1: department EQUALS "Sales" (value "R&D")';
    expect(result.steps.find((s) => s.type === "scoping")).toMatchObject({
      status: "skipped",
      description: `Determine if User in scope by evaluating against each scoping filter: out of scope, ${reason}`,
      details: { "Scoping filter evaluation passed": "false", Reason: reason },
    });
  });

  it("names the disabled account", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });

    const result = await provisionOnDemand(env.deps, env.job, "erin@contoso.test");

    expect(result.steps.find((s) => s.type === "scoping")?.details.Reason).toBe(
      "disabled in Microsoft Entra ID (accountEnabled is false)",
    );
  });
});
