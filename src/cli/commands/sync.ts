import { resolve } from "node:path";
import { Command } from "commander";
import { type CycleSummary, runCycle } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import { withJobLease } from "../../app/with-job-lease.js";
import { JobLock } from "../../state/job-lock.js";
import {
  addConfigOption,
  addJobOption,
  addLogOptions,
  type LogOptions,
  loadFor,
  loggerFor,
  selectJobs,
} from "../cli-context.js";
import { progressReporter } from "../progress.js";
import { renderSummary } from "../render-summary.js";
import { syncExitCode } from "../sync-exit-code.js";

/**
 * `entra-sync sync`: one cycle now, for every job or one. Exit 0: done; 1: a cycle failed or had errors;
 * 3: deletions held by the accidental-deletion guard (see `syncExitCode`).
 */
export const syncCommand = addLogOptions(addJobOption(addConfigOption(new Command("sync"))), "info")
  .description(
    "run one provisioning cycle now (exit 0: done, 1: a cycle failed or had errors, 3: deletions held for approval)",
  )
  .action(async (options: { config: string; job?: string } & LogOptions) => {
    const loaded = loadFor(options);
    const logger = loggerFor(options, "info");
    const runtime = openRuntime(loaded, logger);
    const lock = new JobLock(resolve(loaded.baseDir, loaded.config.state.path));
    // Graceful stop: SIGTERM / SIGINT stop taking new work; requests in flight finish and are recorded.
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`${signal}: finishing the requests in flight, then recording\n`);
      stop.abort();
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
    try {
      const summaries: CycleSummary[] = [];
      for (const job of selectJobs(loaded, options.job)) {
        if (stop.signal.aborted) break;
        const deps = runtime.depsFor(job);
        const progress = progressReporter(process.stderr, job.name);
        const summary = await withJobLease(lock, job.name, () =>
          runCycle(deps, job, {
            onOutcome: (outcome, done, total) => progress.update(outcome, done, total),
            signal: stop.signal,
          }),
        ).finally(() => progress.finish());
        process.stdout.write(`${renderSummary(summary, options.config)}\n`);
        summaries.push(summary);
      }
      process.exitCode = syncExitCode(summaries, stop.signal.aborted);
    } finally {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      lock.close();
      await runtime.close();
    }
  });
