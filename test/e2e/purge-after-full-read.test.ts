import { afterEach, describe, expect, it } from "vitest";
import { sourceId } from "../../src/domain/ids.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { ids, smallTenant } from "../support/tenants.js";

describe("a user purged from the recycle bin after a full read left it out", () => {
  let env: EngineEnv;
  let admin: GraphAdmin;
  afterEach(async () => {
    await admin.close();
    await env.close();
  });

  it("is deleted from the app, although the connector data store no longer holds it", async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    const store = env.runtime.store;
    await env.sync();
    const alice = (await env.scim.users()).find((u) => u.userName === "alice@contoso.test")!;

    await admin.softDeleteUser(ids.alice);
    await admin.softDeleteUser(ids.frank);
    await env.sync();
    expect((await env.scim.users()).find((u) => u.id === alice.id)?.active).toBe(false);
    // A restart (or a mapping change, or an expired delta token) reads everything again: Graph's full read
    // does not list users in the recycle bin.
    store.reset("e2e", ["watermark"]);
    expect((await env.sync()).cycle.kind).toBe("initial");

    await admin.purgeUser(ids.alice);
    await admin.purgeUser(ids.frank);
    env.scim.clearRequestLog();
    const purged = await env.sync();

    expect(purged.cycle.kind).toBe("incremental");
    expect(env.writes().map((w) => `${w.method} ${w.path}`)).toEqual([`DELETE /Users/${alice.id}`]);
    expect((await env.scim.users()).some((u) => u.id === alice.id)).toBe(false);
    const entries = store.logs({ job: "e2e", cycleId: purged.cycle.cycleId });
    // Frank, never assigned, leaves no trace; the groups Alice was in are evaluated again (no change).
    const users = entries.filter((e) => e.objectType === "user");
    expect(users.map((e) => `${e.action} ${e.status} ${e.sourceDisplayName}`)).toEqual([
      "Delete Success alice@contoso.test",
    ]);
    expect(store.link("e2e", "user", sourceId(ids.alice))).toBeUndefined();
  });
});
