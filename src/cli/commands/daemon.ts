import { resolve } from "node:path";
import { Command } from "commander";
import { openRuntime } from "../../app/runtime.js";
import type { LogLevel } from "../../observability/logger.js";
import { assertBindAllowed } from "../../observability/status-server/access.js";
import { startStatusServer } from "../../observability/status-server/server.js";
import { Daemon } from "../../scheduler/daemon.js";
import { JobLock } from "../../state/job-lock.js";
import { addConfigOption, loadFor, loggerFor, UsageError } from "../cli-context.js";

interface DaemonOptions {
  readonly config: string;
  readonly host: string;
  readonly port: string;
  readonly tokenEnv?: string;
  readonly lockLease: string;
  readonly logLevel?: LogLevel;
}

function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`Expected ${what} as a whole number, got "${text}"`);
  return n;
}

function tokenFrom(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const token = process.env[name];
  if (!token)
    throw new UsageError(`Expected the environment variable ${name} to hold the API token, got none`);
  return token;
}

const stopSignals = (): Promise<NodeJS.Signals> =>
  new Promise((done) => {
    process.once("SIGTERM", () => done("SIGTERM"));
    process.once("SIGINT", () => done("SIGINT"));
  });

/**
 * `entra-sync daemon`: every job on its schedule, with the status server. SIGTERM / SIGINT stop scheduling,
 * let running cycles finish, then close everything and exit 0.
 */
export const daemonCommand = addConfigOption(new Command("daemon"))
  .description("run every job on its schedule and serve the status API and dashboard")
  .option("--host <host>", "address the status server binds (other than loopback needs a token)", "127.0.0.1")
  .option("--port <port>", "status server port (0 picks a free one)", "9464")
  .option("--token-env <name>", "environment variable holding the bearer token the status API requires")
  .option("--lock-lease <seconds>", "lease on each job in the state file's lock table", "60")
  .option("--log-level <level>", "log level (default: LOG_LEVEL, else the config's logging.level)")
  .action(async (options: DaemonOptions) => {
    const port = positiveInt(options.port, "a port");
    const leaseMs = positiveInt(options.lockLease, "a lease in seconds") * 1000;
    const token = tokenFrom(options.tokenEnv);
    try {
      assertBindAllowed(options.host, token);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const loaded = loadFor(options);
    // JSON lines for log shippers; on a terminal, human lines at the configured level.
    const logger = loggerFor(options, loaded.config.logging.level, {
      format: process.stderr.isTTY === true ? "human" : "json",
      humanLevel: loaded.config.logging.level,
    });
    // The daemon owns the metrics; connectors report each SCIM request to it once it exists.
    let daemon: Daemon | undefined;
    const runtime = openRuntime(loaded, logger, process.env, {
      onScimRequest: (job, info) => daemon?.recordScimRequest(job, info),
    });
    const lock = new JobLock(resolve(loaded.baseDir, loaded.config.state.path));
    daemon = new Daemon({ jobs: loaded.jobs, runtime, lock, logger, leaseMs });
    try {
      const server = await startStatusServer({ control: daemon, host: options.host, port, token, logger });
      const stopped = stopSignals();
      daemon.start();
      logger.info({ url: server.url, owner: daemon.owner }, "daemon started");
      process.stdout.write(`status server listening on ${server.url}\n`);
      const signal = await stopped;
      logger.info({ signal }, "stopping: waiting for running cycles to finish");
      await daemon.stop();
      await server.close();
      logger.info("daemon stopped");
    } finally {
      lock.close();
      await runtime.close();
    }
  });
