import type { Command } from "commander";
import type { JobDefinition } from "../config/job-definition.js";
import { type LoadedConfig, loadConfigOrThrow } from "../config/load-config.js";
import { createLogger, type Logger, type LogLevel } from "../observability/logger.js";

/** A command-line usage problem: printed without a stack, exit code 1. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface CommonOptions {
  readonly config: string;
  readonly job?: string;
  readonly logLevel?: LogLevel;
}

export const addConfigOption = (cmd: Command) =>
  cmd.requiredOption("-c, --config <file>", "configuration file (YAML)");
export const addJobOption = (cmd: Command) =>
  cmd.option("--job <name>", "only this job (default: every job)");

export function loggerFor(options: { logLevel?: LogLevel }, fallback: LogLevel): Logger {
  return createLogger(options.logLevel ?? fallback, process.stderr.isTTY === true);
}

export function loadFor(options: CommonOptions): LoadedConfig {
  return loadConfigOrThrow(options.config);
}

/** The jobs a command acts on: the named one, or all. */
export function selectJobs(loaded: LoadedConfig, name: string | undefined): readonly JobDefinition[] {
  if (name === undefined) return loaded.jobs;
  const job = loaded.jobs.find((j) => j.name === name);
  if (!job)
    throw new UsageError(`Expected a job name (${loaded.jobs.map((j) => j.name).join(", ")}), got "${name}"`);
  return [job];
}
