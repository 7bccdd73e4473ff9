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
 * What a cycle did, counted batch by batch: a cycle does not keep its outcomes (a 100k-user initial cycle
 * has 150k of them), so its summary is built from these counts.
 */
export interface OutcomeTally {
  readonly created: number;
  readonly updated: number;
  readonly disabled: number;
  readonly deleted: number;
  /** Manager and member updates. */
  readonly references: number;
  /** Linked or matched objects already in sync. */
  readonly unchanged: number;
  /** Failed writes plus changes the plan could not make (missing mandatory attribute, duplicates). */
  readonly failed: number;
  /** The first {@link FAILURES_KEPT} failed writes. */
  readonly failures: readonly FailureLine[];
}

export const EMPTY_TALLY: OutcomeTally = {
  created: 0,
  updated: 0,
  disabled: 0,
  deleted: 0,
  references: 0,
  unchanged: 0,
  failed: 0,
  failures: [],
};

const SUCCESS_FIELD = {
  create: "created",
  update: "updated",
  disable: "disabled",
  delete: "deleted",
  manager: "references",
  members: "references",
} as const;

/** The tally after one more batch of outcomes. */
export function tallyOutcomes(tally: OutcomeTally, outcomes: readonly Outcome[]): OutcomeTally {
  const next = { ...tally, failures: [...tally.failures] };
  for (const o of outcomes) {
    const change = o.change;
    if (o.kind === "success" && change.kind in SUCCESS_FIELD)
      next[SUCCESS_FIELD[change.kind as keyof typeof SUCCESS_FIELD]]++;
    else if (o.kind === "failure" || (o.kind === "noop" && change.kind === "fail")) next.failed++;
    else if (
      o.kind === "noop" &&
      (change.kind === "update" || (change.kind === "skip" && change.reason === "RedundantExport"))
    )
      next.unchanged++;
    if (o.kind === "failure" && next.failures.length < FAILURES_KEPT)
      next.failures.push({
        type: change.subject.type,
        displayName: change.subject.displayName,
        code: o.error.code,
        message: o.error.message,
      });
  }
  return next;
}
