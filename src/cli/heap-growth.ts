import { setFlagsFromString } from "node:v8";

/**
 * How far, in percent, V8 lets the old generation grow past what survived its last full collection before
 * it collects again.
 *
 * Why: V8 picks this factor itself, up to 4× for a heap that allocates fast, as a cycle does. At 100k users
 * the engine's live heap is ~100 MB, and V8's default let the process reach ~570 MB; at 50% it peaks
 * ~320 MB for ~3% more wall time (docs/benchmarks.md). Unlike `--max-old-space-size` this is no ceiling: a
 * bigger tenant still gets the heap it needs.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets {@link HEAP_GROWING_PERCENT} for this process unless it was started with its own
 * `--heap-growing-percent` (V8 reads the flag at every full collection, so setting it at start-up takes
 * effect; test/cli/heap-growth.test.ts proves it). Returns whether it set it.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  const ownSetting = execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
  if (ownSetting) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
