import { describe, expect, it } from "vitest";
import { type JobViewInput, jobView } from "../../src/observability/status-server/job-view.js";
import { unreadyReason } from "../../src/scheduler/readiness.js";
import type { CycleRecord, JobStatus } from "../../src/state/state-store.js";
import { quarantineState } from "../support/quarantine-state.js";

const NOW = new Date("2025-01-02T00:00:00.000Z");
const MINUTE = 60_000;
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * MINUTE).toISOString();

const cycle = (minutesAgo: number, state: CycleRecord["state"], exports = 0): CycleRecord => ({
  cycleId: `c-${minutesAgo}`,
  job: "hr",
  kind: "incremental",
  started: at(minutesAgo),
  ended: state === "Running" ? null : at(minutesAgo - 1),
  state,
  counters: { imported: 10, inScope: 8, exports, exported: exports, escrowed: 0 },
  error: state === "Failed" ? "Unauthorized: the app rejected the token" : null,
});

const withStatus = (status: JobStatus): Pick<JobViewInput, "state"> => ({
  state: { fingerprint: null, watermark: null, status },
});

const input = (cycles: CycleRecord[], extra: Partial<JobViewInput> = {}): JobViewInput => ({
  job: {
    name: "hr",
    config: { app: "generic-scim", schedule: { interval: "PT40M" }, deletionThreshold: 500 },
  },
  state: { fingerprint: null, watermark: null, status: {} },
  cycles,
  counts: { users: 5, groups: 1 },
  escrows: [],
  live: null,
  now: NOW,
  ...extra,
});

describe("jobView", () => {
  it("shows Entra's last and last successful executions, and when the job last had nothing to do", () => {
    const view = jobView(
      input([cycle(10, "Failed"), cycle(50, "Succeeded", 0), cycle(90, "Succeeded", 3)], {
        ...withStatus({ countSuccessiveCompleteFailures: 1 }),
      }),
    );
    expect(view.status.code).toBe("Active");
    expect(view.status.lastExecution).toMatchObject({
      activityIdentifier: "c-10",
      state: "Failed",
      error: { message: "Unauthorized: the app rejected the token" },
    });
    expect(view.status.lastSuccessfulExecution).toMatchObject({
      activityIdentifier: "c-50",
      countEntitledForProvisioning: 8,
    });
    expect(view.status.steadyStateLastAchievedTime).toBe(at(49));
    expect(view.status.countSuccessiveCompleteFailures).toBe(1);
    expect(view.daemon).toBeNull();
  });

  it("reports the job's persisted quarantine, and Paused over everything", () => {
    const quarantine = quarantineState({
      seriesBegan: at(90),
      currentBegan: at(10),
      nextAttempt: at(-300),
      seriesCount: 2,
    });
    const failing = [cycle(10, "Failed"), cycle(50, "Failed"), cycle(90, "Failed")];
    const quarantined = jobView(input(failing, withStatus({ quarantine })));
    expect(quarantined.status.code).toBe("Quarantine");
    expect(quarantined.status.quarantine).toEqual({
      ...quarantine,
      error: { ...quarantine.error, tenantActionable: true },
    });
    const paused = jobView(input(failing, withStatus({ quarantine, paused: true })));
    expect(paused.status.code).toBe("Paused");
    expect(paused.schedule.state).toBe("Paused");
  });

  it("shows a running first cycle as NotRun with progress, and the daemon's next cycle", () => {
    const view = jobView(
      input([cycle(1, "Running")], {
        live: { running: { started: at(1) }, nextCycle: null, lockHeld: true },
      }),
    );
    expect(view.status.code).toBe("NotRun");
    expect(view.status.progress).toEqual([
      { completedUnits: 0, totalUnits: 1, units: "cycles", progressObservationDateTime: NOW.toISOString() },
    ]);
    expect(view.daemon).toEqual({ running: true, nextCycle: null, nextCycleBasis: null, lockHeld: true });
    expect(unreadyReason(view, 40 * MINUTE, NOW)).toBeNull();
  });
});

