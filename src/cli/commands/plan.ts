import { Command } from "commander";
import type { PlanHeading } from "../../app/prepare-cycle.js";
import { streamPlan } from "../../app/run-cycle.js";
import { openRuntime } from "../../app/runtime.js";
import {
  addConfigOption,
  addJobOption,
  addLogOptions,
  type LogOptions,
  loadFor,
  loggerFor,
  selectJobs,
} from "../cli-context.js";
import { jsonPlanOutput, printPlan, redactedPlanOutput } from "../plan-output.js";
import { textPlanOutput } from "../render-plan.js";

/**
 * `entra-sync plan`: the dry run. Runs read → scope → map → match → plan and prints the plan as it is made,
 * batch by batch, so a large tenant's plan is never held whole; it never reaches apply, so it cannot write
 * to the app. Exit 0: no changes; 2: changes; 1: an error, or objects that could not be planned (a `fail`
 * change: the app unreachable, an expression failing). `--json` prints one plan, or an array of them when
 * several jobs are selected.
 */
export const planCommand = addLogOptions(addJobOption(addConfigOption(new Command("plan"))), "warn")
  .description(
    "show what a sync would change, without changing anything (exit 0: none, 2: changes, 1: objects that cannot be planned or an error)",
  )
  .option("--json", "print the plan as JSON")
  .action(async (options: { config: string; job?: string; json?: boolean } & LogOptions) => {
    const loaded = loadFor(options);
    const logger = loggerFor(options, "warn");
    const runtime = openRuntime(loaded, logger);
    const out = process.stdout;
    const write = (text: string) => {
      out.write(text);
    };
    try {
      const jobs = selectJobs(loaded, options.job);
      const asArray = options.json && jobs.length > 1;
      let changed = false;
      let failing = false;
      if (asArray) write("[");
      for (const [index, job] of jobs.entries()) {
        const stream = await streamPlan(runtime.depsFor(job), job);
        if (asArray) write(index === 0 ? "\n  " : ",\n  ");
        const output = (heading: PlanHeading) =>
          redactedPlanOutput(
            options.json
              ? jsonPlanOutput(write, heading, asArray ? "  " : "")
              : textPlanOutput(write, heading),
            job,
          );
        const verdict = await printPlan(stream, output, out);
        changed ||= verdict.changed;
        failing ||= verdict.failing;
        if (!options.json) write("\n\n");
      }
      if (asArray) write("\n]");
      if (options.json) write("\n");
      process.exitCode = failing ? 1 : changed ? 2 : 0;
    } finally {
      await runtime.close();
    }
  });
