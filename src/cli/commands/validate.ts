import { Command } from "commander";
import { formatDiagnostic } from "../../config/diagnostics.js";
import { parseConfig, readConfigFile } from "../../config/load-config.js";

/** `entra-sync validate -c FILE`: every problem at once, each with its YAML path; exit 1 if any. */
export const validateCommand = new Command("validate")
  .description("check a configuration file and report every problem with its YAML path")
  .requiredOption("-c, --config <file>", "configuration file (YAML)")
  .action((options: { config: string }) => {
    const result = parseConfig(readConfigFile(options.config), options.config);
    if (result.ok) {
      const jobs = result.loaded.jobs.map((j) => `${j.name} (${j.template.displayName})`).join(", ");
      process.stdout.write(`${options.config} is valid: ${result.loaded.jobs.length} job(s): ${jobs}\n`);
      return;
    }
    process.stderr.write(`${options.config}: ${result.diagnostics.length} problem(s)\n`);
    for (const d of result.diagnostics) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    process.exitCode = 1;
  });
