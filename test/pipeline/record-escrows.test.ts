import { describe, expect, it } from "vitest";
import { escrowExpired } from "../../src/app/escrow-schedule.js";
import { ConnectorError } from "../../src/domain/errors.js";
import type { SourceId } from "../../src/domain/ids.js";
import type { Outcome } from "../../src/executor/outcome.js";
import { type RecordContext, recordOutcomes } from "../../src/pipeline/record.js";
import type { EscrowRecord } from "../../src/state/state-store.js";

const NOW = "2026-11-22T12:00:00.000Z";
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const alice = "alice" as SourceId;

/** Alice's create failing again with a 500, after the attempts an earlier escrow counted. */
const failedCreate: Outcome = {
  kind: "failure",
  change: {
    kind: "create",
    subject: { type: "user", sourceId: alice, displayName: "alice@contoso.test" },
    attributes: { userName: "alice@contoso.test" },
    steps: [],
  },
  error: new ConnectorError("InternalServerError", "POST /Users answered 500", "transient"),
  durationMs: 3,
};

function escrowSince(firstFailed: string): EscrowRecord {
  return {
    type: "user",
    sourceId: alice,
    displayName: "alice@contoso.test",
    attempts: 9,
    firstFailed,
    lastFailed: daysBefore(1),
    nextAttempt: NOW,
    errorCode: "InternalServerError",
    errorMessage: "POST /Users answered 500",
    referenceFailure: false,
  };
}

function record(previous: EscrowRecord | null, released: ReadonlySet<string> = new Set()) {
  const ctx: RecordContext = {
    jobName: "job",
    cycleId: "c1",
    appName: "App",
    now: NOW,
    newId: () => "n",
    linkOf: () => undefined,
    escrows: new Map(previous ? [["user:alice", previous]] : []),
    released,
    nextAttempt: () => "2026-11-23T12:00:00.000Z",
    escrowExpired: (firstFailed) => escrowExpired(firstFailed, NOW),
    redactedPaths: () => new Set(),
    groupsInSyncLogged: true,
  };
  const result = recordOutcomes([failedCreate], ctx);
  return { ...result, entries: [...result.logEntries] };
}

describe("escrows of objects that keep failing (Entra drops them 28 days after the first failure)", () => {
  it("counts another attempt within the 28 days, keeping when the object first failed", () => {
    const { escrows, clearedEscrows, entries } = record(escrowSince(daysBefore(27)));
    expect(escrows).toMatchObject([{ attempts: 10, firstFailed: daysBefore(27), lastFailed: NOW }]);
    expect(clearedEscrows).toEqual([]);
    expect(entries.map((e) => e.status)).toEqual(["Failure"]);
  });

  it("drops the escrow once 28 days have passed, still logging the failure, and releases the object", () => {
    const { escrows, clearedEscrows, releasedEscrows, entries, counters } = record(
      escrowSince(daysBefore(28)),
    );
    expect(escrows).toEqual([]);
    expect(clearedEscrows).toEqual([{ type: "user", sourceId: alice }]);
    expect(counters.escrowed).toBe(0);
    expect(entries.map((e) => `${e.status} ${e.errorCode}`)).toEqual(["Failure InternalServerError"]);
    // Its retries stop, its place in the next cycle's evaluation does not.
    expect(releasedEscrows).toEqual([
      {
        type: "user",
        sourceId: alice,
        displayName: "alice@contoso.test",
        firstFailed: daysBefore(28),
        lastFailed: NOW,
        errorCode: "InternalServerError",
        errorMessage: "POST /Users answered 500",
        releasedBy: "expired",
        released: NOW,
      },
    ]);
  });

  it("starts a new escrow for a released object that fails again, and settles its release", () => {
    const { escrows, clearedReleases, releasedEscrows } = record(null, new Set(["user:alice"]));
    expect(escrows).toMatchObject([{ sourceId: alice, attempts: 1, firstFailed: NOW }]);
    expect(clearedReleases).toEqual([{ type: "user", sourceId: alice }]);
    expect(releasedEscrows).toEqual([]);
  });
});
