import { Writable } from "node:stream";
import type { CycleDeps } from "../src/app/cycle-deps.js";
import { provisionOnDemand } from "../src/app/on-demand.js";
import { selectionFor } from "../src/app/read-source.js";
import { prepareCycle, runCycle, streamPlan } from "../src/app/run-cycle.js";
import { openRuntime } from "../src/app/runtime.js";
import { limitHeapGrowth } from "../src/cli/heap-growth.js";
import { printPlan } from "../src/cli/plan-output.js";
import { textPlanOutput } from "../src/cli/render-plan.js";
import type { JobDefinition } from "../src/config/job-definition.js";
import { loadConfigOrThrow } from "../src/config/load-config.js";
import { MemoryUsers } from "../src/domain/user-collection.js";
import { createLogger } from "../src/observability/logger.js";
import { reply, runMain } from "./support/child.js";
import { measureProcessLoad, observeMethods, sampleMemory } from "./support/instrument.js";
import { emptyMemoryTarget } from "./support/memory-target.js";
import type { WorkerMode, WorkerResult } from "./support/worker-protocol.js";

/**
 * One engine in its own process (started by `runWorker`): opens the runtime from a config written by the
 * parent, runs the requested mode once, and sends its figures back over IPC.
 */

type Measured = Omit<
  WorkerResult,
  "mode" | "baselineRssMB" | "peakRssMB" | "peakHeapMB" | "cpuSeconds" | "eventLoopSeconds"
>;

const seconds = (ms: number) => ms / 1000;

/** Repetitions of the overhead measurement; the median is reported. */
const OVERHEAD_RUNS = 5;

interface Marks {
  /** When the last Graph read of the cycle finished (reads run concurrently). */
  readEnd: number;
  commitMs: number;
}

/** The real connectors, observed: when the Graph reads finished and how long the SQLite writes took. */
function observed(deps: CycleDeps, marks: Marks): CycleDeps {
  return {
    ...deps,
    source: observeMethods(deps.source, ["readAll", "readChanges", "readAssignments"], (_, __, ended) => {
      marks.readEnd = Math.max(marks.readEnd, ended);
    }),
    store: observeMethods(deps.store, ["recordBatch", "commitCycle"], (_, started, ended) => {
      marks.commitMs += ended - started;
    }),
  };
}

/** The dry run as `entra-sync plan` runs it: the plan printed as text while it is made, into a sink. */
async function dryRun(live: CycleDeps, job: JobDefinition, started: number, marks: Marks): Promise<Measured> {
  const stream = await streamPlan(live, job);
  let changes = 0;
  const sink = new Writable({
    decodeStrings: false,
    write(_chunk, _encoding, done) {
      done();
    },
  });
  await printPlan(
    stream,
    (heading) => {
      const text = textPlanOutput((chunk) => sink.write(chunk), heading);
      return {
        add(batch) {
          changes += batch.length;
          text.add(batch);
        },
        end: (guard) => text.end(guard),
      };
    },
    sink,
  );
  const ended = performance.now();
  return {
    kind: stream.heading.cycleKind,
    wallSeconds: seconds(ended - started),
    stages: { read: seconds(marks.readEnd - started), evaluate: seconds(ended - marks.readEnd) },
    imported: stream.read.imported,
    changes,
    failures: 0,
    failureSamples: [],
  };
}

/**
 * The dry run ({@link dryRun}) or a whole cycle as `sync` runs it (`runCycle`: read, then planning and
 * applying overlap batch by batch, each batch recorded as it ends).
 */
async function cycle(deps: CycleDeps, job: JobDefinition, apply: boolean): Promise<Measured> {
  const started = performance.now();
  const marks: Marks = { readEnd: started, commitMs: 0 };
  const live = observed(deps, marks);
  if (!apply) return dryRun(live, job, started, marks);
  const summary = await runCycle(live, job);
  const ended = performance.now();
  const { readEnd, commitMs: record } = marks;
  const { counters } = summary.cycle;
  const { tally } = summary;
  return {
    kind: summary.cycle.kind,
    wallSeconds: seconds(ended - started),
    stages: {
      read: seconds(readEnd - started),
      "evaluate+apply": seconds(ended - readEnd - record),
      record: seconds(record),
    },
    imported: counters.imported ?? 0,
    changes: Object.values(counters.entries ?? {})
      .flatMap((byStatus) => Object.values(byStatus ?? {}))
      .reduce((a, b) => a + b, 0),
    failures: tally.failed,
    failureSamples: [...new Set(tally.failures.map((f) => `${f.code}: ${f.message}`))].slice(0, 3),
  };
}

/**
 * Reads Graph once into memory, then times whole `prepareCycle`s against that read and an empty in-memory
 * app: scope, map, match and plan, without Graph, HTTP or the user spool (the read stage's cost, in the
 * cycle rows).
 */
async function overhead(deps: CycleDeps, job: JobDefinition): Promise<Measured> {
  const tenant = deps.source.readAll(selectionFor(job), new MemoryUsers());
  const assignments = deps.source.readAssignments(deps.servicePrincipalId);
  const offline: CycleDeps = {
    ...deps,
    source: { ...deps.source, readAll: () => tenant, readAssignments: () => assignments },
    target: emptyMemoryTarget,
  };
  const first = await prepareCycle(offline, job);
  const runs: number[] = [];
  for (let i = 0; i < OVERHEAD_RUNS; i++) {
    const started = performance.now();
    await prepareCycle(offline, job);
    runs.push(performance.now() - started);
  }
  const median = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return {
    kind: first.plan.cycleKind,
    wallSeconds: seconds(median),
    stages: { evaluate: seconds(median) },
    imported: first.imported,
    changes: first.plan.changes.length,
    failures: 0,
    failureSamples: [],
  };
}

/** One user provisioned on demand, as `entra-sync provision` does, on the state the cycles before left. */
async function onDemand(deps: CycleDeps, job: JobDefinition, user: string): Promise<Measured> {
  const started = performance.now();
  const result = await provisionOnDemand(deps, job, user);
  const failed = result.status === "Failure";
  return {
    kind: "initial",
    wallSeconds: seconds(performance.now() - started),
    stages: {},
    imported: 1,
    changes: result.entry ? 1 : 0,
    failures: failed ? 1 : 0,
    failureSamples: failed ? [result.steps.at(-1)?.description ?? "failed"] : [],
  };
}

async function main(): Promise<void> {
  // As the CLI does (src/cli/main.ts), unless the parent passed its own --heap-growing-percent.
  limitHeapGrowth();
  const [configPath, mode, subject] = process.argv.slice(2) as [string, WorkerMode, string];
  const loaded = loadConfigOrThrow(configPath);
  const runtime = openRuntime(loaded, createLogger("silent", false));
  const job = loaded.jobs[0]!;
  const deps = runtime.depsFor(job);
  const baselineRssMB = Math.round(process.memoryUsage().rss / 1048576);
  const memory = sampleMemory();
  const load = measureProcessLoad();
  const measured =
    mode === "overhead"
      ? await overhead(deps, job)
      : mode === "provision"
        ? await onDemand(deps, job, subject)
        : await cycle(deps, job, mode === "sync");
  const result: WorkerResult = { mode, baselineRssMB, ...memory.stop(), ...load.stop(), ...measured };
  await runtime.close();
  reply(result);
}

runMain(main);
