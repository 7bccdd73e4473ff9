import type { JobDefinition } from "../../config/job-definition.js";
import type { JobConfig } from "../../config/schema.js";
import type { QuarantineReason, QuarantineState } from "../../reliability/quarantine.js";
import type { CycleRecord, EscrowRecord, JobState, JobStatus, StateStore } from "../../state/state-store.js";

/** Escrowed objects listed per job; the count is in the last execution's countEscrowed. */
const ESCROWS_SHOWN = 50;

/** Entra's `synchronizationTaskExecution`, for one finished cycle (each count: docs/operations.md). */
export interface TaskExecution {
  readonly activityIdentifier: string;
  readonly countEntitled: number;
  readonly countEntitledForProvisioning: number;
  readonly countExported: number;
  readonly countExports: number;
  readonly countImported: number;
  readonly countImportedDeltas: number;
  readonly countImportedReferenceDeltas: number;
  readonly countEscrowed: number;
  readonly countEscrowedRaw: number;
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

/** Graph's `synchronizationError`: what went wrong and whether the tenant's admin can fix it. */
export interface SynchronizationError {
  readonly code: string;
  readonly message: string;
  readonly tenantActionable: boolean;
}

/** Graph's `synchronizationQuarantine`, plus our `disabled`. */
export type QuarantineView = Omit<QuarantineState, "error"> & { readonly error: SynchronizationError | null };

/**
 * Whether the admin can lift a quarantine of this reason (Graph's `tenantActionable`). Every reason this
 * engine reaches is: the app's URL or token, deletions to approve, or the objects the app keeps rejecting.
 * A reason on Microsoft's side (Graph's `IngestionInterrupted`) would not be.
 */
const TENANT_ACTIONABLE: Readonly<Record<QuarantineReason, boolean>> = {
  EncounteredQuarantineException: true,
  TooManyDeletes: true,
  EncounteredTotalEscrowThreshold: true,
  EncounteredBaseEscrowThreshold: true,
  EncounteredEscrowProportionThreshold: true,
};

/** Graph's `keyValuePair`, for `synchronizationJobSettings`. */
export interface JobSetting {
  readonly name: string;
  readonly value: string;
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
  /** The job's settings under Graph's names: `QuarantineTooManyDeletesThreshold` (`deletionThreshold`). */
  readonly synchronizationJobSettings: readonly JobSetting[];
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
    /** The last cycle that succeeded and exported at least one change. */
    readonly lastSuccessfulExecutionWithExports: TaskExecution | null;
    readonly countSuccessiveCompleteFailures: number;
    /** The last cycle, an initial one, pruned its escrows instead of quarantining, and paused the job. */
    readonly escrowsPruned: boolean;
    readonly progress: readonly Progress[];
    readonly quarantine: QuarantineView | null;
    /** When a cycle first / last succeeded with nothing to export; {@link NEVER} until one has. */
    readonly steadyStateFirstAchievedTime: string;
    readonly steadyStateLastAchievedTime: string;
    readonly synchronizedEntryCountByType: readonly { readonly key: string; readonly value: number }[];
    /** Graph's link to troubleshooting steps: always "" (there is no such page; errors say what to do). */
    readonly troubleshootingUrl: "";
    /** Objects whose last change failed and will be retried (first 50, soonest retry first). */
    readonly escrows: readonly EscrowView[];
  };
  readonly daemon: {
    readonly running: boolean;
    /** When the next cycle may start; null when none will (paused, disabled by quarantine, one running). */
    readonly nextCycle: string | null;
    /** What `nextCycle` follows: the job's schedule, or the quarantine back-off's next attempt. */
    readonly nextCycleBasis: NextCycleBasis | null;
    readonly lockHeld: boolean;
  } | null;
}

export type NextCycleBasis = "schedule" | "quarantineBackOff";

/** Entra's default for "never": `0001-01-01T00:00:00Z`. */
export const NEVER = "0001-01-01T00:00:00Z";

/** Cycles read for a view: enough to find the last successful one in any realistic cadence. */
const HISTORY = 200;

