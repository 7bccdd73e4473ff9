import { Command } from "commander";
import { loadAppTemplates } from "../../config/app-template.js";
import { formatDiagnostic } from "../../config/diagnostics.js";
import { parseConfig, readConfigFile } from "../../config/load-config.js";

/**
 * `entra-sync validate -c FILE`: every problem at once, each with its YAML path; exit 1 if any. Beyond the
 * schema it asks whether the file is ready to run: no unfilled `init` placeholders and, unless
 * `--no-secrets` (CI without the secrets), every secret reference resolving here.
 */
export const validateCommand = new Command("validate")
  .description("check a configuration file and report every problem with its YAML path")
  .requiredOption("-c, --config <file>", "configuration file (YAML)")
  .option("--no-secrets", "do not check that env: and file: secret references resolve (CI without secrets)")
  .action((options: { config: string; secrets: boolean }) => {
    const result = parseConfig(
      readConfigFile(options.config),
      options.config,
      loadAppTemplates(),
      process.env,
      {
        ...(options.secrets && { secretsFrom: process.env }),
      },
    );
    if (result.ok) {
      const jobs = result.loaded.jobs.map((j) => `${j.name} (${j.template.displayName})`).join(", ");
      const unchecked = options.secrets ? "" : " (secret references not checked: --no-secrets)";
      process.stdout.write(
        `${options.config} is valid${unchecked}: ${result.loaded.jobs.length} job(s): ${jobs}\n`,
      );
      return;
    }
    process.stderr.write(`${options.config}: ${result.diagnostics.length} problem(s)\n`);
    for (const d of result.diagnostics) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    process.exitCode = 1;
  });
