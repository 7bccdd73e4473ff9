import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/domain/errors.js";
import type { SourceId, TargetId } from "../../src/domain/ids.js";
import type { Outcome } from "../../src/executor/outcome.js";
import { EMPTY_TALLY, FAILURES_KEPT, tallyOutcomes, tallyTotal } from "../../src/executor/outcome-tally.js";
import type { Change } from "../../src/plan/change.js";

const subject = (n: number) => ({
  type: "user" as const,
  sourceId: `u${n}` as SourceId,
  displayName: `u${n}@x`,
});
const create = (n: number): Change => ({ kind: "create", subject: subject(n), attributes: {}, steps: [] });
const update = (n: number): Change => ({
  kind: "update",
  subject: subject(n),
  targetId: `t${n}` as TargetId,
  link: "linked",
  changes: [],
  exported: {},
  steps: [],
});
const failure = (n: number): Outcome => ({
  kind: "failure",
  change: create(n),
  error: new ConnectorError("UnprocessableEntity", `bad ${n}`, "object"),
  durationMs: 1,
});

describe("the outcome tally", () => {
  it("counts what a cycle did across batches and names the first failures only", () => {
    const first: Outcome[] = [
      { kind: "success", change: create(1), targetId: "t1" as TargetId, durationMs: 1 },
      { kind: "success", change: update(2), targetId: "t2" as TargetId, durationMs: 1 },
      { kind: "noop", change: update(3) },
      {
        kind: "noop",
        change: { kind: "fail", subject: subject(4), code: "DuplicateSourceEntries", detail: "d", steps: [] },
      },
      { kind: "notAttempted", change: create(5) },
    ];
    const second = Array.from({ length: FAILURES_KEPT + 5 }, (_, i) => failure(10 + i));
    const tally = tallyOutcomes(tallyOutcomes(EMPTY_TALLY, first), second);
    expect(tally).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: 1,
      failed: FAILURES_KEPT + 6,
      notAttempted: 1,
    });
    expect(tally.failures).toHaveLength(FAILURES_KEPT);
    expect(tally.failures[0]).toEqual({
      type: "user",
      displayName: "u10@x",
      code: "UnprocessableEntity",
      message: "bad 10",
    });
    expect(EMPTY_TALLY.failures).toEqual([]);
  });

  it("counts every outcome in exactly one bucket, so the total is the number of changes handled", () => {
    const disable: Change = {
      kind: "disable",
      subject: subject(6),
      targetId: "t6" as TargetId,
      reason: "unassigned",
      changes: [],
      exported: {},
      steps: [],
    };
    const outcomes: Outcome[] = [
      {
        kind: "noop",
        change: {
          kind: "skip",
          subject: subject(1),
          reason: "NotEffectivelyEntitled",
          detail: "d",
          targetId: null,
          steps: [],
        },
      },
      {
        kind: "noop",
        change: {
          kind: "stagedDelete",
          subject: subject(2),
          held: { kind: "delete", subject: subject(2), targetId: "t2" as TargetId, steps: [] },
          steps: [],
        },
      },
      {
        kind: "noop",
        change: {
          kind: "manager",
          subject: subject(3),
          managerId: "u4" as SourceId,
          managerName: "u4@x",
          inSync: true,
          steps: [],
        },
      },
      { kind: "noop", change: disable },
      { kind: "notAttempted", change: create(5) },
      failure(7),
    ];
    const tally = tallyOutcomes(EMPTY_TALLY, outcomes);
    expect(tally).toMatchObject({ skipped: 1, held: 1, unchanged: 2, notAttempted: 1, failed: 1 });
    expect(tallyTotal(tally)).toBe(outcomes.length);
  });
});
