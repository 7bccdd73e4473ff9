import { type Logger, pino } from "pino";

/**
 * Paths pino blanks in every log line. Secrets are never put into log fields on purpose; this is the
 * belt to that pair of braces.
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

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

/**
 * JSON lines by default (for log shippers); pretty, human lines when `pretty` is set (a TTY). Logs go to
 * stderr so stdout stays for command output (plans, JSON).
 */
export function createLogger(level: LogLevel, pretty: boolean): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    base: { service: "entra-sync" },
  };
  if (pretty) {
    return pino({
      ...options,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: true } },
    });
  }
  return pino(options, pino.destination(2));
}

export type { Logger };