describe("jobView: Graph's keys", () => {
  const counted = (minutesAgo: number, state: CycleRecord["state"], exported: number): CycleRecord => ({
    ...cycle(minutesAgo, state, exported),
    counters: {
      imported: 12,
      entitled: 9,
      inScope: 7,
      exports: exported,
      exported,
      escrowed: 1,
      escrowedRaw: 4,
      importedReferenceDeltas: 3,
    },
  });

  it("carries every synchronizationTaskExecution count, deltas only for an incremental cycle", () => {
    const initial: CycleRecord = { ...counted(10, "EntryLevelErrors", 2), kind: "initial" };
    const view = jobView(input([counted(5, "EntryLevelErrors", 2), initial]));
    expect(view.status.lastExecution).toMatchObject({
      countImported: 12,
      countImportedDeltas: 12,
      countImportedReferenceDeltas: 3,
      countEntitled: 9,
      countEntitledForProvisioning: 7,
      countEscrowed: 1,
      countEscrowedRaw: 4,
    });
    const first = jobView(input([initial]));
    expect(first.status.lastExecution).toMatchObject({ countImported: 12, countImportedDeltas: 0 });
  });

  it("finds the last successful cycle with exports, the steady-state times and the job settings", () => {
    const cycles = [
      cycle(10, "Succeeded", 0),
      cycle(20, "EntryLevelErrors", 4),
      cycle(30, "Succeeded", 2),
      cycle(40, "Succeeded", 0),
      cycle(50, "Succeeded", 0),
    ];
    const view = jobView(input(cycles));
    expect(view.status.lastSuccessfulExecution?.activityIdentifier).toBe("c-10");
    expect(view.status.lastSuccessfulExecutionWithExports?.activityIdentifier).toBe("c-30");
    expect(view.status.steadyStateFirstAchievedTime).toBe(at(49));
    expect(view.status.steadyStateLastAchievedTime).toBe(at(9));
    expect(view.status.troubleshootingUrl).toBe("");
    expect(view.synchronizationJobSettings).toEqual([
      { name: "QuarantineTooManyDeletesThreshold", value: "500" },
    ]);
    // The job status remembers a steady state older than any cycle record kept.
    const remembered = jobView(input(cycles, withStatus({ steadyStateFirstAchieved: at(60 * 24 * 40) })));
    expect(remembered.status.steadyStateFirstAchievedTime).toBe(at(60 * 24 * 40));
  });

  it("keeps Graph's zero time while no cycle reached steady state", () => {
    const view = jobView(input([cycle(10, "Succeeded", 3)]));
    expect(view.status.steadyStateFirstAchievedTime).toBe("0001-01-01T00:00:00Z");
    expect(view.status.steadyStateLastAchievedTime).toBe("0001-01-01T00:00:00Z");
    expect(view.status.lastSuccessfulExecutionWithExports?.activityIdentifier).toBe("c-10");
  });
});

describe("jobView: the daemon's next cycle", () => {
  const scheduled = new Date(NOW.getTime() + 40 * MINUTE);
  const live = { running: null, nextCycle: scheduled, lockHeld: true };
  const quarantine = quarantineState({
    error: null,
    seriesBegan: at(60),
    currentBegan: at(60),
    nextAttempt: at(-300),
  });

  it("follows the schedule while the job is active", () => {
    expect(jobView(input([], { live })).daemon).toMatchObject({
      nextCycle: scheduled.toISOString(),
      nextCycleBasis: "schedule",
    });
  });

  it("shows none while paused, quarantined or not", () => {
    for (const status of [{ paused: true }, { paused: true, quarantine }]) {
      expect(jobView(input([], { live, ...withStatus(status) })).daemon).toMatchObject({
        nextCycle: null,
        nextCycleBasis: null,
      });
    }
  });

  it("shows the quarantine back-off's next attempt instead of the schedule, and none once disabled", () => {
    expect(jobView(input([], { live, ...withStatus({ quarantine }) })).daemon).toMatchObject({
      nextCycle: at(-300),
      nextCycleBasis: "quarantineBackOff",
    });
    // An attempt already due runs at the next scheduled tick.
    const due = { ...quarantine, nextAttempt: at(5) };
    expect(jobView(input([], { live, ...withStatus({ quarantine: due }) })).daemon?.nextCycle).toBe(
      scheduled.toISOString(),
    );
    const disabled = { ...quarantine, nextAttempt: null, disabled: true };
    expect(jobView(input([], { live, ...withStatus({ quarantine: disabled }) })).daemon).toMatchObject({
      nextCycle: null,
      nextCycleBasis: null,
    });
  });
});

describe("unreadyReason", () => {
  const period = 40 * MINUTE;

  it("is ready while the last completed cycle is within two intervals, even with escrowed objects", () => {
    expect(unreadyReason(jobView(input([cycle(79, "EntryLevelErrors")])), period, NOW)).toBeNull();
    expect(unreadyReason(jobView(input([cycle(100, "Succeeded")])), period, NOW)).toMatch(
      /^job "hr" last completed a cycle at .*, more than 2 intervals ago$/,
    );
  });

  it("is not ready when the job never completed a cycle, unless it is paused", () => {
    expect(unreadyReason(jobView(input([cycle(5, "Failed")])), period, NOW)).toBe(
      'job "hr" has not completed a cycle yet',
    );
    const paused = input([], withStatus({ paused: true }));
    expect(unreadyReason(jobView(paused), period, NOW)).toBeNull();
  });

  it("lists escrowed objects with their attempts, last error and next attempt", () => {
    const escrow = {
      type: "user" as const,
      sourceId: "u1" as never,
      displayName: "alice@contoso.test",
      attempts: 3,
      firstFailed: at(90),
      lastFailed: at(10),
      nextAttempt: at(-30),
      errorCode: "EntryConflict",
      errorMessage: "POST /Users answered 409",
      referenceFailure: false,
    };
    const view = jobView(input([], { escrows: [escrow] }));
    expect(view.status.escrows).toEqual([
      {
        objectType: "user",
        sourceId: "u1",
        displayName: "alice@contoso.test",
        attempts: 3,
        errorCode: "EntryConflict",
        errorMessage: "POST /Users answered 409",
        firstFailed: at(90),
        nextAttempt: at(-30),
      },
    ]);
  });
});
