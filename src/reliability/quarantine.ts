import { z } from "zod";
import type { ConnectorError } from "../domain/errors.js";
import { nextQuarantineAttempt, quarantineExpired } from "./quarantine-schedule.js";
import type { QuarantineThresholds } from "./quarantine-thresholds.js";

/** The subset of Graph's `quarantineReason` enum this engine can reach (engine-behavior.md §4.2). */
export const quarantineReasons = [
  "EncounteredQuarantineException",
  "TooManyDeletes",
  "EncounteredTotalEscrowThreshold",
  "EncounteredBaseEscrowThreshold",
  "EncounteredEscrowProportionThreshold",
] as const;
export type QuarantineReason = (typeof quarantineReasons)[number];

/**
 * Graph's `synchronizationQuarantine` (§7) plus `disabled`, as stored between cycles: parse stored JSON
 * with this schema. Times are ISO-8601 strings.
 */
export const quarantineStateSchema = z.strictObject({
  reason: z.enum(quarantineReasons),
  /** What tripped it; never holds a secret (ConnectorError messages do not). */
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  /** When this series began: the cycle that first quarantined the job. Kept until quarantine lifts. */
  seriesBegan: z.iso.datetime(),
  /** When quarantine was last evaluated and left in effect (this cycle). */
  currentBegan: z.iso.datetime(),
  /** When the scheduler should run the job next; null once disabled. */
  nextAttempt: z.iso.datetime().nullable(),
  /** Re-evaluations in this series that left the quarantine in effect: 0 when it begins. */
  seriesCount: z.number().int().min(0),
  /** The series outlived `disableAfterDays`: the job stops running until an admin restarts it. */
  disabled: z.boolean(),
});
export type QuarantineState = z.output<typeof quarantineStateSchema>;

/** Failure and success counts of the cycle just recorded. */
export interface QuarantineCounts {
  /** Objects escrowed after this cycle for a failure of their own (create, update, disable, delete). */
  readonly failures: number;
  /** Escrowed manager and member changes: Entra's reference failures, excluded from the share and 40,000. */
  readonly referenceFailures: number;
  /** Changes this cycle exported successfully. */
  readonly successes: number;
}

export interface QuarantineInput {
  readonly counts: QuarantineCounts;
  /** The failure that stopped the cycle, if any; only `scope: "job"` (credentials, wrong URL) quarantines. */
  readonly jobError: ConnectorError | null;
  /** The plan's deletion guard (`Plan.deletionGuard`). */
  readonly deletionGuard: { readonly planned: number; readonly threshold: number; readonly tripped: boolean };
  /** The job's quarantine before this cycle. */
  readonly previous: QuarantineState | null;
  readonly now: Date;
  readonly thresholds: QuarantineThresholds;
}

type Trigger = { readonly reason: QuarantineReason; readonly error: QuarantineState["error"] };

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * Why this cycle quarantines the job, or null. The order matters only for the reason shown: a job-level
 * error explains everything after it, and held deletions are the admin's next decision, so both come
 * before the counts.
 */
function quarantineTrigger(input: QuarantineInput): Trigger | null {
  const { counts, jobError, deletionGuard, thresholds: t } = input;
  if (jobError?.scope === "job") {
    return {
      reason: "EncounteredQuarantineException",
      error: { code: jobError.code, message: jobError.message },
    };
  }
  if (deletionGuard.tripped) {
    return {
      reason: "TooManyDeletes",
      error: {
        code: "TooManyDeletes",
        message: `Expected at most ${deletionGuard.threshold} disables and deletes in one cycle, got ${deletionGuard.planned}`,
      },
    };
  }
  const all = counts.failures + counts.referenceFailures;
  if (all < t.evaluationFloor) return null;
  if (all > t.maxTotalFailures) {
    return {
      reason: "EncounteredTotalEscrowThreshold",
      error: {
        code: "EncounteredTotalEscrowThreshold",
        message: `Expected at most ${t.maxTotalFailures} escrowed failures, got ${all} (${counts.failures} object, ${counts.referenceFailures} reference)`,
      },
    };
  }
  if (counts.failures > t.maxNonReferenceFailures) {
    return {
      reason: "EncounteredBaseEscrowThreshold",
      error: {
        code: "EncounteredBaseEscrowThreshold",
        message: `Expected at most ${t.maxNonReferenceFailures} escrowed object failures, got ${counts.failures}`,
      },
    };
  }
  const events = counts.failures + counts.successes;
  const share = events === 0 ? 0 : counts.failures / events;
  if (share > t.maxFailedShare) {
    return {
      reason: "EncounteredEscrowProportionThreshold",
      error: {
        code: "EncounteredEscrowProportionThreshold",
        message: `Expected at most ${percent(t.maxFailedShare)} of exports to fail, got ${percent(share)} (${counts.failures} of ${events})`,
      },
    };
  }
  return null;
}

/**
 * Entra's quarantine, evaluated after each recorded cycle: the job's quarantine state from now on, or null
 * when the cycle lifts (or never entered) quarantine. A cycle that trips nothing lifts quarantine at once,
 * as Entra's "any successful retry lifts quarantine". A continuing series keeps its start, so the back-off
 * and the 28-day limit count from the first failure, even when the reason changes.
 */
export function evaluateQuarantine(input: QuarantineInput): QuarantineState | null {
  const trigger = quarantineTrigger(input);
  if (!trigger) return null;
  return quarantineFrom(trigger, input.previous, input.now, input.thresholds);
}

/**
 * After a cycle that failed for a reason other than the job's own (Graph or the app unreachable, the state
 * store): such a cycle proves nothing about the app, so a quarantine in effect continues its series (the
 * next attempt moves out, as after any failing re-evaluation) and a healthy job stays healthy.
 */
export function continueQuarantine(
  previous: QuarantineState | null,
  now: Date,
  thresholds: QuarantineThresholds,
): QuarantineState | null {
  return previous && quarantineFrom(previous, previous, now, thresholds);
}

function quarantineFrom(
  trigger: Trigger,
  previous: QuarantineState | null,
  now: Date,
  thresholds: QuarantineThresholds,
): QuarantineState {
  const seriesBegan = previous ? new Date(previous.seriesBegan) : now;
  // Sticky: a disabled job stays disabled until a cycle succeeds, even if the limit is raised meanwhile.
  const disabled = (previous?.disabled ?? false) || quarantineExpired(seriesBegan, now, thresholds);
  return {
    reason: trigger.reason,
    error: trigger.error,
    seriesBegan: seriesBegan.toISOString(),
    currentBegan: now.toISOString(),
    nextAttempt: disabled ? null : nextQuarantineAttempt(seriesBegan, now, thresholds).toISOString(),
    seriesCount: previous ? previous.seriesCount + 1 : 0,
    disabled,
  };
}
