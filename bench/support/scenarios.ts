import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import type { CapacityResult } from "../capacity-worker.js";
import { runChild } from "./child.js";
import { type BenchEnv, CONCURRENCY } from "./environment.js";
import { measureCpu } from "./instrument.js";
import type { Row } from "./report.js";
import { startTarget } from "./targets.js";
import { runWorker, type WorkerMode, type WorkerResult } from "./worker-protocol.js";

const TARGET_NAMES = { demo: "demo SCIM app (a)", fast: "fast SCIM app (b)" } as const;

/** Share of the tenant's users changed before the incremental cycle. */
const CHANGED_SHARE = 0.01;

interface EngineRun {
  readonly result: WorkerResult;
  readonly requests: number;
  readonly writes: number;
  readonly graphRequests: number;
  /** CPU this process (Graph emulator and SCIM app) used while the worker ran. */
  readonly emulatorCpuSeconds: number;
}

/** One worker over `env`, with the requests both emulators answered meanwhile. */
async function runEngine(
  env: BenchEnv,
  state: string,
  mode: WorkerMode,
  nodeArgs: readonly string[] = [],
  subject = "",
): Promise<EngineRun> {
  env.target.clear();
  env.graph.clearRequestLog();
  const cpu = measureCpu();
  const result = await runWorker(env.configFor(state), mode, env.workerEnv, nodeArgs, subject);
  const emulatorCpuSeconds = cpu.stop();
  return { result, ...env.target.counts(), graphRequests: env.graph.requestLog.length, emulatorCpuSeconds };
}

const micros = (seconds: number, requests: number) => Math.round((seconds * 1e6) / requests);

/** CPU per SCIM request of the engine and of the emulators, for the cycles whose cost is their requests. */
function cpuPerRequest(run: EngineRun): Record<string, number> {
  return {
    engine: micros(run.result.cpuSeconds, run.requests),
    engineThread: micros(run.result.eventLoopSeconds, run.requests),
    emulators: micros(run.emulatorCpuSeconds, run.requests),
  };
}

function engineRow(name: string, users: number, objects: number, run: EngineRun): Row {
  const { result } = run;
  return {
    name,
    users,
    objects,
    wallSeconds: result.wallSeconds,
    objectsPerSecond: objects / result.wallSeconds,
    requestsPerSecond: run.requests / result.wallSeconds,
    peakRssMB: result.peakRssMB,
    stages: result.stages,
    note:
      `${result.kind}: ${result.changes} changes, ${run.requests} SCIM requests (${run.writes} writes), ` +
      `${run.graphRequests} Graph requests; RSS at start ${result.baselineRssMB} MB, peak heap ${result.peakHeapMB} MB` +
      (result.failures === 0 ? "" : `; ${result.failures} FAILED, e.g. ${result.failureSamples.join(" | ")}`),
  };
}

/** Autocannon's request rate against a fresh fast app: the denominator of every `ratio`. */
export async function targetCapacity(seconds: number): Promise<{ row: Row; capacity: number }> {
  const target = await startTarget("fast");
  try {
    const args = [target.url, target.token, String(CONCURRENCY), String(seconds)];
    const appCpu = measureCpu();
    const result = await runChild<CapacityResult>("capacity-worker", args, process.env);
    const app = micros(appCpu.stop(), result.requests);
    const loadGenerator = micros(result.cpuSeconds, result.requests);
    if (result.failed > 0) throw new Error(`capacity run: ${result.failed} requests failed`);
    const created = Math.floor(result.requests / 2);
    const row: Row = {
      name: `target capacity · ${TARGET_NAMES.fast}`,
      users: created,
      objects: created,
      wallSeconds: result.seconds,
      objectsPerSecond: created / result.seconds,
      requestsPerSecond: result.requestsPerSecond,
      peakRssMB: null,
      cpuMicrosPerRequest: { app, loadGenerator },
      note:
        `autocannon, ${CONCURRENCY} connections, GET filter + POST per user; p50 ${result.p50Ms} ms, ` +
        `p99 ${result.p99Ms} ms; CPU per request: app ${app} µs, autocannon ${loadGenerator} µs`,
    };
    return { row, capacity: result.requestsPerSecond };
  } finally {
    await target.close();
  }
}

export function generateRow(env: BenchEnv): Row {
  const objects = env.tenant.users.length + env.tenant.groups.length;
  return {
    name: "generateTenant",
    users: env.tenant.users.length,
    objects,
    wallSeconds: env.generateSeconds,
    objectsPerSecond: objects / env.generateSeconds,
    requestsPerSecond: null,
    peakRssMB: null,
  };
}

/**
 * The first sync of a fresh state against a fresh app; `capacity` (fast app only) adds the ratio. With
 * `v8HeapGrowth` the engine runs with `--heap-growing-percent=0`, which leaves V8 its own heap growth instead
 * of the CLI's limit (src/cli/heap-growth.ts): the row shows what that limit costs and saves.
 */
