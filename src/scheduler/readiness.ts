import type { JobView } from "../observability/status-server/job-view.js";

/** A job is late when its last completed cycle is older than this many periods. */
export const READY_WITHIN_PERIODS = 2;

/**
 * Why a job makes the daemon unready, or null when it is fine. Paused jobs are fine (an operator chose
 * that). A job is fine while its first cycle runs, and afterwards when a cycle completed (Succeeded or
 * EntryLevelErrors) within two periods: one user the app keeps rejecting is a data problem for the
 * provisioning log, not a sign that the daemon stopped working.
 */
export function unreadyReason(view: JobView, periodMs: number, now: Date): string | null {
  if (view.status.code === "Paused") return null;
  const last = view.status.lastExecution;
  const completed = last && last.state !== "Failed" ? last : view.status.lastSuccessfulExecution;
  if (!completed) {
    if (view.daemon?.running && view.status.lastExecution === null) return null;
    return `job "${view.id}" has not completed a cycle yet`;
  }
  const age = now.getTime() - Date.parse(completed.timeEnded);
  if (age > READY_WITHIN_PERIODS * periodMs) {
    return `job "${view.id}" last completed a cycle at ${completed.timeEnded}, more than ${READY_WITHIN_PERIODS} intervals ago`;
  }
  return null;
}
