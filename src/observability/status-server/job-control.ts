import type { Registry } from "prom-client";
import type { OnDemandResult } from "../../app/on-demand.js";
import type { ProvisioningLogEntry } from "../../domain/provisioning-log.js";
import type { StartResult } from "../../scheduler/job-runner.js";
import type { LogQuery } from "../../state/state-store.js";
import type { JobView } from "./job-view.js";

/** What the status server reads and drives; the daemon implements it, tests may fake it. */
export interface JobControl {
  jobNames(): readonly string[];
  /** Undefined for an unknown job. */
  view(name: string): JobView | undefined;
  logs(query: LogQuery): ProvisioningLogEntry[];
  /** Reasons the daemon is not ready; empty when it is. */
  unready(): string[];
  pause(name: string): void;
  resume(name: string): void;
  run(name: string): StartResult;
  provision(name: string, user: string): Promise<OnDemandResult>;
  readonly metrics: Registry;
}
