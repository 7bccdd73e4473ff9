import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import type { LoadedConfig } from "../../config/load-config.js";
import { type JobView, NEVER, readJobView } from "../../observability/status-server/job-view.js";
import { SqliteStateStore } from "../../state/sqlite-store.js";
import type { ReleasedEscrow } from "../../state/state-store.js";
import { addConfigOption, addJobOption, loadFor, selectJobs, UsageError } from "../cli-context.js";

/**
 * The state file alone, without connectors: `status` and `logs` read what cycles recorded and need no
 * secrets. A missing file is an error rather than a new empty one.
 */
export function openStateFile(loaded: LoadedConfig): SqliteStateStore {
  const path = resolve(loaded.baseDir, loaded.config.state.path);
  if (!existsSync(path)) {
    throw new UsageError(`Expected a state file at ${path}, got none: run "sync" or "daemon" first`);
  }
  return new SqliteStateStore(path);
}

const RELEASED_BY: Record<ReleasedEscrow["releasedBy"], string> = {
  restart: "escrow cleared by restart",
  escrowsPruned: "escrows pruned",
  expired: "escrow expired after 28 days",
};

/**
 * `status`'s exit codes, for a cron job or CI (1, as for every command, when it cannot read the status): the
 * worst job decides, quarantine over a failed last cycle. A paused job, one that never ran and one whose
 * last cycle escrowed objects (EntryLevelErrors) are healthy, as `/readyz` treats them; the escrows are
 * listed.
 */
const STATUS_EXIT = { healthy: 0, lastCycleFailed: 2, quarantined: 3 } as const;

function statusExitCode(views: readonly JobView[]): number {
  const codeOf = (view: JobView) =>
    view.status.quarantine
      ? STATUS_EXIT.quarantined
      : view.status.lastExecution?.state === "Failed"
        ? STATUS_EXIT.lastCycleFailed
        : STATUS_EXIT.healthy;
  return Math.max(STATUS_EXIT.healthy, ...views.map(codeOf));
}

/** When the job runs next, as far as the state file knows: nothing about a daemon's timer. */
function nextLine(view: JobView): string | null {
  const s = view.status;
  if (view.schedule.state === "Paused") return "  next cycle: none while paused (resume the job to run it)";
  if (!s.quarantine) return null;
  return s.quarantine.disabled
    ? "  next cycle: none (the quarantine disabled the job: restart it)"
    : `  next attempt: ${s.quarantine.nextAttempt} (quarantine back-off, not the schedule)`;
}

/** `released`: objects whose escrow was cleared while they are still not in the app (the next cycle's). */
function renderView(view: JobView, released: readonly ReleasedEscrow[]): string {
  const s = view.status;
  const last = s.lastExecution;
  const counts = s.synchronizedEntryCountByType.map((c) => `${c.value} ${c.key.toLowerCase()}s`).join(", ");
  const lines = [
    `${view.id} (${view.templateId}): ${s.code}, every ${view.schedule.interval ?? view.schedule.cron}`,
    last
      ? `  last cycle ${last.activityIdentifier}: ${last.state} at ${last.timeEnded} (${last.countExported} exported, ${last.countEscrowed} escrowed)`
      : "  no cycle has finished yet",
    `  last successful: ${s.lastSuccessfulExecution?.timeEnded ?? "never"}; in sync since ${s.steadyStateLastAchievedTime === NEVER ? "not yet" : s.steadyStateLastAchievedTime}`,
    `  linked: ${counts}`,
  ];
  if (last?.error) lines.push(`  error: ${last.error.message}`);
  for (const e of s.escrows) {
    lines.push(
      `  escrowed ${e.objectType} ${e.displayName}: ${e.errorCode} (${e.attempts} attempt(s), next ${e.nextAttempt}): ${e.errorMessage}`,
    );
  }
  for (const r of released) {
    lines.push(
      `  not provisioned ${r.type} ${r.displayName}: ${r.errorCode} (${RELEASED_BY[r.releasedBy]} ${r.released}; evaluated again next cycle): ${r.errorMessage}`,
    );
  }
  if (s.quarantine) lines.push(`  QUARANTINE (${s.quarantine.reason}) since ${s.quarantine.seriesBegan}`);
  const next = nextLine(view);
  if (next) lines.push(next);
  return lines.join("\n");
}

/** `entra-sync status`: the jobs as the status API shows them, read from the state file; see {@link STATUS_EXIT}. */
export const statusCommand = addJobOption(addConfigOption(new Command("status")))
  .description("show each job's state, last cycles and quarantine, from the state file")
  .option("--json", "print the jobs as JSON (the status API's shape)")
  .action((options: { config: string; job?: string; json?: boolean }) => {
    const loaded = loadFor(options);
    const store = openStateFile(loaded);
    try {
      const jobs = selectJobs(loaded, options.job);
      const views = jobs.map((job) => readJobView(job, store, null));
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ value: views }, null, 2)}\n`
          : `${views.map((view, i) => renderView(view, store.releasedEscrows(jobs[i]!.name))).join("\n\n")}\n`,
      );
      process.exitCode = statusExitCode(views);
    } finally {
      store.close();
    }
  });
