import { afterEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app/run-cycle.js";
import { generateTenant } from "../../src/emulators/graph/generate-tenant.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { stateConnection } from "../support/state-connection.js";

const capAtCurrentSize = (env: EngineEnv) => {
  const db = stateConnection(env);
  db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
};
const uncap = (env: EngineEnv) => stateConnection(env).pragma("max_page_count = 1073741823");

type Store = EngineEnv["deps"]["store"];

/** The cycle's deps with the state file capped at its size when `method` is first called (before or after it). */
function fillUpAt(env: EngineEnv, method: "recordBatch" | "commitCycle", when: "before" | "after") {
  const store = env.deps.store;
  let calls = 0;
  const filling = new Proxy(store, {
    get(target, property) {
      if (property === method)
        return (...args: never[]) => {
          const first = ++calls === 1;
          if (first && when === "before") capAtCurrentSize(env);
          (target[method] as (...a: never[]) => void)(...args);
          if (first && when === "after") capAtCurrentSize(env);
        };
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Store;
  return { ...env.deps, store: filling };
}

const userPosts = (env: EngineEnv) =>
  env.writes().filter((r) => r.method === "POST" && r.path.endsWith("/Users")).length;

/** The disk has room again: the next cycle, with the app's request log cleared first. */
function syncWithRoomAgain(env: EngineEnv) {
  uncap(env);
  env.scim.clearRequestLog();
  return runCycle(env.deps, env.job);
}

describe("a state store that cannot be written mid-cycle (disk full)", () => {
  const envs: EngineEnv[] = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.close();
  });
  // Batches of 20 creates write ~60 KB of log entries each: more than the free room left in the file's pages.
  const startEnv = async () => {
    const env = await startEngineEnv({ tenant: generateTenant({ users: 100, groups: 2, seed: 3 }) });
    envs.push(env);
    return env;
  };

  it("ends the cycle as failed with SQLite's reason, keeps the batches recorded, and the next cycle completes without duplicates", async () => {
    const env = await startEnv();
    const { store } = env.deps;

    const failed = await runCycle(fillUpAt(env, "recordBatch", "after"), env.job, { batchSize: 20 });

    expect(failed.cycle.state).toBe("Failed");
    expect(failed.cycle.error).toMatch(
      /^State store failed: database or disk is full \(SQLITE_FULL\); \d+ change\(s\) the app accepted in the last batch were not recorded/,
    );
    // What `status` reads: the failed cycle with its reason, not a cycle left running.
    expect(store.cycles("e2e", 1)[0]).toMatchObject({ state: "Failed", error: failed.cycle.error });
    const linkedBefore = store.countLinks("e2e", "user");
    expect(linkedBefore).toBeGreaterThan(0);
    const usersInApp = (await env.scim.users()).length;
    expect(linkedBefore).toBeLessThan(usersInApp);
    expect(store.getJobState("e2e").watermark).toBeNull();
    expect(store.getJobState("e2e").status.countSuccessiveCompleteFailures).toBe(1);

    const next = await syncWithRoomAgain(env);

    expect(next.cycle.state).toBe("Succeeded");
    const users = await env.scim.users();
    const names = users.map((u) => u.userName);
    expect(new Set(names).size).toBe(names.length);
    // Users the failed cycle created are matched, not created twice.
    expect(userPosts(env)).toBe(users.length - usersInApp);
    expect(store.countLinks("e2e", "user")).toBe(users.length);
    expect(store.getJobState("e2e").status.countSuccessiveCompleteFailures).toBe(0);
  });

  it("records the cycle as failed when its final commit (connector data store, watermark) does not fit", async () => {
    const env = await startEnv();
    const { store } = env.deps;

    const failed = await runCycle(fillUpAt(env, "commitCycle", "before"), env.job, { batchSize: 20 });

    expect(failed.cycle.state).toBe("Failed");
    expect(failed.cycle.error).toBe("State store failed: database or disk is full (SQLITE_FULL)");
    expect(store.cycles("e2e", 1)[0]).toMatchObject({ state: "Failed", error: failed.cycle.error });
    expect(store.getJobState("e2e").watermark).toBeNull();
    const usersInApp = (await env.scim.users()).length;
    expect(store.countLinks("e2e", "user")).toBe(usersInApp);

    const next = await syncWithRoomAgain(env);
    expect(next.cycle.state).toBe("Succeeded");
    expect(next.cycle.kind).toBe("initial");
    expect(userPosts(env)).toBe(0);
    expect(store.getJobState("e2e").watermark).not.toBeNull();
  });

  it("records the cycle as failed, sending nothing, when the read cannot spool the tenant", async () => {
    const env = await startEnv();
    // The full read spools users into SQLite's temp database: cap that one.
    stateConnection(env).pragma("temp.max_page_count = 1");

    const failed = await runCycle(env.deps, env.job);

    expect(failed.cycle.state).toBe("Failed");
    expect(failed.cycle.error).toBe("State store failed: database or disk is full (SQLITE_FULL)");
    expect(env.deps.store.cycles("e2e", 1)[0]).toMatchObject({ state: "Failed" });
    expect(env.writes()).toEqual([]);
  });
});
