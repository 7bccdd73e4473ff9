import { afterEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app/run-cycle.js";
import { openRuntime } from "../../src/app/runtime.js";
import { createLogger } from "../../src/observability/logger.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";
import { isTestConnectionProbe } from "../support/test-connection-probe.js";

describe("mapping features and source failures, end to end", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("SelectUniqueValue takes the first candidate the app does not hold yet", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: {
        users: {
          mappings: [
            {
              target: "externalId",
              expression: 'SelectUniqueValue(Join("", [mailNickname], "1"), Join("", [mailNickname], "2"))',
            },
          ],
        },
      },
    });
    const created = await fetch(`${env.scim.url}/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.scim.token}`, "content-type": "application/scim+json" },
      body: JSON.stringify({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "squatter@x.test",
        externalId: "alice1",
      }),
    });
    expect(created.status).toBe(201);
    const summary = await env.sync();
    expect(summary.cycle.state).toBe("Succeeded");
    const users = await env.scim.users();
    expect(users.find((u) => u.userName === "alice@contoso.test")?.externalId).toBe("alice2");
    expect(users.find((u) => u.userName === "carol@contoso.test")?.externalId).toBe("carol1");
  });

  it("applies on-create-only mappings once and default values only to objects without a value", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: {
        users: {
          mappings: [
            { target: "title", source: "jobTitle", apply: "onCreate" },
            { target: "preferredLanguage", source: "preferredLanguage", default: "en-GB" },
          ],
        },
      },
    });
    await env.sync();
    let users = await env.scim.users();
    expect(users.find((u) => u.userName === "alice@contoso.test")?.title).toBe("Engineer");
    expect(users.find((u) => u.userName === "alice@contoso.test")?.preferredLanguage).toBe("en-US");
    expect(users.find((u) => u.userName === "carol@contoso.test")?.preferredLanguage).toBe("en-GB");
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { jobTitle: "Chief Engineer" });
    await admin.close();
    env.scim.clearRequestLog();
    await env.sync();
    expect(env.writes()).toEqual([]);
    users = await env.scim.users();
    expect(users.find((u) => u.userName === "alice@contoso.test")?.title).toBe("Engineer");
  });

  it("reads Entra's extensionAttribute1…15 from Graph's onPremisesExtensionAttributes, in full and delta reads", async () => {
    const tenant = smallTenant();
    const alice = tenant.users!.find((u) => u.id === ids.alice)!;
    Object.assign(alice, { onPremisesExtensionAttributes: { extensionAttribute1: "CC-42" } });
    env = await startEngineEnv({
      tenant,
      job: { users: { mappings: [{ target: "title", source: "extensionAttribute1" }] } },
    });
    const first = await env.sync();
    expect(first.cycle.state).toBe("Succeeded");
    const title = async () =>
      (await env.scim.users()).find((u) => u.userName === "alice@contoso.test")?.title;
    expect(await title()).toBe("CC-42");
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { onPremisesExtensionAttributes: { extensionAttribute1: "CC-7" } });
    await admin.close();
    env.scim.clearRequestLog();
    await env.sync();
    expect(env.writes()).toHaveLength(1);
    expect(await title()).toBe("CC-7");
  });

  it("sends no update for a change of case alone (the template's attributes are not caseExact)", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { displayName: "ALICE ADAMS", jobTitle: "engineer" });
    env.scim.clearRequestLog();
    await env.sync();
    expect(env.writes()).toEqual([]);
    await admin.updateUser(ids.alice, { displayName: "Alice B. Adams" });
    await admin.close();
    await env.sync();
    const patches = env.writes().map((w) => JSON.stringify(w.body));
    expect(patches).toHaveLength(1);
    expect(patches[0]).toContain("Alice B. Adams");
    expect(patches[0]).not.toContain("engineer");
  });

  it("never takes a failed Graph read for 'everyone left': nothing is disabled and the watermark stays", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    const before = env.runtime.store.getJobState("e2e").watermark;
    const broken = openRuntime(env.loaded, createLogger("silent", false), {
      ...env.env,
      TEST_GRAPH_SECRET: "wrong-secret-value",
    });
    env.scim.clearRequestLog();
    const failed = await runCycle(broken.depsFor(env.job), env.job);
    await broken.close();
    expect(failed.cycle.state).toBe("Failed");
    expect(failed.cycle.error).toMatch(/invalid_client|credential|401/i);
    expect(env.scim.requestLog.filter((r) => !isTestConnectionProbe(r))).toEqual([]);
    expect((await env.scim.users()).every((u) => u.active === true)).toBe(true);
    expect(env.runtime.store.getJobState("e2e").watermark).toEqual(before);
  });
});
