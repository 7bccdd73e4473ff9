import type { BatchCounters } from "../state/state-store.js";

/** Counters of a cycle recorded batch by batch: the sum of every batch's. */
export function addCounters(a: BatchCounters, b: BatchCounters): BatchCounters {
  const entries: Record<string, Record<string, number>> = {};
  for (const side of [a.entries, b.entries])
    for (const [action, byStatus] of Object.entries(side)) {
      const sum = entries[action] ?? {};
      for (const [status, n] of Object.entries(byStatus ?? {})) sum[status] = (sum[status] ?? 0) + n;
      entries[action] = sum;
    }
  return {
    exports: a.exports + b.exports,
    exported: a.exported + b.exported,
    escrowed: a.escrowed + b.escrowed,
    skipped: a.skipped + b.skipped,
    entries,
  };
}

export const NO_COUNTERS: BatchCounters = { exports: 0, exported: 0, escrowed: 0, skipped: 0, entries: {} };
