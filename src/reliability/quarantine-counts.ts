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
 * The counts quarantine is evaluated on: the escrows outstanding once this cycle is committed (those
 * before it, minus the cleared, plus the new or updated), split into object and reference failures.
 * Computed before the commit so the quarantine state can be written in the same transaction.
 */
export function quarantineCounts(
  before: readonly EscrowRecord[],
  cycle: CycleEscrowChanges,
): QuarantineCounts {
  const key = (e: { type: ObjectType; sourceId: SourceId }) => `${e.type}:${e.sourceId}`;
  const outstanding = new Map(before.map((e) => [key(e), e]));
  for (const cleared of cycle.clearedEscrows) outstanding.delete(key(cleared));
  for (const escrow of cycle.escrows) outstanding.set(key(escrow), escrow);
  const all = [...outstanding.values()];
  const referenceFailures = all.filter((e) => e.referenceFailure).length;
  return { failures: all.length - referenceFailures, referenceFailures, successes: cycle.exported };
}
