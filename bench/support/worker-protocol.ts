import { runChild } from "./child.js";

/**
 * What a worker does with its config: `sync` runs one cycle (initial or incremental, as the state decides),
 * `plan` only prepares it (the dry run), `overhead` times the engine's pure stages against a cached read
 * and an in-memory app, `provision` provisions one user on demand.
 */
export type WorkerMode = "sync" | "plan" | "overhead" | "provision";

/** One worker's measurements, sent to the parent over IPC. Times in seconds, memory in MB. */
export interface WorkerResult {
  readonly mode: WorkerMode;
  readonly kind: "initial" | "incremental";
  readonly wallSeconds: number;
  /** Where the wall time went: `read` (Graph), `evaluate` (scope, map, match, plan), `apply`, `record`. */
  readonly stages: Readonly<Record<string, number>>;
  /** Users and groups imported from Graph. */
  readonly imported: number;
  readonly changes: number;
  readonly failures: number;
  /** Up to three distinct failure messages, so a row can say why changes failed. */
  readonly failureSamples: readonly string[];
  readonly baselineRssMB: number;
  readonly peakRssMB: number;
  readonly peakHeapMB: number;
  /** CPU the whole worker process used while measured (every thread: JavaScript, GC, SQLite, sockets). */
  readonly cpuSeconds: number;
  /** Time the worker's event loop was busy while measured: the engine's one JavaScript thread. */
  readonly eventLoopSeconds: number;
}

/**
 * Runs one engine in a child process (`bench/cycle-worker.ts`) while the emulators serve from this one;
 * `subject` is the user `provision` provisions.
 */
export const runWorker = (
  configPath: string,
  mode: WorkerMode,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
  subject = "",
): Promise<WorkerResult> =>
  runChild<WorkerResult>("cycle-worker", [configPath, mode, subject], env, nodeArgs);
