import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceId } from "../../src/domain/ids.js";
import { createLogger } from "../../src/observability/logger.js";
import { type JobView, readJobView } from "../../src/observability/status-server/job-view.js";
import { type StatusServer, startStatusServer } from "../../src/observability/status-server/server.js";
import { Daemon } from "../../src/scheduler/daemon.js";
import { JobLock } from "../../src/state/job-lock.js";
import type { CycleRecord } from "../../src/state/state-store.js";
import { runCli } from "../support/cli.js";
import { type EngineEnv, startEngineEnv } from "../support/engine-env.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { GraphAdmin } from "../support/graph-admin.js";
import { startScimmyTestServer } from "../support/scim-servers/index.js";
import { ids, smallTenant } from "../support/tenants.js";

/**
 * Graph's synchronizationJob keys the engine computes, over three real cycles of the small tenant: the
 * initial one, one with nothing to do, and an incremental one reading a manager and a member change.
 */
describe("the job object's Graph keys, from real cycles", () => {
  let env: EngineEnv;
  const cycles: CycleRecord[] = [];
  const views: JobView[] = [];

  beforeAll(async () => {
    env = await startEngineEnv({ tenant: smallTenant() });
    const view = () => readJobView(env.job, env.runtime.store, null);
    cycles.push((await env.sync()).cycle);
    views.push(view());
    cycles.push((await env.sync()).cycle);
    views.push(view());
    // An escrow an earlier cycle left, not due yet: outstanding, but not this cycle's.
    env.runtime.store.recordBatch("e2e", {
      links: [],
      removedLinks: [],
      managers: [],
      escrows: [
        {
          type: "user",
          sourceId: ids.frank as SourceId,
          displayName: "frank@contoso.test",
          attempts: 4,
          firstFailed: "2025-01-01T00:00:00.000Z",
          lastFailed: "2025-01-01T00:00:00.000Z",
          nextAttempt: "2999-01-01T00:00:00.000Z",
          errorCode: "EntryConflict",
          errorMessage: "POST /Users answered 409",
          referenceFailure: false,
        },
      ],
      clearedEscrows: [],
      logEntries: [],
    });
    const admin = new GraphAdmin(env.graph, smallTenant().application.clientSecret);
    await admin.setManager(ids.carol, ids.alice);
    await admin.addMember(ids.sales, ids.dave);
    cycles.push((await env.sync()).cycle);
    views.push(view());
  }, 60_000);
  afterAll(async () => env.close());

  it("counts the initial cycle's entitled users apart from those in scope for provisioning, and no deltas", () => {
    expect(cycles[0]?.kind).toBe("initial");
    // Seven users are assigned; Erin is disabled, so six are provisioned (Frank is not assigned).
    expect(views[0]?.status.lastExecution).toMatchObject({
      countImported: 11,
      countImportedDeltas: 0,
      countImportedReferenceDeltas: 0,
      countEntitled: 7,
      countEntitledForProvisioning: 6,
      countEscrowed: 0,
      countEscrowedRaw: 0,
    });
    expect(views[0]?.status.lastSuccessfulExecutionWithExports?.activityIdentifier).toBe(cycles[0]?.cycleId);
    expect(views[0]?.status.steadyStateFirstAchievedTime).toBe("0001-01-01T00:00:00Z");
  });

  it("first reaches steady state with the cycle that has nothing to export, and keeps that time", () => {
    const [, steady, third] = cycles;
    expect(steady?.counters.exports).toBe(0);
    expect(views[1]?.status.steadyStateFirstAchievedTime).toBe(steady?.ended);
    expect(views[1]?.status.lastSuccessfulExecutionWithExports?.activityIdentifier).toBe(cycles[0]?.cycleId);
    expect(env.runtime.store.getJobState("e2e").status.steadyStateFirstAchieved).toBe(steady?.ended);
    expect(third?.counters.exports).toBeGreaterThan(0);
    expect(views[2]?.status.steadyStateFirstAchievedTime).toBe(steady?.ended);
  });

  it("counts an incremental cycle's deltas, its reference deltas, and the escrows outstanding", () => {
    expect(cycles[2]?.kind).toBe("incremental");
    const last = views[2]?.status.lastExecution;
    expect(last?.countImported).toBeGreaterThanOrEqual(2);
    expect(last?.countImportedDeltas).toBe(last?.countImported);
    // Carol's new manager and Dave's membership of Sales.
    expect(last?.countImportedReferenceDeltas).toBe(2);
    expect(last?.countEscrowed).toBe(0);
    expect(last?.countEscrowedRaw).toBe(1);
  });

  it("shows the same keys in `status --json` and in the status API", async () => {
    const lock = new JobLock(join(env.dir, "state.db"));
    const logger = createLogger("silent", false);
    const daemon = new Daemon({ jobs: env.loaded.jobs, runtime: env.runtime, lock, logger });
    let server: StatusServer | undefined;
    try {
      server = await startStatusServer({ control: daemon, port: 0, logger });
      const api = (await (await fetch(`${server.url}/api/jobs/e2e`)).json()) as JobView;
      const cli = await runCli(["status", "-c", env.configPath, "--json"], env.env);
      const [printed] = (JSON.parse(cli.stdout) as { value: JobView[] }).value;
      expect(printed).toMatchObject({
        synchronizationJobSettings: [{ name: "QuarantineTooManyDeletesThreshold", value: "500" }],
        status: { troubleshootingUrl: "", lastExecution: { countImportedReferenceDeltas: 2 } },
      });
      expect({ ...api, daemon: null }).toEqual(printed);
    } finally {
      await server?.close();
      lock.close();
    }
  });
});

describe("countEscrowedRaw across the cycles that escrow and then clear an object", () => {
  it("counts the escrow the cycle wrote, then none once the retry succeeded", async () => {
    const scim = await startScimmyTestServer();
    // The app refuses Quinn's first create (before it reaches the app); the retry next cycle goes through.
    const proxy = await startFaultProxy({
      upstream: scim.url,
      rate: 1,
      kinds: ["serverError"],
      afterUpstreamShare: 0,
      maxFaults: 1,
      only: (r) => r.method === "POST" && r.path.endsWith("/Users") && r.body.includes("quinn"),
    });
    const env = await startEngineEnv({
      tenant: smallTenant(),
      startServer: async () => scim,
      job: { target: { url: proxy.urlFor(scim.url), token: "file:scim-token" } },
    });
    try {
      const view = () => readJobView(env.job, env.runtime.store, null).status.lastExecution;
      await env.sync();
      expect(view()).toMatchObject({ countEscrowed: 1, countEscrowedRaw: 1 });
      await env.sync();
      expect(view()).toMatchObject({ countEscrowed: 0, countEscrowedRaw: 0 });
      expect(env.runtime.store.escrows("e2e")).toEqual([]);
    } finally {
      await env.close();
      await proxy.close();
    }
  });
});
