import { Command } from "commander";
import { openRuntime } from "../../app/runtime.js";
import { probeAttributeOf } from "../../config/job-definition.js";
import { ConnectorError } from "../../domain/errors.js";
import {
  addConfigOption,
  addJobOption,
  addLogOptions,
  type LogOptions,
  loadFor,
  loggerFor,
  selectJobs,
} from "../cli-context.js";

/** `entra-sync test-connection`: Entra's probe, a query for a random GUID that must find nothing. */
export const testConnectionCommand = addLogOptions(
  addJobOption(addConfigOption(new Command("test-connection"))),
  "warn",
)
  .description("check the app's tenant URL and token the way Entra's Test Connection does")
  .action(async (options: { config: string; job?: string } & LogOptions) => {
    const loaded = loadFor(options);
    const runtime = openRuntime(loaded, loggerFor(options, "warn"));
    try {
      for (const job of selectJobs(loaded, options.job)) {
        try {
          await runtime.depsFor(job).target.testConnection(probeAttributeOf(job));
          process.stdout.write(`${job.name}: connection OK (${job.config.target.url})\n`);
        } catch (error) {
          if (!(error instanceof ConnectorError)) throw error;
          process.stdout.write(`${job.name}: connection FAILED: ${error.code}: ${error.message}\n`);
          process.exitCode = 1;
        }
      }
    } finally {
      await runtime.close();
    }
  });