function execution(cycle: CycleRecord): TaskExecution | null {
  if (cycle.state === "Running" || cycle.ended === null) return null;
  const c = cycle.counters;
  const imported = c.imported ?? 0;
  return {
    activityIdentifier: cycle.cycleId,
    countEntitled: c.entitled ?? 0,
    countEntitledForProvisioning: c.inScope ?? 0,
    countExported: c.exported ?? 0,
    countExports: c.exports ?? 0,
    countImported: imported,
    // An incremental cycle imports nothing but Graph's changes; a full read imports objects, no deltas.
    countImportedDeltas: cycle.kind === "incremental" ? imported : 0,
    countImportedReferenceDeltas: c.importedReferenceDeltas ?? 0,
    countEscrowed: c.escrowed ?? 0,
    countEscrowedRaw: c.escrowedRaw ?? 0,
    error: cycle.error === null ? null : { code: "CycleFailed", message: cycle.error },
    state: cycle.state,
    timeBegan: cycle.started,
    timeEnded: cycle.ended,
  };
}

export interface JobViewInput {
  readonly job: {
    readonly name: string;
    readonly config: Pick<JobConfig, "app" | "schedule" | "deletionThreshold">;
  };
  readonly state: JobState;
  /** Newest first. */
  readonly cycles: readonly CycleRecord[];
  readonly counts: { readonly users: number; readonly groups: number };
  /** Soonest retry first. */
  readonly escrows: readonly EscrowRecord[];
  readonly live: LiveJobState | null;
  readonly now: Date;
}

/** ISO-8601 UTC times of one format sort as text. */
const known = (times: readonly (string | undefined)[]) =>
  times.filter((t): t is string => t !== undefined).sort();
const earliest = (times: readonly (string | undefined)[]) => known(times)[0];
const latest = (times: readonly (string | undefined)[]) => known(times).at(-1);

function quarantineView(quarantine: QuarantineState): QuarantineView {
  const { error } = quarantine;
  return {
    ...quarantine,
    error: error && { ...error, tenantActionable: TENANT_ACTIONABLE[quarantine.reason] },
  };
}

/**
 * When the daemon runs the job next, and why then: never while paused or disabled by quarantine; while
 * quarantined, not before the back-off's next attempt (scheduled ticks before it are skipped).
 */
function nextCycle(
  status: JobStatus,
  scheduled: Date | null,
): Pick<NonNullable<JobView["daemon"]>, "nextCycle" | "nextCycleBasis"> {
  const none = { nextCycle: null, nextCycleBasis: null };
  if (status.paused === true || scheduled === null) return none;
  const quarantine = status.quarantine;
  if (!quarantine) return { nextCycle: scheduled.toISOString(), nextCycleBasis: "schedule" };
  if (quarantine.nextAttempt === null) return none;
  const attempt = new Date(Math.max(Date.parse(quarantine.nextAttempt), scheduled.getTime()));
  return { nextCycle: attempt.toISOString(), nextCycleBasis: "quarantineBackOff" };
}

/** Builds the job object the API and `status --json` print. Pure. */
export function jobView(input: JobViewInput): JobView {
  const { job, state, cycles, live } = input;
  const finished = cycles.map(execution).filter((e): e is TaskExecution => e !== null);
  const succeeded = finished.filter((e) => e.state === "Succeeded");
  const steady = succeeded.filter((e) => e.countExports === 0);
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
    synchronizationJobSettings: [
      { name: "QuarantineTooManyDeletesThreshold", value: String(job.config.deletionThreshold) },
    ],
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
      lastSuccessfulExecutionWithExports: succeeded.find((e) => e.countExported > 0) ?? null,
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
      quarantine: quarantine && quarantineView(quarantine),
      // The job status keeps both times past the cycle records' retention; the records cover state files
      // written before it did.
      steadyStateFirstAchievedTime:
        earliest([state.status.steadyStateFirstAchieved, steady.at(-1)?.timeEnded]) ?? NEVER,
      steadyStateLastAchievedTime:
        latest([state.status.steadyStateLastAchieved, steady[0]?.timeEnded]) ?? NEVER,
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
      troubleshootingUrl: "",
    },
    daemon: live
      ? {
          running: running !== null,
          ...nextCycle(state.status, live.nextCycle),
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
