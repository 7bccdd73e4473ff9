import type { EscrowRecord } from "../state/state-store.js";
import type { Change } from "./change.js";

/**
 * A plan is a value: everything one cycle will do to the app, each change with its reason. `plan` prints
 * it; `sync` applies it. Apply never re-plans.
 */
export interface Plan {
  readonly jobName: string;
  /** Initial cycles read the whole tenant; incremental ones only what changed. */
  readonly cycleKind: "initial" | "incremental";
  /** The job config fingerprint the plan was made for. */
  readonly fingerprint: string;
  readonly changes: readonly Change[];
  /** Disables + deletes planned this cycle and the threshold they were checked against. */
  readonly deletionGuard: { readonly planned: number; readonly threshold: number; readonly tripped: boolean };
  /**
   * Escrowed objects whose retry is not due this cycle (absent: none): not in `changes`, and not in the app
   * either, so a plan that has them is not "in sync".
   */
  readonly waitingRetries?: readonly EscrowRecord[];
}
