import type { ObjectType, SourceId } from "../domain/ids.js";
import type { EscrowRecord } from "../state/state-store.js";
import type { QuarantineCounts } from "./quarantine.js";

/** What one cycle's record stage decided about escrows (the fields of `RecordResult` / `CycleCommit`). */
export interface CycleEscrowChanges {
  readonly escrows: readonly EscrowRecord[];
  readonly clearedEscrows: readonly { readonly type: ObjectType; readonly sourceId: SourceId }[];
  /** Changes exported successfully this cycle (`counters.exported`). */
  readonly exported: number;
}

/**
 * The escrows outstanding once this cycle is committed: those before it, minus the cleared, plus the new or
 * updated. Computed before the commit so what depends on them is written in the same transaction.
 */
export function escrowsAfter(before: readonly EscrowRecord[], cycle: CycleEscrowChanges): EscrowRecord[] {
  const key = (e: { type: ObjectType; sourceId: SourceId }) => `${e.type}:${e.sourceId}`;
  const outstanding = new Map(before.map((e) => [key(e), e]));
  for (const cleared of cycle.clearedEscrows) outstanding.delete(key(cleared));
  for (const escrow of cycle.escrows) outstanding.set(key(escrow), escrow);
  return [...outstanding.values()];
}

/**
 * The counts quarantine is evaluated on: the escrows outstanding once this cycle is committed
 * ({@link escrowsAfter}), split into object and reference failures.
 */
export function quarantineCounts(
  before: readonly EscrowRecord[],
  cycle: CycleEscrowChanges,
): QuarantineCounts {
  const all = escrowsAfter(before, cycle);
  const referenceFailures = all.filter((e) => e.referenceFailure).length;
  return { failures: all.length - referenceFailures, referenceFailures, successes: cycle.exported };
}
