import type { Outcome } from "./outcome.js";

/** At most this many failures are kept by name; the provisioning log has every one. */
export const FAILURES_KEPT = 50;

/** One failed change, for people: who, and why. */
export interface FailureLine {
  readonly type: string;
  readonly displayName: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The one bucket each outcome is counted in. Every outcome has exactly one, so the buckets add up to the
 * changes a cycle handled: the count `sync`'s progress shows, and the summary's total.
 */
export type OutcomeCategory =
  | "created"
  | "updated"
  | "disabled"
  | "deleted"
  /** Manager and member updates. */
  | "references"
  /** Linked or matched objects (and references) already in sync. */
  | "unchanged"
  /** Out of scope, or not provisioned for another reason Entra logs as a skip. */
  | "skipped"
  /** Disables and deletes held by the accidental-deletion guard. */
  | "held"
  /** Failed writes plus changes the plan could not make (missing mandatory attribute, duplicates). */
  | "failed"
  /** The cycle stopped (a job-level failure, a graceful stop) before sending it. */
  | "notAttempted";

/**
 * What a cycle did, counted batch by batch: a cycle does not keep its outcomes (a 100k-user initial cycle
 * has 150k of them), so its summary is built from these counts.
 */
export type OutcomeTally = Readonly<Record<OutcomeCategory, number>> & {
  /** The first {@link FAILURES_KEPT} failed writes. */
  readonly failures: readonly FailureLine[];
};

export const EMPTY_TALLY: OutcomeTally = {
  created: 0,
  updated: 0,
  disabled: 0,
  deleted: 0,
  references: 0,
  unchanged: 0,
  skipped: 0,
  held: 0,
  failed: 0,
  notAttempted: 0,
  failures: [],
};

const WRITTEN = {
  create: "created",
  update: "updated",
  disable: "disabled",
  delete: "deleted",
  manager: "references",
  members: "references",
} as const satisfies Record<string, OutcomeCategory>;

/**
 * The bucket of one outcome: a failure, a change never sent, a write the app accepted (by its kind), or a
 * change with nothing to send: a skip, a held deletion, a failure found while planning, or a write already
 * in sync (an update with no attribute changes, a manager the app already names).
 */
export function outcomeCategory(outcome: Outcome): OutcomeCategory {
  const { change } = outcome;
  if (outcome.kind === "failure") return "failed";
  if (outcome.kind === "notAttempted") return "notAttempted";
  if (outcome.kind === "success" && change.kind in WRITTEN)
    return WRITTEN[change.kind as keyof typeof WRITTEN];
  if (change.kind === "skip") return change.reason === "RedundantExport" ? "unchanged" : "skipped";
  if (change.kind === "fail") return "failed";
  if (change.kind === "stagedDelete") return "held";
  return "unchanged";
}

/** Every change the tally counted: what `sync`'s progress reached at the end. */
export const tallyTotal = (t: OutcomeTally): number =>
  t.created +
  t.updated +
  t.disabled +
  t.deleted +
  t.references +
  t.unchanged +
  t.skipped +
  t.held +
  t.failed +
  t.notAttempted;

/** The tally after one more batch of outcomes. */
export function tallyOutcomes(tally: OutcomeTally, outcomes: readonly Outcome[]): OutcomeTally {
  const next = { ...tally, failures: [...tally.failures] };
  for (const o of outcomes) {
    next[outcomeCategory(o)]++;
    if (o.kind === "failure" && next.failures.length < FAILURES_KEPT)
      next.failures.push({
        type: o.change.subject.type,
        displayName: o.change.subject.displayName,
        code: o.error.code,
        message: o.error.message,
      });
  }
  return next;
}
