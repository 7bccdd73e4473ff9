import type { JobDefinition } from "../../config/job-definition.js";
import type { JobConfig } from "../../config/schema.js";
import type { QuarantineState } from "../../reliability/quarantine.js";
import type { CycleRecord, EscrowRecord, JobState, StateStore } from "../../state/state-store.js";

/** Escrowed objects listed per job; the count is in the last execution's countEscrowed. */
const ESCROWS_SHOWN = 50;

/** Entra's `synchronizationTaskExecution`, for one finished cycle. */
export interface TaskExecution {
  readonly activityIdentifier: string;
  readonly countEntitled: number;
  readonly countExported: number;
  readonly countExports: number;
  readonly countImported: number;
  readonly countEscrowed: number;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly state: "Succeeded" | "Failed" | "EntryLevelErrors";
  readonly timeBegan: string;
  readonly timeEnded: string;
}

/**
 * Entra's `synchronizationProgress`. Entra counts pages; a cycle here reports itself as one unit until the
 * pipeline reports progress within a cycle.
 */
export interface Progress {
  readonly completedUnits: number;
  readonly totalUnits: number;
  readonly units: "cycles";
  readonly progressObservationDateTime: string;
}

/** One escrowed object: what failed, how often, and when it is retried. */
export interface EscrowView {
  readonly objectType: "user" | "group";
  readonly sourceId: string;
  readonly displayName: string;
  readonly attempts: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly firstFailed: string;
  readonly nextAttempt: string;
}

/** What only a running daemon knows about a job. */
export interface LiveJobState {
  /** The cycle in progress, or null. */
  readonly running: { readonly started: string } | null;
  readonly nextCycle: Date | null;
  /** True when this daemon holds the job's lock (a second daemon on the same state file stands by). */
  readonly lockHeld: boolean;
}

/** A job shaped like Graph's `synchronizationJob`, plus `daemon` (null when read from the state file alone). */
export interface JobView {
  readonly id: string;
  readonly templateId: string;
  readonly schedule: {
    readonly expiration: null;
    /** ISO-8601 interval; null for a cron schedule. */
    readonly interval: string | null;
    readonly cron: string | null;
    readonly state: "Active" | "Paused";
  };
  readonly status: {
    readonly code: "NotRun" | "Active" | "Paused" | "Quarantine";
    readonly lastExecution: TaskExecution | null;
    readonly lastSuccessfulExecution: TaskExecution | null;
    readonly countSuccessiveCompleteFailures: number;
    /** The last cycle, an initial one, pruned its escrows instead of quarantining, and paused the job. */
    readonly escrowsPruned: boolean;
    readonly progress: readonly Progress[];
    readonly quarantine: QuarantineState | null;
    readonly steadyStateLastAchievedTime: string;
    readonly synchronizedEntryCountByType: readonly { readonly key: string; readonly value: number }[];
    /** Objects whose last change failed and will be retried (first 50, soonest retry first). */
    readonly escrows: readonly EscrowView[];
  };
  readonly daemon: {
    readonly running: boolean;
    readonly nextCycle: string | null;
    readonly lockHeld: boolean;
  } | null;
}

/** Entra's default for "never": `0001-01-01T00:00:00Z`. */
const NEVER = "0001-01-01T00:00:00Z";

/** Cycles read for a view: enough to find the last successful one in any realistic cadence. */
const HISTORY = 200;

function execution(cycle: CycleRecord): TaskExecution | null {
  if (cycle.state === "Running" || cycle.ended === null) return null;
  const c = cycle.counters;
  return {
    activityIdentifier: cycle.cycleId,
    countEntitled: c.inScope ?? 0,
    countExported: c.exported ?? 0,
    countExports: c.exports ?? 0,
    countImported: c.imported ?? 0,
    countEscrowed: c.escrowed ?? 0,
    error: cycle.error === null ? null : { code: "CycleFailed", message: cycle.error },
    state: cycle.state,
    timeBegan: cycle.started,
    timeEnded: cycle.ended,
  };
}

export interface JobViewInput {
  readonly job: { readonly name: string; readonly config: Pick<JobConfig, "app" | "schedule"> };
  readonly state: JobState;
  /** Newest first. */
  readonly cycles: readonly CycleRecord[];
  readonly counts: { readonly users: number; readonly groups: number };
  /** Soonest retry first. */
  readonly escrows: readonly EscrowRecord[];
  readonly live: LiveJobState | null;
  readonly now: Date;
}

/** Builds the job object the API and `status --json` print. Pure. */
export function jobView(input: JobViewInput): JobView {
  const { job, state, cycles, live } = input;
  const finished = cycles.map(execution).filter((e): e is TaskExecution => e !== null);
  const succeeded = finished.filter((e) => e.state === "Succeeded");
  const quarantine = state.status.quarantine ?? null;
  const paused = state.status.paused === true;
  const code = paused
    ? "Paused"
    : quarantine
      ? "Quarantine"
      : finished.some((e) => e.state !== "Failed")
        ? "Active"
        : "NotRun";
  const schedule = job.config.schedule;
  const running = live?.running ?? null;
  return {
    id: job.name,
    templateId: job.config.app,
    schedule: {
      expiration: null,
      interval: "interval" in schedule ? schedule.interval : null,
      cron: "cron" in schedule ? schedule.cron : null,
      state: paused ? "Paused" : "Active",
    },
    status: {
      code,
      lastExecution: finished[0] ?? null,
      lastSuccessfulExecution: succeeded[0] ?? null,
      countSuccessiveCompleteFailures: state.status.countSuccessiveCompleteFailures ?? 0,
      escrowsPruned: state.status.escrowsPruned === true,
      progress: running
        ? [
            {
              completedUnits: 0,
              totalUnits: 1,
              units: "cycles",
              progressObservationDateTime: input.now.toISOString(),
            },
          ]
        : [],
      quarantine,
      steadyStateLastAchievedTime: succeeded.find((e) => e.countExports === 0)?.timeEnded ?? NEVER,
      synchronizedEntryCountByType: [
        { key: "User", value: input.counts.users },
        { key: "Group", value: input.counts.groups },
      ],
      escrows: input.escrows.slice(0, ESCROWS_SHOWN).map((e) => ({
        objectType: e.type,
        sourceId: e.sourceId,
        displayName: e.displayName,
        attempts: e.attempts,
        errorCode: e.errorCode,
        errorMessage: e.errorMessage,
        firstFailed: e.firstFailed,
        nextAttempt: e.nextAttempt,
      })),
    },
    daemon: live
      ? {
          running: running !== null,
          nextCycle: live.nextCycle?.toISOString() ?? null,
          lockHeld: live.lockHeld,
        }
      : null,
  };
}

/** Reads what {@link jobView} needs from the state store. */
export function readJobView(job: JobDefinition, store: StateStore, live: LiveJobState | null): JobView {
  return jobView({
    job,
    state: store.getJobState(job.name),
    cycles: store.cycles(job.name, HISTORY),
    counts: { users: store.countLinks(job.name, "user"), groups: store.countLinks(job.name, "group") },
    escrows: store.escrows(job.name),
    live,
    now: new Date(),
  });
}
