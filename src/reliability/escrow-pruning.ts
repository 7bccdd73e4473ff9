import type { QuarantineReason, QuarantineState } from "./quarantine.js";

/** The count-based quarantine reasons: too many objects failing, as opposed to the job itself failing. */
const ESCROW_THRESHOLDS: ReadonlySet<QuarantineReason> = new Set([
  "EncounteredTotalEscrowThreshold",
  "EncounteredBaseEscrowThreshold",
  "EncounteredEscrowProportionThreshold",
]);

/**
 * Entra's `escrowsPruned` (Graph `synchronizationStatus`): an initial synchronization that reaches an escrow
 * threshold does not go into quarantine; its escrows are cleared and the job pauses for the admin to clean
 * up the errors. A job-level error (credentials, wrong URL) or held deletions quarantine as in any cycle,
 * and an incremental cycle that reaches a threshold is quarantined.
 */
export function prunesEscrows(
  cycleKind: "initial" | "incremental",
  quarantine: QuarantineState | null,
): quarantine is QuarantineState {
  return cycleKind === "initial" && quarantine !== null && ESCROW_THRESHOLDS.has(quarantine.reason);
}
