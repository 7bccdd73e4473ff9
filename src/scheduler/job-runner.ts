import type { CycleDeps } from "../app/cycle-deps.js";
import { runCycle } from "../app/run-cycle.js";
import type { JobDefinition } from "../config/job-definition.js";
import type { Metrics } from "../observability/metrics.js";
import type { LiveJobState } from "../observability/status-server/job-view.js";
import type { JobLock } from "../state/job-lock.js";
import type { CycleRecord } from "../state/state-store.js";

/** Why a cycle did not start. */
export type Refusal =
  | { readonly kind: "busy" }
  | { readonly kind: "paused" }
  /** `until` is null once the quarantine disabled the job (an admin must restart it). */
  | { readonly kind: "quarantined"; readonly until: string | null }
  | { readonly kind: "locked"; readonly owner: string | null };

export type StartResult = { readonly kind: "started"; readonly done: Promise<CycleRecord | null> } | Refusal;

export interface JobRunnerOptions {
  readonly job: JobDefinition;
  readonly deps: CycleDeps;
  readonly lock: JobLock;
  /** This daemon's identity in the lock table. */
  readonly owner: string;
  /** How long a lease lasts without renewal; the daemon renews every third of it. */
  readonly leaseMs: number;
  readonly metrics: Metrics;
}

/**
 * Runs one job's cycles: never two at once in this process (the in-process guard), and only while this
 * daemon holds the job's lease in the state file (two daemons on one file never run the same job).
 * `runCycle` records connector failures as failed cycles (and quarantine); anything else it throws is
 * logged here, and the daemon carries on at the next tick.
 */
export class JobRunner {
  private current: LiveJobState["running"] = null;
  private done: Promise<CycleRecord | null> | null = null;
  private lockHeld = false;

  constructor(private readonly options: JobRunnerOptions) {}

  get name(): string {
    return this.options.job.name;
  }

  get running(): LiveJobState["running"] {
    return this.current;
  }

  get holdsLock(): boolean {
    return this.lockHeld;
  }

  /** Takes or renews the job's lease; called before each cycle and periodically by the daemon. */
  claimLock(): boolean {
    const { lock, job, owner, leaseMs } = this.options;
    this.lockHeld = lock.acquire(job.name, owner, leaseMs);
    return this.lockHeld;
  }

  releaseLock(): void {
    this.options.lock.release(this.name, this.options.owner);
    this.lockHeld = false;
  }

  /**
   * Starts a cycle now unless one is running, the job is paused or another daemon holds it. Scheduled
   * ticks also wait out a quarantine; a manual run does not (it is how an operator checks a fix).
   */
  start(trigger: "schedule" | "manual"): StartResult {
    const { deps, job, lock } = this.options;
    if (this.current) return { kind: "busy" };
    const { status } = deps.store.getJobState(job.name);
    if (status.paused) return { kind: "paused" };
    const quarantine = status.quarantine;
    if (trigger === "schedule" && quarantine) {
      const until = quarantine.disabled ? null : quarantine.nextAttempt;
      if (until === null || Date.parse(until) > deps.clock().getTime()) return { kind: "quarantined", until };
    }
    if (!this.claimLock()) return { kind: "locked", owner: lock.holder(job.name)?.owner ?? null };
    this.current = { started: deps.clock().toISOString() };
    this.done = this.cycle().finally(() => {
      this.current = null;
      this.done = null;
    });
    return { kind: "started", done: this.done };
  }

  /** Resolves when the cycle in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.done;
  }

  private async cycle(): Promise<CycleRecord | null> {
    const { deps, job, metrics } = this.options;
    const began = performance.now();
    try {
      const { cycle } = await runCycle(deps, job);
      metrics.cycleFinished(cycle, (performance.now() - began) / 1000);
      return cycle;
    } catch (error) {
      deps.logger.error({ err: error }, "cycle failed unexpectedly");
      return null;
    }
  }
}
