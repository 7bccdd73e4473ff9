import { describe, expect, it } from "vitest";
import { jsonPlanOutput, type PlanOutput } from "../../src/cli/plan-output.js";
import { renderPlan, textPlanOutput } from "../../src/cli/render-plan.js";
import type { SourceId, TargetId } from "../../src/domain/ids.js";
import type { Change } from "../../src/plan/change.js";
import type { Plan } from "../../src/plan/plan.js";

const subject = (name: string, type: "user" | "group" = "user") => ({
  type,
  sourceId: `id-${name}` as SourceId,
  displayName: name,
});

const changes: Change[] = [
  {
    kind: "create",
    subject: subject("ann@contoso.test"),
    steps: [
      { name: "EntryImport", type: "import", status: "success", description: "line\nbreak", details: {} },
    ],
    attributes: { userName: "ann@contoso.test", active: true, 'emails[type eq "work"].value': "a@c.test" },
  },
  {
    kind: "update",
    subject: subject("bob@contoso.test"),
    steps: [],
    targetId: "t-bob" as TargetId,
    link: "linked",
    changes: [{ path: "title", oldValue: "Dev", newValue: "Lead" }],
    exported: { userName: "bob@contoso.test", title: "Lead" },
  },
  {
    kind: "members",
    subject: subject("Sales", "group"),
    steps: [],
    add: ["id-ann" as SourceId],
    remove: [],
    memberIds: ["id-ann" as SourceId],
  },
];

const plan = (all: readonly Change[]): Plan => ({
  jobName: "job",
  cycleKind: "initial",
  fingerprint: "f1",
  changes: all,
  deletionGuard: { planned: 0, threshold: 500, tripped: false },
});

/** Feeds `value`'s changes to an output in batches of `size`, collecting what it writes. */
function written(make: (write: (text: string) => void) => PlanOutput, value: Plan, size: number): string {
  const parts: string[] = [];
  const output = make((text) => parts.push(text));
  for (let i = 0; i < value.changes.length; i += size) output.add(value.changes.slice(i, i + size));
  output.end(value.deletionGuard, value.waitingRetries);
  return parts.join("");
}

/** Ann's create failed before and bob's escrow waits 6 h for its retry. */
const outstanding: Plan = {
  ...plan([
    {
      ...(changes[0] as Change),
      earlierFailure: {
        lastFailed: "2026-11-01T00:00:00.000Z",
        errorCode: "InternalServerError",
        errorMessage: "POST /Users answered 500",
        releasedBy: "restart",
      },
    },
  ]),
  waitingRetries: [
    {
      type: "user",
      sourceId: "id-bob" as SourceId,
      displayName: "bob@contoso.test",
      attempts: 4,
      firstFailed: "2026-11-01T00:00:00.000Z",
      lastFailed: "2026-11-01T02:00:00.000Z",
      nextAttempt: "2026-11-01T08:00:00.000Z",
      errorCode: "InternalServerError",
      errorMessage: "POST /Users answered 500",
      referenceFailure: false,
    },
  ],
};

describe("jsonPlanOutput", () => {
  it("writes what JSON.stringify(plan, null, 2) gives, whatever the batches", () => {
    for (const size of [1, 2, 3]) {
      expect(written((w) => jsonPlanOutput(w, plan(changes)), plan(changes), size)).toBe(
        JSON.stringify(plan(changes), null, 2),
      );
    }
  });

  it("writes an empty plan's changes as []", () => {
    expect(written((w) => jsonPlanOutput(w, plan([])), plan([]), 1)).toBe(JSON.stringify(plan([]), null, 2));
  });

  it("nests a plan as an element of an array of plans", () => {
    const element = written((w) => jsonPlanOutput(w, plan(changes), "  "), plan(changes), 2);
    expect(`[\n  ${element}\n]`).toBe(JSON.stringify([plan(changes)], null, 2));
  });
});

describe("textPlanOutput", () => {
  it("shows why an object is planned again and which escrows wait, and never calls that plan in sync", () => {
    const text = renderPlan(outstanding);
    expect(text).toContain(
      "  + create user ann@contoso.test\n      ↻ pending: its create failed on 2026-11-01T00:00:00.000Z " +
        "(InternalServerError: POST /Users answered 500) and was not retried since: escrow cleared by restart\n",
    );
    expect(text).toContain(
      "  … waiting for its retry: user bob@contoso.test: its change failed 4 time(s), last on " +
        "2026-11-01T02:00:00.000Z (InternalServerError: POST /Users answered 500); next retry 2026-11-01T08:00:00.000Z\n",
    );
    expect(text.endsWith(", 0 failing, 1 waiting for a retry.")).toBe(true);
    expect(text).not.toContain("in sync");
    expect(renderPlan({ ...outstanding, changes: [] })).not.toContain("in sync");
  });

  it("writes the earlier failures and the waiting retries as JSON.stringify does", () => {
    expect(written((w) => jsonPlanOutput(w, outstanding), outstanding, 1)).toBe(
      JSON.stringify(outstanding, null, 2),
    );
  });

  it("writes the same text in batches as in one piece", () => {
    const text = renderPlan(plan(changes));
    expect(text).toContain('  + create user ann@contoso.test\n      userName: "ann@contoso.test"\n');
    expect(text).toContain('      title: "Dev" → "Lead"');
    expect(
      text.endsWith(
        "\n\nPlan: 1 to create, 1 to update, 0 to disable, 0 to delete, 1 reference updates, 0 unchanged, 0 skipped, 0 failing.",
      ),
    ).toBe(true);
    expect(written((w) => textPlanOutput(w, plan(changes)), plan(changes), 1)).toBe(text);
  });

  it("says there is nothing to do when no change has a line", () => {
    expect(renderPlan(plan([]))).toBe(
      'Plan for job "job" (initial cycle):\n\n  No changes. The app is in sync with Microsoft Entra ID.\n\n' +
        "Plan: 0 to create, 0 to update, 0 to disable, 0 to delete, 0 reference updates, 0 unchanged, 0 skipped, 0 failing.",
    );
  });

  it("renders a plan of a large tenant's size (it crashed from ~6k creates, ~125k lines, when every line was one argument of a push)", () => {
    const many: Change[] = Array.from({ length: 12_000 }, (_, i) => ({
      ...(changes[0] as Change & { kind: "create" }),
      subject: subject(`user${i}@contoso.test`),
      attributes: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`attribute${k}`, `value ${k}`])),
    }));
    const text = written((w) => textPlanOutput(w, plan(many)), plan(many), 1000);
    expect(text.split("\n")).toHaveLength(12_000 * 21 + 4);
    expect(renderPlan(plan(many))).toBe(text);
  });
});