export async function initialCycle(env: BenchEnv, capacity?: number, v8HeapGrowth = false): Promise<Row> {
  const nodeArgs = v8HeapGrowth ? ["--heap-growing-percent=0"] : [];
  const run = await runEngine(env, "engine", "sync", nodeArgs);
  const variant = v8HeapGrowth ? " · V8's default heap growth" : "";
  const base = engineRow(
    `initial · ${TARGET_NAMES[env.target.kind]}${variant}`,
    env.tenant.users.length,
    run.result.imported,
    run,
  );
  const cpu = cpuPerRequest(run);
  const row: Row = {
    ...base,
    cpuMicrosPerRequest: cpu,
    note: `${base.note}; CPU per request: engine ${cpu.engine} µs (its thread ${cpu.engineThread}), emulators ${cpu.emulators} µs`,
  };
  if (capacity === undefined) return row;
  const bound = cpuBoundRatios(cpu, capacity);
  return {
    ...row,
    ratio: row.requestsPerSecond! / capacity,
    note:
      `${row.note}; at these costs the ratio is at most ${bound.thread.toFixed(2)} on one engine thread, ` +
      `${bound.cores.toFixed(2)} spread over ${availableParallelism()} cores`,
  };
}

/**
 * The highest ratios the machine allows at the CPU per request a cycle measured, whatever else the code
 * does: `thread`, as the engine's one JavaScript thread cannot be busy longer than the wall time; `cores`,
 * as the engine and the emulators together cannot use more CPU than the cores give, even with the engine's
 * work spread perfectly over threads.
 */
function cpuBoundRatios(cpu: Readonly<Record<string, number>>, capacity: number) {
  return {
    thread: 1e6 / cpu.engineThread! / capacity,
    cores: (availableParallelism() * 1e6) / (cpu.engine! + cpu.emulators!) / capacity,
  };
}

/** The dry run of an initial cycle as `entra-sync plan` runs it (text printed as planned), with its own empty state. */
export async function dryRun(env: BenchEnv): Promise<Row> {
  const run = await runEngine(env, "dry-run", "plan");
  return engineRow(
    `plan (dry run) · ${TARGET_NAMES[env.target.kind]}`,
    env.tenant.users.length,
    run.result.imported,
    run,
  );
}

/** Changes every 100th user's jobTitle in the emulator's store (as a Graph PATCH would), then syncs again. */
export async function incrementalCycle(env: BenchEnv): Promise<Row> {
  const step = Math.round(1 / CHANGED_SHARE);
  const changed = env.tenant.users.filter((_, i) => i % step === 1);
  for (const user of changed) {
    env.graph.store.updateUser(env.graph.store.requireUser(user.id), { jobTitle: "Benchmark Lead" });
  }
  const run = await runEngine(env, "engine", "sync");
  if (run.result.kind !== "incremental")
    throw new Error(`Expected an incremental cycle, got ${run.result.kind}`);
  return engineRow(
    `incremental (1% changed) · ${TARGET_NAMES[env.target.kind]}`,
    env.tenant.users.length,
    changed.length,
    run,
  );
}

/**
 * `restart --reset watermark` after the initial cycle: a full read whose every user is already linked, so
 * the engine compares each one with what it exported (no matching queries) and sends nothing but what
 * changed. Shows what a full cycle over an established tenant costs, links included.
 */
export async function fullResync(env: BenchEnv): Promise<Row> {
  const state = new SqliteStateStore(join(dirname(env.configFor("engine")), "engine.db"));
  state.reset("bench", ["watermark"]);
  state.close();
  const run = await runEngine(env, "engine", "sync");
  if (run.result.kind !== "initial") throw new Error(`Expected a full cycle, got ${run.result.kind}`);
  return engineRow(
    `full re-sync (watermark reset) · ${TARGET_NAMES[env.target.kind]}`,
    env.tenant.users.length,
    run.result.imported,
    run,
  );
}

/**
 * `provision` of one user after the cycles before: a user assigned only through groups (the generator
 * assigns every 50th user directly), whose jobTitle changes first, so on demand sends one PATCH. Its scope
 * needs the user's memberships in every assigned group.
 */
export async function provisionOneUser(env: BenchEnv): Promise<Row> {
  const user = env.tenant.users[1]!;
  env.graph.store.updateUser(env.graph.store.requireUser(user.id), { jobTitle: "On-demand Lead" });
  const run = await runEngine(env, "engine", "provision", [], user.userPrincipalName);
  if (run.result.changes !== 1 || run.result.failures > 0)
    throw new Error(
      `Expected one change on demand, got ${run.result.changes} (${run.result.failureSamples})`,
    );
  return engineRow(
    `provision on demand (one user) · ${TARGET_NAMES[env.target.kind]}`,
    env.tenant.users.length,
    1,
    run,
  );
}

/** scope + map + match + plan in process, against a cached read and an empty in-memory app. */
export async function engineOverhead(env: BenchEnv): Promise<Row> {
  const { result } = await runEngine(env, "overhead", "overhead");
  return {
    name: "engine overhead · in-memory app",
    users: env.tenant.users.length,
    objects: result.imported,
    wallSeconds: result.wallSeconds,
    objectsPerSecond: result.imported / result.wallSeconds,
    requestsPerSecond: null,
    peakRssMB: result.peakRssMB,
    microsPerObject: (result.wallSeconds * 1e6) / result.imported,
    note: `median of repeated prepareCycle runs (view, scope, map, match, plan; ${result.changes} changes planned)`,
  };
}
