import { Command } from "commander";
import { runCycle } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import type { LogLevel } from "../../observability/logger.js";
import { addConfigOption, addJobOption, loadFor, loggerFor, selectJobs } from "../cli-context.js";
import { progressReporter } from "../progress.js";
import { renderSummary } from "../render-summary.js";

/** `entra-sync sync`: one cycle now, for every job or one; exit 1 if any cycle failed or had errors. */
export const syncCommand = addJobOption(addConfigOption(new Command("sync")))
  .description("run one provisioning cycle now (the one-shot mode)")
  .option("--log-level <level>", "log level (default info)")
  .action(async (options: { config: string; job?: string; logLevel?: LogLevel }) => {
    const loaded = loadFor(options);
    const logger = loggerFor(options, "info");
    const runtime = openRuntime(loaded, logger);
    try {
      let ok = true;
      for (const job of selectJobs(loaded, options.job)) {
        const deps = runtime.depsFor(job);
        const progress = progressReporter(process.stderr, job.name);
        const summary = await runCycle(deps, job, {
          onOutcome: (_o, done, total) => progress.update(done, total),
        });
        process.stdout.write(`${renderSummary(summary)}\n`);
        ok &&= summary.cycle.state === "Succeeded";
      }
      process.exitCode = ok ? 0 : 1;
    } finally {
      await runtime.close();
    }
  });
