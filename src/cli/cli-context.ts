import { type Command, Option } from "commander";
import type { JobDefinition } from "../config/job-definition.js";
import { type LoadedConfig, loadConfigOrThrow } from "../config/load-config.js";
import {
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type Logger,
  type LogLevel,
  type LogSink,
  logTo,
  quieter,
} from "../observability/logger.js";

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

/** How a command logs, from its flags: see {@link loggerFor}. */
export interface LogOptions {
  readonly logLevel?: LogLevel;
  readonly logFormat?: LogFormat;
  readonly logFile?: string;
}

/** `--log-level`, `--log-format` and `--log-file`, for a command that logs through {@link loggerFor}. */
export const addLogOptions = (cmd: Command, defaultLevel: LogLevel) =>
  cmd
    .addOption(
      new Option(
        "--log-level <level>",
        `log level (default: LOG_LEVEL; else warnings and errors as human lines, ${defaultLevel} as JSON)`,
      ).choices(LOG_LEVELS),
    )
    .addOption(
      new Option("--log-format <format>", "log lines on stderr: short human lines, or JSON lines")
        .choices(LOG_FORMATS)
        .default("human"),
    )
    .option("--log-file <path>", "also append the structured log (JSON lines) to this file");

/** The level the `LOG_LEVEL` environment variable asks for, if any. */
function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel | undefined {
  const value = env.LOG_LEVEL;
  if (value === undefined || value === "") return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(value))
    throw new UsageError(`Expected LOG_LEVEL to be one of ${LOG_LEVELS.join(", ")}, got "${value}"`);
  return value as LogLevel;
}

/** What a command logs when no flag or `LOG_LEVEL` says otherwise. */
export interface LogDefaults {
  /** Format of the lines on stderr; `--log-format` overrides it. Default human. */
  readonly format?: LogFormat;
  /** Level of human lines on stderr. Default: warnings and errors. */
  readonly humanLevel?: LogLevel;
}

/**
 * A command's logger. The level is `--log-level`, else `LOG_LEVEL`, else the command's `fallback` for the
 * structured log (JSON on stderr or in `--log-file`); human lines on stderr show warnings and errors unless
 * a level was asked for, so a terminal gets the command's output and what went wrong, not its chatter.
 * With `--log-file`, stderr keeps only warnings and errors and the file gets the rest.
 */
export function loggerFor(options: LogOptions, fallback: LogLevel, defaults: LogDefaults = {}): Logger {
  const asked = options.logLevel ?? levelFromEnv(process.env);
  const structured = asked ?? fallback;
  const format = options.logFormat ?? defaults.format ?? "human";
  const onStderr = options.logFile
    ? quieter(structured, "warn")
    : format === "json"
      ? structured
      : (asked ?? defaults.humanLevel ?? quieter(fallback, "warn"));
  const sinks: readonly LogSink[] = [{ format, level: onStderr }];
  if (!options.logFile) return logTo(sinks);
  try {
    return logTo([...sinks, { format: "json", level: structured, file: options.logFile }]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`Expected a writable log file at ${options.logFile}, got ${code}`);
  }
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
