import type { ObjectType, SourceId } from "../domain/ids.js";
import { escrowKey } from "../pipeline/record.js";
import type { EarlierFailure } from "../plan/change.js";
import type { EscrowRecord, StateStore } from "../state/state-store.js";

/**
 * What the engine knows it has not provisioned, as one cycle sees it: escrowed objects (retried on their
 * schedule) and released ones (their escrow cleared by a restart, pruned or expired, evaluated in the next
 * cycle whatever it reads). Neither may be forgotten by an incremental cycle that the delta does not touch.
 */
export interface Outstanding {
  /** Objects an incremental cycle evaluates although the delta did not mention them. */
  readonly retry: { readonly users: readonly SourceId[]; readonly groups: readonly SourceId[] };
  /** By {@link escrowKey}: the earlier failure of each object this cycle evaluates again. */
  readonly failures: ReadonlyMap<string, EarlierFailure>;
  /** Escrows not due yet: not evaluated this cycle, and still not in the app. */
  readonly waiting: readonly EscrowRecord[];
}

/**
 * The job's outstanding objects at `now` (ISO). A full read evaluates every object anyway, so nothing waits
 * then; an incremental one retries the due escrows and every released object.
 */
export function outstandingAt(store: StateStore, job: string, now: string, fullRead: boolean): Outstanding {
  const failures = new Map<string, EarlierFailure>();
  const retry = { users: [] as SourceId[], groups: [] as SourceId[] };
  const waiting: EscrowRecord[] = [];
  const evaluate = (object: { type: ObjectType; sourceId: SourceId }, failure: EarlierFailure): void => {
    failures.set(escrowKey(object.type, object.sourceId), failure);
    (object.type === "user" ? retry.users : retry.groups).push(object.sourceId);
  };
  for (const e of store.escrows(job)) {
    if (!fullRead && e.nextAttempt > now) waiting.push(e);
    else evaluate(e, { ...failureOf(e), releasedBy: null });
  }
  for (const r of store.releasedEscrows(job)) evaluate(r, { ...failureOf(r), releasedBy: r.releasedBy });
  return { retry, failures, waiting };
}

const failureOf = (e: Pick<EscrowRecord, "lastFailed" | "errorCode" | "errorMessage">) => ({
  lastFailed: e.lastFailed,
  errorCode: e.errorCode,
  errorMessage: e.errorMessage,
});

/** The changes of a batch, each marked with its object's earlier failure where it has one. */
export function markEarlierFailures<C extends { readonly subject: { type: ObjectType; sourceId: SourceId } }>(
  changes: C[],
  failures: ReadonlyMap<string, EarlierFailure>,
): C[] {
  if (failures.size === 0) return changes;
  return changes.map((c) => {
    const earlierFailure = failures.get(escrowKey(c.subject.type, c.subject.sourceId));
    return earlierFailure ? { ...c, earlierFailure } : c;
  });
}
