import { type DestinationStream, type Logger, pino } from "pino";
import { humanLogLine } from "./human-log-line.js";

/**
 * Paths pino blanks in every log line. Secrets are never put into log fields on purpose; this is the
 * belt to that pair of braces. Redaction happens before a line is written, so it covers every format.
 */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "clientSecret",
  "*.clientSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "accessToken",
  "*.accessToken",
];

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ["human", "json"] as const;
/** `human`: short lines for a terminal (`humanLogLine`); `json`: pino's JSON lines, for log shippers. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** One place log lines go, with its own format and level. */
export interface LogSink {
  readonly format: LogFormat;
  readonly level: LogLevel;
  /** A file the lines are appended to (created with its folder if missing); stderr when absent. */
  readonly file?: string;
}

/** pino's number for a level; `silent` is above every other. */
const levelValue = (level: LogLevel) =>
  level === "silent" ? Number.POSITIVE_INFINITY : (pino.levels.values[level] ?? 0);

/** The less verbose of two levels (`warn` and `info` → `warn`; `silent` and `warn` → `silent`). */
export const quieter = (a: LogLevel, b: LogLevel): LogLevel => (levelValue(a) >= levelValue(b) ? a : b);

/**
 * A sink's stream. Human lines on a terminal first clear the current line, so a warning in the middle of
 * `sync`'s progress line stands on a line of its own (the progress is redrawn at its next update).
 */
function streamFor(sink: LogSink): DestinationStream {
  const out = pino.destination(
    sink.file === undefined
      ? { dest: 2, sync: true }
      : { dest: sink.file, sync: true, append: true, mkdir: true },
  );
  if (sink.format === "json") return out;
  const clear = sink.file === undefined && process.stderr.isTTY === true ? "\r\x1b[2K" : "";
  return { write: (line: string) => out.write(`${clear}${humanLogLine(line)}\n`) };
}

/**
 * The one logger factory: every command and the daemon log through it, to any number of sinks (stderr in
 * one format, a file in JSON), each at its own level, with the same redaction. Logs never go to stdout,
 * which stays for command output (plans, summaries, JSON). Writes are synchronous, so a one-shot command
 * that exits right after its last line loses none.
 */
export function logTo(sinks: readonly LogSink[]): Logger {
  const active = sinks.filter((s) => s.level !== "silent");
  const options = {
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: { service: "entra-sync" },
  };
  if (active.length === 0) return pino({ ...options, level: "silent" });
  const lowest = active.reduce((a, b) => (levelValue(b.level) < levelValue(a.level) ? b : a)).level;
  const streams = active.map((s) => ({ level: s.level as pino.Level, stream: streamFor(s) }));
  return pino({ ...options, level: lowest }, pino.multistream(streams));
}

/** A logger to stderr alone: human lines when `human` is set, else JSON lines. */
export const createLogger = (level: LogLevel, human: boolean): Logger =>
  logTo([{ level, format: human ? "human" : "json" }]);

export type { Logger };
