import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Registry } from "prom-client";
import { type OnDemandResult, provisionOnDemand } from "../app/on-demand.js";
import type { Runtime } from "../app/runtime.js";
import type { JobDefinition } from "../config/job-definition.js";
import type { ScimRequestInfo } from "../connectors/target/scim/index.js";
import type { ProvisioningLogEntry } from "../domain/provisioning-log.js";
import type { Logger } from "../observability/logger.js";
import { createMetrics, type Metrics } from "../observability/metrics.js";
import type { JobControl } from "../observability/status-server/job-control.js";
import { type JobView, readJobView } from "../observability/status-server/job-view.js";
import type { JobLock } from "../state/job-lock.js";
import type { LogQuery } from "../state/state-store.js";
import { JobRunner, type StartResult } from "./job-runner.js";
import { unreadyReason } from "./readiness.js";
import { createTrigger, type Trigger } from "./trigger.js";

export interface DaemonOptions {
  readonly jobs: readonly JobDefinition[];
  readonly runtime: Runtime;
  readonly lock: JobLock;
  readonly logger: Logger;
  /** Lease on each job in the lock table; renewed every third of it. Default 60 s. */
  readonly leaseMs?: number;
}

interface Scheduled {
  readonly job: JobDefinition;
  readonly runner: JobRunner;
  readonly trigger: Trigger;
}

/**
 * The long-running mode: every job on its own schedule, independent of the others. Implements the
 * {@link JobControl} the status server serves.
 */
export class Daemon implements JobControl {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly jobs = new Map<string, Scheduled>();
  private readonly instruments: Metrics;
  private readonly leaseMs: number;
  private renewal: NodeJS.Timeout | undefined;

  constructor(private readonly options: DaemonOptions) {
    const { runtime } = options;
    const leaseMs = options.leaseMs ?? 60_000;
    this.leaseMs = leaseMs;
    this.instruments = createMetrics({
      escrows: () => new Map(options.jobs.map((j) => [j.name, runtime.store.escrows(j.name).length])),
      quarantinedJobs: () =>
        options.jobs.filter((j) => runtime.store.getJobState(j.name).status.quarantine).length,
    });
    for (const job of options.jobs) {
      const runner = new JobRunner({
        job,
        deps: runtime.depsFor(job),
        lock: options.lock,
        owner: this.owner,
        leaseMs,
        metrics: this.instruments,
      });
      const trigger = createTrigger(job.config.schedule, () => this.tick(runner));
      this.jobs.set(job.name, { job, runner, trigger });
    }
  }

  /** Feeds one SCIM request of a job into the metrics (rate-limited requests). */
  recordScimRequest(job: string, info: ScimRequestInfo): void {
    this.instruments.scimRequest(job, info);
  }

  get metrics(): Registry {
    return this.instruments.registry;
  }

  start(): void {
    for (const { trigger } of this.jobs.values()) trigger.start();
    // Renewing keeps the jobs this daemon holds; a standby daemon takes over leases that expired here.
    this.renewal = setInterval(() => {
      for (const { runner } of this.jobs.values()) runner.claimLock();
    }, this.leaseMs / 3);
  }

  /** Stops scheduling, waits for running cycles to finish, then gives up the locks. */
  async stop(): Promise<void> {
    clearInterval(this.renewal);
    for (const { trigger } of this.jobs.values()) trigger.stop();
    await this.idle();
    for (const { runner } of this.jobs.values()) runner.releaseLock();
  }

  /** Resolves once no cycle is running. */
  async idle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map(({ runner }) => runner.idle()));
  }

  /** A scheduled tick never throws: a failure is logged and the next tick tries again. */
  private async tick(runner: JobRunner): Promise<void> {
    try {
      const started = runner.start("schedule");
      if (started.kind === "started") await started.done;
      else this.options.logger.info({ job: runner.name, skipped: started }, "scheduled cycle skipped");
    } catch (error) {
      this.options.logger.error({ job: runner.name, err: error }, "scheduled cycle could not run");
    }
  }

  private scheduled(name: string): Scheduled {
    const found = this.jobs.get(name);
    if (!found) throw new Error(`Expected a job name (${[...this.jobs.keys()].join(", ")}), got "${name}"`);
    return found;
  }

  jobNames(): readonly string[] {
    return [...this.jobs.keys()];
  }

  view(name: string): JobView | undefined {
    const found = this.jobs.get(name);
    if (!found) return undefined;
    return readJobView(found.job, this.options.runtime.store, {
      running: found.runner.running,
      nextCycle: found.trigger.nextRun(),
      lockHeld: found.runner.holdsLock,
    });
  }

  logs(query: LogQuery): ProvisioningLogEntry[] {
    return this.options.runtime.store.logs(query);
  }

  unready(): string[] {
    const now = new Date();
    return [...this.jobs.values()]
      .map(({ job, trigger }) => unreadyReason(this.view(job.name)!, trigger.period(), now))
      .filter((r): r is string => r !== null);
  }

  pause(name: string): void {
    this.setPaused(name, true);
  }

  resume(name: string): void {
    this.setPaused(name, false);
  }

  /** Persisted in the job state, so a restarted daemon keeps the job paused. */
  private setPaused(name: string, paused: boolean): void {
    const { store } = this.options.runtime;
    const state = store.getJobState(this.scheduled(name).job.name);
    store.saveJobState(name, { ...state, status: { ...state.status, paused } });
    this.options.logger.info({ job: name, paused }, paused ? "job paused" : "job resumed");
  }

  run(name: string): StartResult {
    return this.scheduled(name).runner.start("manual");
  }

  provision(name: string, user: string): Promise<OnDemandResult> {
    const { job } = this.scheduled(name);
    return provisionOnDemand(this.options.runtime.depsFor(job), job, user);
  }
}
