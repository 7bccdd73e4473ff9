import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { JobView } from "../../src/observability/status-server/job-view.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import type { CycleRecord, JobStatus } from "../../src/state/state-store.js";
import { type CliResult, runCli } from "../support/cli.js";
import { quarantineState } from "../support/quarantine-state.js";

const jobNames = ["healthy", "failing", "quarantined", "paused", "disabled"] as const;

const quarantine = quarantineState();

/** One finished cycle of a job, as `sync` records it. */
function record(store: SqliteStateStore, job: string, state: CycleRecord["state"], status: JobStatus) {
  const cycle: CycleRecord = {
    cycleId: `${job}-1`,
    job,
    kind: "initial",
    started: "2025-01-01T00:00:00.000Z",
    ended: "2025-01-01T00:01:00.000Z",
    state,
    counters: { imported: 3, inScope: 2, exports: 2, exported: state === "Failed" ? 0 : 2 },
    error: state === "Failed" ? "Unauthorized: the app rejected the token" : null,
  };
  store.startCycle(cycle);
  store.commitCycle({ cycle, mirror: null, jobState: { fingerprint: null, watermark: null, status } });
}

/** `status` reads the state file alone: a config naming the jobs, and the cycles they recorded. */
describe("the status command's exit codes and wording", () => {
  let dir: string;
  const runs = new Map<string, CliResult>();
  /** Each case's output, the CLI run once per case (child processes are slow on a shared machine). */
  const cases: Record<string, string[]> = {
    healthy: ["--job", "healthy"],
    healthyJson: ["--job", "healthy", "--json"],
    failing: ["--job", "failing"],
    quarantined: ["--job", "quarantined"],
    disabled: ["--job", "disabled"],
    paused: ["--job", "paused"],
    all: [],
  };
  const run = (name: keyof typeof cases) => runs.get(name)!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "entra-sync-status-"));
    const config = {
      source: {
        graph: { tenantId: "t", clientId: "c", clientSecret: "env:NONE", servicePrincipalId: "sp" },
      },
      jobs: jobNames.map((name) => ({
        name,
        app: "generic-scim",
        target: { url: "http://127.0.0.1:9/scim", token: "env:NONE" },
      })),
      state: { path: "state.db" },
    };
    writeFileSync(join(dir, "entra-sync.yaml"), stringify(config));
    const store = new SqliteStateStore(join(dir, "state.db"));
    record(store, "healthy", "Succeeded", {});
    record(store, "failing", "Failed", { countSuccessiveCompleteFailures: 1 });
    record(store, "quarantined", "Failed", { quarantine });
    record(store, "paused", "Succeeded", { paused: true });
    record(store, "disabled", "Failed", { quarantine: { ...quarantine, nextAttempt: null, disabled: true } });
    store.close();
    const configPath = join(dir, "entra-sync.yaml");
    await Promise.all(
      Object.entries(cases).map(async ([name, args]) => {
        runs.set(name, await runCli(["status", "-c", configPath, ...args], process.env));
      }),
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 for a healthy job and says it has not reached steady state yet, keeping Graph's zero time in JSON", () => {
    expect(run("healthy").code).toBe(0);
    expect(run("healthy").stdout).toContain("in sync since not yet");
    expect(run("healthy").stdout).not.toContain("0001-01-01");
    expect(run("healthyJson").code).toBe(0);
    const [view] = (JSON.parse(run("healthyJson").stdout) as { value: JobView[] }).value;
    expect(view?.status.steadyStateLastAchievedTime).toBe("0001-01-01T00:00:00Z");
  });

  it("exits 2 when a job's last cycle failed, and 3 when a job is quarantined", () => {
    expect(run("failing").code).toBe(2);
    expect(run("quarantined").code).toBe(3);
    expect(run("disabled").code).toBe(3);
  });

  it("exits with the worst job's code when it shows several: quarantine over a failed cycle", () => {
    expect(run("all").code).toBe(3);
  });

  it("shows no next cycle for a paused job, and a quarantined job's next attempt as the back-off's", () => {
    expect(run("paused").code).toBe(0);
    expect(run("paused").stdout).toContain("next cycle: none while paused");
    expect(run("quarantined").stdout).toContain(
      "next attempt: 2025-03-01T14:00:00.000Z (quarantine back-off, not the schedule)",
    );
    expect(run("disabled").stdout).toContain(
      "next cycle: none (the quarantine disabled the job: restart it)",
    );
  });
});
