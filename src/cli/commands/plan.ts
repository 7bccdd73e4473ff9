import { Command } from "commander";
import { prepareCycle } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import type { LogLevel } from "../../observability/logger.js";
import { addConfigOption, addJobOption, loadFor, loggerFor, selectJobs } from "../cli-context.js";
import { planHasChanges, renderPlan } from "../render-plan.js";

/**
 * `entra-sync plan`: the dry run. Runs read → scope → map → match → plan and prints the plan; it never
 * reaches apply, so it cannot write to the app. Exit 0: no changes; 2: changes; 1: error.
 */
export const planCommand = addJobOption(addConfigOption(new Command("plan")))
  .description("show what a sync would change, without changing anything (exit 0: none, 2: changes)")
  .option("--json", "print the plan as JSON")
  .option("--log-level <level>", "log level (default warn)")
  .action(async (options: { config: string; job?: string; json?: boolean; logLevel?: LogLevel }) => {
    const loaded = loadFor(options);
    const logger = loggerFor(options, "warn");
    const runtime = openRuntime(loaded, logger);
    try {
      let changed = false;
      const plans = [];
      for (const job of selectJobs(loaded, options.job)) {
        const prepared = await prepareCycle(runtime.depsFor(job), job);
        changed ||= planHasChanges(prepared.plan);
        plans.push(prepared.plan);
        if (!options.json) process.stdout.write(`${renderPlan(prepared.plan)}\n\n`);
      }
      if (options.json)
        process.stdout.write(`${JSON.stringify(plans.length === 1 ? plans[0] : plans, null, 2)}\n`);
      process.exitCode = changed ? 2 : 0;
    } finally {
      await runtime.close();
    }
  });
