import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineEnv, startEngineEnv } from "../../support/engine-env.js";
import { startBetterAuthScim } from "../../support/scim-servers/index.js";
import { describeGalleryTemplate } from "./gallery-scenario.js";
import { galleryTenant, people } from "./gallery-tenant.js";

const MANAGER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";

describeGalleryTemplate({
  app: "generic-scim",
  provisioned: ["alice", "bob", "carol", "dave", "gina"],
  groups: { engineering: ["alice", "carol"], sales: ["bob", "dave"] },
  change: {
    person: "alice",
    graph: { jobTitle: "Principal Engineer" },
    path: "title",
    value: "Principal Engineer",
  },
  // better-auth refuses Entra's legacy manager op (see the limitation below): that combination runs without it.
  job: (server, dialect) =>
    server === "better-auth" && dialect === "legacy"
      ? { users: { mappings: [{ target: MANAGER, remove: true }] } }
      : undefined,
});

describe("the generic-scim template's manager mapping against better-auth in the legacy dialect", () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = await startEngineEnv({
      tenant: galleryTenant(),
      startServer: startBetterAuthScim,
      job: { app: "generic-scim" },
    });
  });
  afterAll(async () => {
    await env.close();
  });

  it("is a known limit: better-auth answers 400 to the legacy {op: Add, path: manager, value: [{$ref, value}]}", async () => {
    const summary = await env.sync();
    const managerOps = env
      .writes()
      .filter((r) => JSON.stringify(r.body).includes('"path":"manager"'))
      .map((r) => ({ status: r.status, operations: (r.body as { Operations: unknown }).Operations }));
    expect(managerOps).toEqual([
      {
        status: 400,
        operations: [{ op: "Add", path: "manager", value: [{ $ref: null, value: expect.any(String) }] }],
      },
    ]);
    const failed = env.runtime.store.logs({
      job: "e2e",
      cycleId: summary.cycle.cycleId,
      object: people.alice.userName,
      status: "Failure",
    });
    expect(failed.map((e) => e.errorCode)).toEqual(["BadRequest"]);
    const alice = (await env.scim.users()).find((u) => u.userName === people.alice.userName);
    expect(alice?.["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).not.toHaveProperty(
      "manager",
    );
  });
});
