import { Command } from "commander";
import type { ProvisioningLogEntry } from "../../domain/provisioning-log.js";
import { parseLogQuery } from "../../observability/status-server/log-query.js";
import { addConfigOption, addJobOption, loadFor, selectJobs, UsageError } from "../cli-context.js";
import { openStateFile } from "./status.js";

interface LogsOptions {
  readonly config: string;
  readonly job?: string;
  readonly action?: string;
  readonly status?: string;
  readonly object?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** Columns of the CSV download (Entra's ProvisioningLogs file; steps and properties stay in --json). */
const CSV_COLUMNS = [
  "activityDateTime",
  "jobName",
  "cycleId",
  "changeId",
  "action",
  "status",
  "errorCode",
  "objectType",
  "sourceId",
  "sourceDisplayName",
  "targetId",
  "reason",
] as const;

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function renderCsv(entries: readonly ProvisioningLogEntry[]): string {
  const rows = entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(","));
  return [CSV_COLUMNS.join(","), ...rows].join("\r\n");
}

function renderText(entries: readonly ProvisioningLogEntry[]): string {
  return entries
    .map(
      (e) =>
        `${e.activityDateTime}  ${e.jobName}  ${e.action.padEnd(7)} ${e.status.padEnd(8)} ${e.objectType} ${e.sourceDisplayName}` +
        `${e.errorCode ? `  [${e.errorCode}]` : ""}  ${e.reason}`,
    )
    .join("\n");
}

/** `entra-sync logs`: the provisioning log, newest first, filtered like the portal's. */
export const logsCommand = addJobOption(addConfigOption(new Command("logs")))
  .description("show provisioning-log entries, newest first")
  .option("--action <action>", "Create, Update, Disable, Delete, StagedDelete or Other")
  .option("--status <status>", "Success, Failure, Skipped or Warning")
  .option("--object <id-or-name>", "source id, userPrincipalName / displayName, or target id")
  .option("--since <time>", "ISO-8601 time, inclusive")
  .option("--until <time>", "ISO-8601 time, inclusive")
  .option("--limit <n>", "most entries per job (default 100, max 1000)")
  .option("--json", "print entries as JSON (with steps and modified properties)")
  .option("--csv", "print entries as CSV")
  .action((options: LogsOptions) => {
    if (options.json && options.csv) throw new UsageError("Expected --json or --csv, got both");
    const loaded = loadFor(options);
    const store = openStateFile(loaded);
    try {
      const entries = selectJobs(loaded, options.job).flatMap((job) => {
        try {
          const { action, status, object, since, until, limit } = options;
          return store.logs(parseLogQuery(job.name, { action, status, object, since, until, limit }));
        } catch (error) {
          if (error instanceof RangeError) throw new UsageError(error.message);
          throw error;
        }
      });
      entries.sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime));
      const text = options.json
        ? JSON.stringify(entries, null, 2)
        : options.csv
          ? renderCsv(entries)
          : renderText(entries);
      process.stdout.write(`${text}\n`);
    } finally {
      store.close();
    }
  });
