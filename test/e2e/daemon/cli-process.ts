import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("../../../src/cli/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Polls until `probe` returns a value (not undefined); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Expected ${what} within ${timeoutMs} ms, got none${last ? ` (last error: ${String(last)})` : ""}`,
  );
}

export interface DaemonProcess {
  /** The status server's base URL, as the daemon printed it. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the daemon logged so far (JSON lines). */
  stderr(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `entra-sync daemon -c <config> --port 0 …` and waits for it to say where it listens. */
export async function spawnDaemon(
  configPath: string,
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
): Promise<DaemonProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      ENTRY,
      "daemon",
      "-c",
      configPath,
      "--port",
      "0",
      "--log-level",
      "info",
      ...extraArgs,
    ],
    { cwd: ROOT, env },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await waitFor("the daemon to print its status URL", async () => {
    if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${stderr}`);
    return /listening on (http:\S+)/.exec(stdout)?.[1];
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** GET a JSON document from the daemon's API. */
export async function getJson<T = unknown>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Expected 200 from ${url}, got ${response.status}`);
  return (await response.json()) as T;
}
