import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, startCli } from "../../support/cli.js";
import { startEngineEnv } from "../../support/engine-env.js";
import { startFaultProxy } from "../../support/fault-proxy.js";
import { startScimmyTestServer } from "../../support/scim-servers/index.js";
import { SMALL_TENANT_USERNAMES, smallTenant } from "../../support/tenants.js";
import { duplicateUserNames } from "./app-snapshot.js";

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.reverse()) await resource.close();
  opened.length = 0;
});

/** Polls `condition` every 20 ms, failing after `limitMs` so a stuck child cannot hang the run. */
async function waitFor(condition: () => boolean, what: string, limitMs = 30_000) {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > limitMs) throw new Error(`Expected ${what} within ${limitMs} ms, got nothing`);
    await sleep(20);
  }
}

/**
 * A sync that is slow on purpose (300 ms per answer, one request at a time), so a signal lands while
 * creates are in flight.
 */
async function slowSyncSetup() {
  const scim = await startScimmyTestServer();
  const proxy = await startFaultProxy({ upstream: scim.url, latencyMs: 300 });
  const env = await startEngineEnv({
    tenant: smallTenant(),
    startServer: async () => scim,
    job: { target: { url: proxy.urlFor(scim.url), token: "file:scim-token", concurrency: 1 } },
  });
  opened.push(env, proxy);
  return { scim, proxy, env, args: ["sync", "-c", env.configPath] };
}

const waitForCreates = (proxy: Awaited<ReturnType<typeof startFaultProxy>>, count: number) =>
  waitFor(
    () => proxy.requests.filter((r) => r.method === "POST").length >= count,
    `create #${count} to reach the proxy`,
  );

describe("a sync process killed with SIGKILL in the middle of a cycle", () => {
  it("is followed by a clean sync that converges with no duplicate account and no lost link", async () => {
    const { scim, proxy, env, args } = await slowSyncSetup();
    const killed = startCli(args, env.env);
    await waitForCreates(proxy, 3);
    killed.child.kill("SIGKILL");
    expect((await killed.done).signal).toBe("SIGKILL");
    const orphans = (await scim.users()).length;
    expect(orphans).toBeGreaterThanOrEqual(2);
    // Accounts the app holds but state does not know yet: the kill landed between a create and its record.
    expect(env.runtime.store.links("e2e", "user").size).toBeLessThan(orphans);
    expect(env.runtime.store.cycles("e2e")[0]?.state).toBe("Running");

    proxy.set({ latencyMs: 0 });
    // The killed process still holds the job's lease; the next sync takes it over (its holder is dead) and
    // converges in one run: orphans answer 409 on create and are adopted by their matching attribute.
    const next = await runCli(args, env.env);
    expect(next.stderr).not.toContain("to be free");
    expect(next.code).toBe(0);
    expect((await runCli(["plan", "-c", env.configPath], env.env)).code).toBe(0);

    const users = await scim.users();
    const groups = await scim.groups();
    expect(await duplicateUserNames(scim)).toEqual([]);
    expect(users.map((u) => u.userName).sort()).toEqual([...SMALL_TENANT_USERNAMES].sort());
    const userLinks = [...env.runtime.store.links("e2e", "user").values()].map((l) => String(l.targetId));
    const groupLinks = [...env.runtime.store.links("e2e", "group").values()].map((l) => String(l.targetId));
    expect(userLinks.sort()).toEqual(users.map((u) => u.id).sort());
    expect(groupLinks.sort()).toEqual(groups.map((g) => g.id).sort());
  }, 120_000);
});

describe("a sync process stopped with SIGTERM in the middle of a cycle", () => {
  it("finishes what is in flight, records it, exits 0, and the next sync completes the rest", async () => {
    const { scim, proxy, env, args } = await slowSyncSetup();
    const stopped = startCli(args, env.env);
    await waitForCreates(proxy, 2);
    stopped.child.kill("SIGTERM");
    const result = await stopped.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/stopped before \d+ change\(s\) were attempted/);
    // Everything the app holds was recorded: a graceful stop leaves no orphan and no cycle "Running".
    const users = await scim.users();
    expect(users.length).toBeGreaterThan(0);
    expect(env.runtime.store.links("e2e", "user").size).toBe(users.length);
    expect(env.runtime.store.cycles("e2e")[0]?.state).toBe("EntryLevelErrors");
    expect(env.runtime.store.getJobState("e2e").watermark).toBeNull();

    proxy.set({ latencyMs: 0 });
    const next = await runCli(args, env.env);
    expect(next.code).toBe(0);
    expect((await scim.users()).length).toBe(6);
    expect(await duplicateUserNames(scim)).toEqual([]);
  }, 120_000);
});
