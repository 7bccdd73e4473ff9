import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { CycleDeps } from "../../src/app/cycle-deps.js";
import type { JobDefinition } from "../../src/config/job-definition.js";
import { loadConfigOrThrow } from "../../src/config/load-config.js";
import { SourceReadError } from "../../src/domain/errors.js";
import type { SourceConnector } from "../../src/domain/source.js";
import type { TargetConnector } from "../../src/domain/target.js";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { JobRunner } from "../../src/scheduler/job-runner.js";
import { JobLock } from "../../src/state/job-lock.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";

/** A Graph that fails every read once `fail` is called: each cycle ends as a recorded Failed cycle. */
function failingSource(): { source: SourceConnector; fail: () => void } {
  let fail: () => void = () => {};
  const down = new Promise<never>((_, reject) => {
    fail = () => reject(new SourceReadError("Graph is unreachable"));
  });
  down.catch(() => {});
  const read = () => down;
  return {
    source: { readAll: read, readChanges: read, readAssignments: read, readUser: read, isDirectMember: read },
    fail,
  };
}

describe("JobRunner", () => {
  let dir: string;
  let store: SqliteStateStore;
  let lock: JobLock;
  let job: JobDefinition;
  let graph: ReturnType<typeof failingSource>;
  let runner: JobRunner;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "entra-sync-runner-"));
    const config = {
      source: {
        graph: { tenantId: "t", clientId: "c", clientSecret: "env:NONE", servicePrincipalId: "sp" },
      },
      jobs: [
        { name: "hr", app: "generic-scim", target: { url: "http://127.0.0.1:9/scim", token: "env:NONE" } },
      ],
      state: { path: "state.db" },
    };
    writeFileSync(join(dir, "config.yaml"), stringify(config));
    job = loadConfigOrThrow(join(dir, "config.yaml")).jobs[0]!;
    store = new SqliteStateStore(join(dir, "state.db"));
    lock = new JobLock(join(dir, "state.db"));
    graph = failingSource();
    const deps: CycleDeps = {
      source: graph.source,
      target: {} as TargetConnector,
      store,
      servicePrincipalId: "sp",
      logger: createLogger("silent", false),
      clock: () => new Date(),
      random: Math.random,
      newId: () => crypto.randomUUID(),
      notify: async () => {},
    };
    const metrics = createMetrics({ escrows: () => new Map(), quarantinedJobs: () => 0 });
    runner = new JobRunner({ job, deps, lock, owner: "me", leaseMs: 60_000, metrics });
  });
  afterEach(() => {
    lock.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("never starts a second cycle of a job while one runs, and records a cycle that failed", async () => {
    const first = runner.start("schedule");
    expect(first.kind).toBe("started");
    expect(runner.start("manual")).toEqual({ kind: "busy" });
    graph.fail();
    const cycle = first.kind === "started" ? await first.done : null;
    expect(cycle).toMatchObject({ job: "hr", state: "Failed" });
    expect(store.cycles("hr").map((c) => c.state)).toEqual(["Failed"]);
    expect(runner.running).toBeNull();
  });

  it("does not run a job another daemon holds", () => {
    lock.acquire("hr", "the-other-daemon", 60_000);
    expect(runner.start("manual")).toEqual({ kind: "locked", owner: "the-other-daemon" });
    expect(runner.holdsLock).toBe(false);
  });

  it("runs no cycle while the job is paused", () => {
    store.saveJobState("hr", { fingerprint: null, watermark: null, status: { paused: true } });
    expect(runner.start("schedule")).toEqual({ kind: "paused" });
    expect(runner.start("manual")).toEqual({ kind: "paused" });
  });

  it("waits out a quarantine on scheduled ticks but lets an operator run the job by hand", async () => {
    const nextAttempt = new Date(Date.now() + 6 * 3_600_000).toISOString();
    const quarantine = {
      reason: "EncounteredQuarantineException" as const,
      error: { code: "Unauthorized", message: "token rejected" },
      seriesBegan: new Date().toISOString(),
      currentBegan: new Date().toISOString(),
      nextAttempt,
      seriesCount: 0,
      disabled: false,
    };
    store.saveJobState("hr", { fingerprint: null, watermark: null, status: { quarantine } });
    expect(runner.start("schedule")).toEqual({ kind: "quarantined", until: nextAttempt });
    store.saveJobState("hr", {
      fingerprint: null,
      watermark: null,
      status: { quarantine: { ...quarantine, disabled: true, nextAttempt: null } },
    });
    expect(runner.start("schedule")).toEqual({ kind: "quarantined", until: null });
    const manual = runner.start("manual");
    expect(manual.kind).toBe("started");
    graph.fail();
    if (manual.kind === "started") await manual.done;
  });
});
