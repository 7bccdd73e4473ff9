import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app/run-cycle.js";
import { openRuntime } from "../../src/app/runtime.js";
import { generateTenant } from "../../src/emulators/graph/generate-tenant.js";
import { createLogger } from "../../src/observability/logger.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { stateConnection } from "../support/state-connection.js";
import { smallTenant } from "../support/tenants.js";
import { isTestConnectionProbe } from "../support/test-connection-probe.js";

/** A webhook receiver on loopback that keeps every JSON body it is sent. */
async function webhookReceiver() {
  const bodies: unknown[] = [];
  const headers: IncomingMessage["headers"][] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      headers.push(req.headers);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, bodies, headers, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("quarantine of a job whose app rejects its credentials", () => {
  let env: EngineEnv;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    delete process.env.HOOK_AUTH;
    await env.close();
    await hook.close();
  });

  it("quarantines at once with EncounteredQuarantineException, notifies once, and lifts it after a good cycle", async () => {
    hook = await webhookReceiver();
    process.env.HOOK_AUTH = "Bearer hook-secret";
    env = await startEngineEnv({
      tenant: smallTenant(),
      job: { notifications: { webhooks: [{ url: hook.url, authorization: "env:HOOK_AUTH" }] } },
    });
    // The harness reads the token from a file: break it, then mend it.
    writeFileSync(join(env.dir, "scim-token"), "wrong-token");
    const broken = openRuntime(env.loaded, createLogger("silent", false), env.env);
    const deps = broken.depsFor(env.job);

    const first = await runCycle(deps, env.job);
    expect(first.cycle.state).toBe("Failed");
    expect(first.quarantine?.reason).toBe("EncounteredQuarantineException");
    expect(first.quarantine?.error?.code).toBe("Unauthorized");
    expect(first.quarantine?.nextAttempt).toBeDefined();
    const second = await runCycle(deps, env.job);
    expect(second.quarantine?.seriesBegan).toBe(first.quarantine?.seriesBegan);
    expect(hook.bodies).toHaveLength(1);
    expect(JSON.stringify(hook.bodies[0])).toContain("EncounteredQuarantineException");
    expect(hook.headers[0]?.authorization).toBe("Bearer hook-secret");
    expect(env.runtime.store.getJobState("e2e").status.quarantine?.reason).toBe(
      "EncounteredQuarantineException",
    );
    await broken.close();

    writeFileSync(join(env.dir, "scim-token"), env.scim.token);
    const healed = await runCycle(env.deps, env.job);
    expect(healed.cycle.state).toBe("Succeeded");
    expect(healed.quarantine).toBeNull();
    expect(env.runtime.store.getJobState("e2e").status.quarantine).toBeNull();
  });

  it("finds a token revoked while nothing changes: each cycle starts with Entra's Test Connection query", async () => {
    hook = await webhookReceiver();
    env = await startEngineEnv({ tenant: smallTenant() });
    await env.sync();
    writeFileSync(join(env.dir, "scim-token"), "revoked-token");
    const broken = openRuntime(env.loaded, createLogger("silent", false), env.env);
    env.scim.clearRequestLog();

    const idle = await runCycle(broken.depsFor(env.job), env.job);
    await broken.close();

    expect(idle.cycle.state).toBe("Failed");
    expect(idle.quarantine?.reason).toBe("EncounteredQuarantineException");
    expect(idle.quarantine?.error?.code).toBe("Unauthorized");
    // The one request: a query for a random userName, as Entra's Test Connection sends.
    expect(env.scim.requestLog).toHaveLength(1);
    expect(env.scim.requestLog.every(isTestConnectionProbe)).toBe(true);
  });

  it("keeps a quarantine in effect through a cycle that failed for another reason (here the state store)", async () => {
    hook = await webhookReceiver();
    // Enough users that the read's spool needs more of SQLite's temp database than the cap below allows.
    env = await startEngineEnv({ tenant: generateTenant({ users: 100, groups: 2, seed: 3 }) });
    writeFileSync(join(env.dir, "scim-token"), "revoked-token");
    const broken = openRuntime(env.loaded, createLogger("silent", false), env.env);
    const quarantined = await runCycle(broken.depsFor(env.job), env.job);
    await broken.close();
    expect(quarantined.quarantine?.reason).toBe("EncounteredQuarantineException");

    // The token is mended, but the read cannot spool the tenant: that cycle proves nothing about the app.
    writeFileSync(join(env.dir, "scim-token"), env.scim.token);
    stateConnection(env).pragma("temp.max_page_count = 1");
    const failed = await runCycle(env.deps, env.job);

    expect(failed.cycle.state).toBe("Failed");
    expect(failed.quarantine).toMatchObject({
      reason: "EncounteredQuarantineException",
      seriesBegan: quarantined.quarantine?.seriesBegan,
      seriesCount: 1,
    });
    expect(env.runtime.store.getJobState("e2e").status.quarantine?.reason).toBe(
      "EncounteredQuarantineException",
    );
  });
});
