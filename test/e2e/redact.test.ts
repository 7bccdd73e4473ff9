import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

/** Alice's job title in the small tenant, and the one she gets later: neither may show outside the app. */
const TITLE = "Engineer";
const NEW_TITLE = "Principal Engineer";
/** Either title anywhere in a text ("Engineering" is a group's name, and may show). */
const ANY_TITLE = /Engineer(?!ing)/;

describe("Redact(): the app gets the value, the provisioning log and plan show [Redact]", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("keeps the value out of create and update log entries and out of `plan`, text and JSON", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: { users: { mappings: [{ target: "title", expression: "Redact([jobTitle])" }] } },
    });

    const planned = await runCli(["plan", "-c", env.configPath, "--json"], env.env);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('"title": "[Redact]"');
    expect(planned.stdout).not.toMatch(ANY_TITLE);
    const text = await runCli(["plan", "-c", env.configPath], env.env);
    expect(text.stdout).toContain("[Redact]");
    expect(text.stdout).not.toMatch(ANY_TITLE);

    await env.sync();
    const alice = (await env.scim.users()).find((u) => u.userName === "alice@contoso.test");
    expect(alice?.title).toBe(TITLE);
    const [created] = env.runtime.store.logs({ job: "e2e", object: "alice@contoso.test", action: "Create" });
    expect(created?.modifiedProperties.find((p) => p.displayName === "title")).toEqual({
      displayName: "title",
      oldValue: null,
      newValue: "[Redact]",
    });
    expect(JSON.stringify(created)).not.toMatch(ANY_TITLE);

    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { jobTitle: NEW_TITLE });
    await admin.close();
    await env.sync();
    expect((await env.scim.users()).find((u) => u.userName === "alice@contoso.test")?.title).toBe(NEW_TITLE);
    const [updated] = env.runtime.store.logs({ job: "e2e", object: "alice@contoso.test", action: "Update" });
    expect(updated?.modifiedProperties).toEqual([
      { displayName: "title", oldValue: "[Redact]", newValue: "[Redact]" },
    ]);
    const logs = await runCli(["logs", "-c", env.configPath, "--json"], env.env);
    expect(logs.stdout).toContain("[Redact]");
    expect(logs.stdout).not.toMatch(ANY_TITLE);
  });
});
