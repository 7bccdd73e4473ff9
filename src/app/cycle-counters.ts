import type { CycleCounters } from "../state/state-store.js";

/** Counters of a cycle recorded batch by batch: the sum of every batch's. */
export function addCounters(a: CycleCounters, b: CycleCounters): CycleCounters {
  const byAction = { ...a.byAction };
  for (const [action, n] of Object.entries(b.byAction) as [keyof typeof byAction, number][])
    byAction[action] = (byAction[action] ?? 0) + n;
  return {
    imported: a.imported + b.imported,
    inScope: a.inScope + b.inScope,
    exports: a.exports + b.exports,
    exported: a.exported + b.exported,
    escrowed: a.escrowed + b.escrowed,
    skipped: a.skipped + b.skipped,
    byAction,
  };
}

export const NO_COUNTERS: CycleCounters = {
  imported: 0,
  inScope: 0,
  exports: 0,
  exported: 0,
  escrowed: 0,
  skipped: 0,
  byAction: {},
};
