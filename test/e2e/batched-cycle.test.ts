import { afterEach, describe, expect, it } from "vitest";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import { runCycle } from "../../src/app/run-cycle.js";
import type { SourceUser } from "../../src/domain/source.js";
import type { TargetConnector } from "../../src/domain/target.js";
import type { UserCollection } from "../../src/domain/user-collection.js";
import type { CycleCommit, StateStore } from "../../src/state/state-store.js";
import { SqliteUserSpool } from "../../src/state/user-spool.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import type { ScimJson, ScimTestServer } from "../support/scim-servers/index.js";
import { SMALL_TENANT_USERNAMES, smallTenant } from "../support/tenants.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The app's content by name (ids differ between apps): users with state and manager, groups with members. */
async function snapshot(scim: ScimTestServer) {
  const users = await scim.users();
  const nameOf = new Map(users.map((u) => [u.id as string, u.userName as string]));
  const managerOf = (u: ScimJson) => {
    const ext = u[ENTERPRISE] as { manager?: { value?: string } } | undefined;
    return ext?.manager?.value ? nameOf.get(ext.manager.value) : undefined;
  };
  return {
    users: users
      .map((u) => ({ userName: u.userName, active: u.active, manager: managerOf(u) }))
      .sort((a, b) => String(a.userName).localeCompare(String(b.userName))),
    groups: (await scim.groups())
      .map((g) => ({
        displayName: g.displayName,
        members: ((g.members ?? []) as { value: string }[]).map((m) => nameOf.get(m.value)).sort(),
      }))
      .sort((a, b) => String(a.displayName).localeCompare(String(b.displayName))),
  };
}

/** The target, with user creates held at a gate until released, and matching queries counted. */
function gatedTarget(target: TargetConnector) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const counts = { queries: 0, creates: 0 };
  const gated: TargetConnector = new Proxy(target, {
    get: (t, property) => {
      if (property === "query")
        return (...args: Parameters<TargetConnector["query"]>) => {
          counts.queries++;
          return t.query(...args);
        };
      if (property === "create")
        return async (...args: Parameters<TargetConnector["create"]>) => {
          counts.creates++;
          await gate;
          return t.create(...args);
        };
      const value: unknown = Reflect.get(t, property);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
  return { gated, counts, release };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe("a cycle planned and applied in batches", () => {
  const envs: EngineEnv[] = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.close();
  });

  it("leaves the app exactly as one batch does: users, managers across batches, group members", async () => {
    const whole = await startEngineEnv({ tenant: smallTenant() });
    const batched = await startEngineEnv({ tenant: smallTenant() });
    envs.push(whole, batched);
    const one = await whole.sync();
    const many = await runCycle(batched.deps, batched.job, { batchSize: 2 });
    expect(many.cycle.state).toBe("Succeeded");
    expect(many.cycle.counters).toEqual(one.cycle.counters);
    const expected = await snapshot(whole.scim);
    expect(expected.users.map((u) => u.userName)).toEqual(
      [...SMALL_TENANT_USERNAMES].sort((a, b) => a.localeCompare(b)),
    );
    expect(expected.users.some((u) => u.manager !== undefined)).toBe(true);
    expect(expected.groups.some((g) => g.members.length > 0)).toBe(true);
    expect(await snapshot(batched.scim)).toEqual(expected);
    // The next cycle finds nothing to do either way.
    batched.scim.clearRequestLog();
    await runCycle(batched.deps, batched.job, { batchSize: 2 });
    expect(batched.writes()).toEqual([]);
  });

  it("reads a full cycle's users into the state file's spool and commits them as the connector data store", async () => {
    const env = await startEngineEnv({ tenant: smallTenant() });
    envs.push(env);
    const spools: UserCollection[] = [];
    let read: SourceUser[] = [];
    const store: StateStore = new Proxy(env.deps.store, {
      get: (target, property) => {
        if (property === "userSpool")
          return (job: string) => {
            const spool = target.userSpool(job);
            spools.push(spool);
            return spool;
          };
        if (property === "commitCycle")
          return (commit: CycleCommit) => {
            read = [...(spools[0]?.values() ?? [])];
            target.commitCycle(commit);
          };
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const summary = await runCycle({ ...env.deps, store }, env.job, { batchSize: 2 });
    expect(summary.cycle.state).toBe("Succeeded");
    expect(spools).toHaveLength(1);
    expect(spools[0]).toBeInstanceOf(SqliteUserSpool);
    // The whole tenant as Graph has it (unassigned users too; scope comes later), in Graph's order.
    const tenantUsers = smallTenant().users ?? [];
    expect(tenantUsers.length).toBeGreaterThan(SMALL_TENANT_USERNAMES.length);
    expect(read.map((u) => u.id)).toEqual(tenantUsers.map((u) => u.id));
    const mirrored = env.runtime.store.mirrorUsers(
      "e2e",
      read.map((u) => u.id),
    );
    expect([...mirrored.values()]).toEqual(read.map((u) => ({ ...u, managerId: u.managerId ?? null })));
    // Committed, so the spool is gone rather than kept until the next cycle.
    expect(() => spools[0]?.size).toThrow("discarded");
  });

  it("plans one batch ahead while a batch is applied, and no further", async () => {
    const env = await startEngineEnv({ tenant: smallTenant() });
    envs.push(env);
    const { gated, counts, release } = gatedTarget(env.deps.target);
    const deps: CycleDeps = { ...env.deps, target: gated };
    const cycle = runCycle(deps, env.job, { batchSize: 2 });
    // The first batch's creates wait at the gate while the next batch is matched (two more queries)…
    await until(() => counts.creates === 2 && counts.queries >= 4);
    // …and nothing beyond it is: the planner waits for apply to ask for the following batch.
    await new Promise((r) => setTimeout(r, 500));
    expect(counts.queries).toBe(4);
    expect(counts.creates).toBe(2);
    release();
    const summary = await cycle;
    expect(summary.cycle.state).toBe("Succeeded");
    expect(counts.queries).toBe(SMALL_TENANT_USERNAMES.length + (await env.scim.groups()).length);
  });

  it("records each batch as it ends: a stop after the first batch keeps its links, and the next cycle adds only the rest", async () => {
    const env = await startEngineEnv({ tenant: smallTenant() });
    envs.push(env);
    const stop = new AbortController();
    const stopped = await runCycle(env.deps, env.job, {
      batchSize: 2,
      signal: stop.signal,
      onOutcome: (_outcome, done) => {
        if (done === 2) stop.abort();
      },
    });
    expect(stopped.cycle.state).toBe("EntryLevelErrors");
    expect(stopped.cycle.error).toMatch(/stopped before 2 change\(s\) were attempted/);
    expect(env.runtime.store.countLinks("e2e", "user")).toBe(2);
    expect(env.runtime.store.getJobState("e2e").watermark).toBeNull();
    expect(
      env.runtime.store.logs({ job: "e2e", cycleId: stopped.cycle.cycleId, action: "Create" }),
    ).toHaveLength(2);

    env.scim.clearRequestLog();
    const rest = await env.sync();
    expect(rest.cycle.state).toBe("Succeeded");
    const posts = env.writes().filter((w) => w.method === "POST" && w.path.startsWith("/Users"));
    expect(posts).toHaveLength(SMALL_TENANT_USERNAMES.length - 2);
    expect((await env.scim.users()).map((u) => u.userName).sort()).toEqual(
      [...SMALL_TENANT_USERNAMES].sort(),
    );
  });
});
