import { afterEach, describe, expect, it } from "vitest";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { startScimmyTestServer } from "../support/scim-servers/index.js";
import { ids, SMALL_TENANT_USERNAMES, smallTenant } from "../support/tenants.js";

/** A two-letter bearer token that every JSON `true` contains, as an admin may type for a local test app. */
const SHORT_TOKEN = "ue";

describe("a SCIM app whose bearer token is short enough to occur inside its JSON answers", () => {
  let env: EngineEnv;
  afterEach(async () => env.close());

  it("creates every user and updates one next cycle: the token is masked in errors, not in parsed bodies", async () => {
    env = await startEngineEnv({
      tenant: smallTenant(),
      startServer: () => startScimmyTestServer(SHORT_TOKEN),
    });

    const first = await env.sync();
    expect(first.tally.failures).toEqual([]);
    expect(first.cycle.state).toBe("Succeeded");
    const users = await env.scim.users();
    expect(users.map((u) => u.userName).sort()).toEqual([...SMALL_TENANT_USERNAMES].sort());
    // The app's answers really hold the token: "active": true.
    expect(JSON.stringify(users)).toContain(SHORT_TOKEN);

    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.updateUser(ids.alice, { jobTitle: "Principal Engineer" });
    await admin.close();
    const second = await env.sync();
    expect(second.tally.failures).toEqual([]);
    expect((await env.scim.users()).find((u) => u.userName === "alice@contoso.test")?.title).toBe(
      "Principal Engineer",
    );
  });
});
