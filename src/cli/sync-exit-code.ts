import type { CycleSummary } from "../app/run-cycle.js";

/**
 * `sync`'s exit codes, for cron jobs and CI. 3 (not `plan`'s 2, which means "changes to make") says the
 * cycle ran but the accidental-deletion guard held its disables and deletes: nothing failed, yet the app
 * still differs from Entra until an admin approves them, which a job that only checks for 0 must notice.
 */
export const SYNC_EXIT = { ok: 0, failed: 1, deletionsHeld: 3 } as const;

/**
 * One code for all the jobs a `sync` ran: 1 when any cycle failed or had entry-level errors (a failure needs
 * looking at first, held deletions or not), else 3 when any cycle's deletions were held, else 0. A requested
 * stop (SIGTERM) is a clean exit, 0: the next run carries on where this one stopped.
 */
export function syncExitCode(summaries: readonly CycleSummary[], stopped: boolean): number {
  if (stopped) return SYNC_EXIT.ok;
  if (summaries.some((s) => s.cycle.state !== "Succeeded")) return SYNC_EXIT.failed;
  if (summaries.some((s) => s.deletionGuard.tripped)) return SYNC_EXIT.deletionsHeld;
  return SYNC_EXIT.ok;
}
