#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { JobBusyError } from "../app/with-job-lease.js";
import { formatDiagnostic } from "../config/diagnostics.js";
import { ConfigError } from "../config/load-config.js";
import { SecretResolutionError } from "../config/secret-ref.js";
import { ConnectorError } from "../domain/errors.js";
import { describeStateFailure, isStateFailure, StateFileNotWritableError } from "../state/state-failure.js";
import { UsageError } from "./cli-context.js";
import { appsCommand } from "./commands/apps.js";
import { checkAppCommand } from "./commands/check-app.js";
import { daemonCommand } from "./commands/daemon.js";
import { demoCommand } from "./commands/demo.js";
import { emulatorCommand } from "./commands/emulator.js";
import { exprCommand } from "./commands/expr.js";
import { initCommand } from "./commands/init.js";
import { logsCommand } from "./commands/logs.js";
import { planCommand } from "./commands/plan.js";
import { provisionCommand } from "./commands/provision.js";
import { restartCommand } from "./commands/restart.js";
import { statusCommand } from "./commands/status.js";
import { syncCommand } from "./commands/sync.js";
import { testConnectionCommand } from "./commands/test-connection.js";
import { validateCommand } from "./commands/validate.js";
import { describeFilesystemError, isFixableFilesystemError } from "./filesystem-error.js";
import { limitHeapGrowth } from "./heap-growth.js";

/** Errors people can act on are printed as one clear message; anything else is a bug and keeps its stack. */
function report(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    for (const d of error.diagnostics) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
  } else if (
    error instanceof ConnectorError ||
    error instanceof SecretResolutionError ||
    error instanceof UsageError ||
    error instanceof JobBusyError ||
    error instanceof StateFileNotWritableError
  ) {
    process.stderr.write(`error: ${error.message}\n`);
  } else if (isStateFailure(error)) {
    process.stderr.write(`error: ${describeStateFailure(error)}\n`);
  } else if (isFixableFilesystemError(error)) {
    process.stderr.write(`error: ${describeFilesystemError(error)}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}

limitHeapGrowth();

const program = new Command("entra-sync")
  .description("Microsoft Entra ID style provisioning: Microsoft Graph users and groups → SCIM 2.0 apps")
  .version("0.1.0")
  .exitOverride()
  .addCommand(validateCommand)
  .addCommand(planCommand)
  .addCommand(syncCommand)
  .addCommand(testConnectionCommand)
  .addCommand(checkAppCommand)
  .addCommand(restartCommand)
  .addCommand(daemonCommand)
  .addCommand(statusCommand)
  .addCommand(logsCommand)
  .addCommand(provisionCommand)
  .addCommand(appsCommand)
  .addCommand(initCommand)
  .addCommand(exprCommand)
  .addCommand(emulatorCommand)
  .addCommand(demoCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else report(error);
}
