import { startBenchEnv } from "./support/environment.js";
import { formatTable, type Row } from "./support/report.js";
import {
  dryRun,
  engineOverhead,
  fullResync,
  generateRow,
  incrementalCycle,
  initialCycle,
  provisionOneUser,
  targetCapacity,
} from "./support/scenarios.js";
import type { TargetKind } from "./support/targets.js";

/**
 * `npm run bench [-- --quick] [-- --json]`: the engine's benchmark set (docs/benchmarks.md). Progress goes
 * to stderr, the table (or with --json the rows as a JSON array) to stdout. Every engine runs in a child
 * process against emulators served from this one.
 */

interface BenchSet {
  /** Tenant sizes of the initial cycle, per app; the demo app (scimmy) is capped at 10k, see the docs. */
  readonly initial: Readonly<Record<TargetKind, readonly number[]>>;
  /** Tenant size of the dry run, the incremental cycle, the overhead and generateTenant rows. */
  readonly large: number;
  readonly capacitySeconds: number;
}

const FULL: BenchSet = {
  initial: { demo: [1_000, 10_000], fast: [1_000, 10_000, 100_000] },
  large: 100_000,
  capacitySeconds: 10,
};
const QUICK: BenchSet = { initial: { demo: [1_000], fast: [1_000] }, large: 1_000, capacitySeconds: 3 };

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const set = args.includes("--quick") ? QUICK : FULL;
  const started = performance.now();
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    progress(`${row.name} at ${row.users} users: ${row.wallSeconds.toFixed(2)} s`);
  };

  progress(`target capacity (${set.capacitySeconds} s of autocannon)`);
  const { row, capacity } = await targetCapacity(set.capacitySeconds);
  add(row);
  for (const users of set.initial.demo) {
    progress(`initial cycle, demo app, ${users} users`);
    const env = await startBenchEnv(users, "demo");
    add(await initialCycle(env).finally(() => env.close()));
  }
  for (const users of set.initial.fast) {
    progress(`initial cycle, fast app, ${users} users`);
    const env = await startBenchEnv(users, "fast");
    try {
      if (users !== set.large) {
        add(await initialCycle(env, capacity));
        continue;
      }
      add(generateRow(env));
      add(await dryRun(env));
      add(await initialCycle(env, capacity));
      add(await incrementalCycle(env));
      add(await fullResync(env));
      add(await provisionOneUser(env));
      add(await engineOverhead(env));
    } finally {
      await env.close();
    }
  }
  progress(`initial cycle, fast app, ${set.large} users, V8's default heap growth`);
  const unlimited = await startBenchEnv(set.large, "fast");
  add(await initialCycle(unlimited, capacity, true).finally(() => unlimited.close()));
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(
    args.includes("--json") ? `${JSON.stringify(rows, null, 2)}\n` : `${formatTable(rows)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
