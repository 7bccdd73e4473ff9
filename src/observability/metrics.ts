import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ScimRequestInfo } from "../connectors/target/scim/index.js";
import type { CycleRecord } from "../state/state-store.js";

/** What the gauges read when Prometheus scrapes: current state, not events. */
export interface MetricsSnapshot {
  /** Objects waiting for a retry, by job. */
  escrows(): ReadonlyMap<string, number>;
  /** Jobs in quarantine now. */
  quarantinedJobs(): number;
}

/**
 * The daemon's Prometheus metrics (documented in docs/metrics.md), on a registry of their own so a process
 * can hold several daemons (tests) without name clashes.
 */
export interface Metrics {
  readonly registry: Registry;
  /**
   * A cycle ended (any state) after `durationSeconds`. Its changes are counted from the cycle's own counters
   * of the log entries it wrote: reading the entries back would cost a query per cycle and stop at a page.
   */
  cycleFinished(cycle: CycleRecord, durationSeconds: number): void;
  /** One SCIM request attempt answered (the SCIM connector's `onRequest` hook). */
  scimRequest(job: string, info: ScimRequestInfo): void;
}

export function createMetrics(snapshot: MetricsSnapshot): Metrics {
  const registry = new Registry();
  const cycles = new Counter({
    name: "entra_sync_cycles_total",
    help: "Provisioning cycles that ended, by job and final state (Succeeded, EntryLevelErrors, Failed).",
    labelNames: ["job", "state"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "entra_sync_cycle_duration_seconds",
    help: "Wall-clock duration of a provisioning cycle, read through record.",
    labelNames: ["job"] as const,
    buckets: [0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    registers: [registry],
  });
  const changes = new Counter({
    name: "entra_sync_changes_total",
    help: "Provisioning-log entries written, by job, action (Create, Update, Disable…) and status.",
    labelNames: ["job", "action", "status"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "entra_sync_rate_limited_requests_total",
    help: "SCIM requests the app answered with 429 Too Many Requests, by job.",
    labelNames: ["job"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "entra_sync_escrowed_objects",
    help: "Objects whose last change failed and that wait for a retry (the escrow), by job.",
    labelNames: ["job"] as const,
    registers: [registry],
    collect() {
      for (const [job, size] of snapshot.escrows()) this.set({ job }, size);
    },
  });
  new Gauge({
    name: "entra_sync_quarantined_jobs",
    help: "Jobs in quarantine, which run at a reduced cadence (or not at all once disabled).",
    registers: [registry],
    collect() {
      this.set(snapshot.quarantinedJobs());
    },
  });
  return {
    registry,
    cycleFinished(cycle, durationSeconds) {
      cycles.inc({ job: cycle.job, state: cycle.state });
      duration.observe({ job: cycle.job }, durationSeconds);
      for (const [action, byStatus] of Object.entries(cycle.counters.entries ?? {}))
        for (const [status, n] of Object.entries(byStatus ?? {}))
          changes.inc({ job: cycle.job, action, status }, n);
    },
    scimRequest(job, info) {
      if (info.status === 429) rateLimited.inc({ job });
    },
  };
}
