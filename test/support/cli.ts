import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** tsx's loader by absolute URL: `--import tsx` alone resolves from the child's cwd, which may be elsewhere. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and as whom the child runs: the repository root and this process's user unless told. */
export interface CliSpawnOptions {
  readonly cwd?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** `entra-sync <args>` in a real child process (`node --import tsx src/cli/main.ts`), output captured. */
export function startCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: CliSpawnOptions = {},
): {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
} {
  const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd: ROOT,
    ...options,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv, options: CliSpawnOptions = {}) =>
  startCli(args, env, options).done;
