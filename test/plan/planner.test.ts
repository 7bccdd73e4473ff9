import { describe, expect, it } from "vitest";
import type { SourceId } from "../../src/domain/ids.js";
import type { Change } from "../../src/plan/change.js";
import { plan } from "../../src/plan/planner.js";
import {
  absent,
  evaluation,
  found,
  link,
  mapped,
  planInput,
  scope,
  typeInput,
} from "../support/plan-fixtures.js";

const alice = { userName: "alice@contoso.test", active: true, displayName: "Alice" };

/** A compact view of a change for table assertions. */
function brief(c: Change): string {
  switch (c.kind) {
    case "update":
    case "disable":
      return `${c.kind}:${c.subject.sourceId}:${c.changes.map((x) => `${x.path}=${JSON.stringify(x.newValue)}`).join(",")}`;
    case "skip":
      return `skip:${c.subject.sourceId}:${c.reason}`;
    case "fail":
      return `fail:${c.subject.sourceId}:${c.code}`;
    case "stagedDelete":
      return `staged:${c.subject.sourceId}:${c.held.kind}`;
    case "members":
      return `members:${c.subject.sourceId}:+${c.add.join("|")}-${c.remove.join("|")}`;
    case "manager":
      return `manager:${c.subject.sourceId}:${c.managerId}`;
    default:
      return `${c.kind}:${c.subject.sourceId}`;
  }
}

describe("the planner", () => {
  const cases: {
    name: string;
    evaluation: Parameters<typeof evaluation>[1];
    expected: string[];
    skipOut?: boolean;
  }[] = [
    {
      name: "creates an in-scope user the app does not have",
      evaluation: { mapped: mapped(alice), match: absent },
      expected: ["create:u"],
    },
    {
      name: "links a matched user and patches only what differs",
      evaluation: { mapped: mapped(alice), match: found("t1", { ...alice, displayName: "Old" }) },
      expected: ['update:u:displayName="Alice"'],
    },
    {
      name: "links a matched user that is already equal without a write",
      evaluation: { mapped: mapped(alice), match: found("t1", alice) },
      expected: ["update:u:"],
    },
    {
      name: "skips a linked user whose exported values are unchanged as RedundantExport",
      evaluation: { mapped: mapped(alice), link: link("u", alice) },
      expected: ["skip:u:RedundantExport"],
    },
    {
      name: "updates a linked user with only the changed attribute",
      evaluation: { mapped: mapped({ ...alice, displayName: "Alice B" }), link: link("u", alice) },
      expected: ['update:u:displayName="Alice B"'],
    },
    {
      name: "disables a linked user who was unassigned, sending only the soft-delete attributes",
      evaluation: {
        scope: scope("unassigned"),
        mapped: mapped({ ...alice, active: false, displayName: "X" }),
        link: link("u", alice),
      },
      expected: ["disable:u:active=false"],
    },
    {
      name: "leaves an unassigned user alone when SkipOutOfScopeDeletions is on",
      evaluation: {
        scope: scope("unassigned"),
        mapped: mapped({ ...alice, active: false }),
        link: link("u", alice),
      },
      expected: ["skip:u:OutOfScopeDeletionSkipped"],
      skipOut: true,
    },
    {
      name: "still disables a user disabled in Entra when SkipOutOfScopeDeletions is on",
      evaluation: {
        scope: scope("accountDisabled"),
        mapped: mapped({ ...alice, active: false }),
        link: link("u", alice),
      },
      expected: ["disable:u:active=false"],
      skipOut: true,
    },
    {
      name: "never creates a user disabled in Entra (NotEffectivelyEntitled)",
      evaluation: { scope: scope("accountDisabled"), mapped: mapped(alice) },
      expected: ["skip:u:NotEffectivelyEntitled"],
    },
    {
      name: "says nothing about an unassigned user it never managed",
      evaluation: { scope: scope("unassigned") },
      expected: [],
    },
    {
      name: "deletes a linked user that was hard-deleted",
      evaluation: { scope: scope("softDeleted"), removed: "hard", link: link("u", alice) },
      expected: ["delete:u"],
    },
    {
      name: "sends nothing for a hard delete after an unassignment ended management",
      evaluation: {
        removed: "hard",
        scope: null,
        link: link("u", { ...alice, active: false }, { disabledReason: "unassigned" }),
      },
      expected: [],
    },
    {
      name: "re-enables a disabled linked user who is back in scope",
      evaluation: {
        mapped: mapped(alice),
        link: link("u", { ...alice, active: false }, { disabledReason: "unassigned" }),
      },
      expected: ["update:u:active=true"],
    },
    {
      name: "skips a user with a required attribute missing (MandatoryFieldsMissing)",
      evaluation: { mapped: mapped({ active: true }), match: absent },
      expected: ["skip:u:MandatoryFieldsMissing"],
    },
    {
      name: "fails a user matching several target entries (DuplicateTargetEntries)",
      evaluation: {
        mapped: mapped(alice),
        match: { kind: "duplicate", attribute: "userName", count: 2, step: absent.step },
      },
      expected: ["fail:u:DuplicateTargetEntries"],
    },
    {
      name: "fails a user whose mapping could not be evaluated",
      evaluation: { mapped: mapped(alice, { errors: ["bad date"] }), match: absent },
      expected: ["fail:u:ExpressionEvaluationFailed"],
    },
  ];

  it("honours the target object actions: no create, no update, no delete", () => {
    const settings =
      (actions: { create: boolean; update: boolean; delete: boolean }) =>
      (input: ReturnType<typeof planInput>) => ({
        ...input,
        users: { ...input.users, settings: { ...input.users.settings, actions } },
      });
    const off = { create: true, update: true, delete: true };
    const noCreate = plan(
      settings({ ...off, create: false })(
        planInput([evaluation("u", { mapped: mapped(alice), match: absent })]),
      ),
    );
    expect(noCreate.changes.map(brief)).toEqual(["skip:u:TargetObjectActionDisabled"]);
    const noUpdate = plan(
      settings({ ...off, update: false })(
        planInput([evaluation("u", { mapped: mapped({ ...alice, title: "X" }), link: link("u", alice) })]),
      ),
    );
    expect(noUpdate.changes.map(brief)).toEqual(["skip:u:TargetObjectActionDisabled"]);
    const noDelete = plan(
      settings({ ...off, delete: false })(
        planInput([
          evaluation("u", { scope: scope("softDeleted"), removed: "hard", link: link("u", alice) }),
        ]),
      ),
    );
    expect(noDelete.changes.map(brief)).toEqual(["skip:u:TargetObjectActionDisabled"]);
  });

  it("does nothing with an object an expression ignored (IgnoreObjectFlow)", () => {
    const result = plan(
      planInput([evaluation("u", { mapped: mapped(alice, { objectIgnored: true }), match: absent })]),
    );
    expect(result.changes).toEqual([]);
  });

  for (const c of cases) {
    it(c.name, () => {
      const input = planInput([evaluation("u", c.evaluation)]);
      const result = plan(
        c.skipOut
          ? {
              ...input,
              users: { ...input.users, settings: { ...input.users.settings, skipOutOfScopeDeletions: true } },
            }
          : input,
      );
      expect(result.changes.map(brief)).toEqual(c.expected);
    });
  }

  it("refuses to create two accounts for two source users with the same matching value", () => {
    const result = plan(
      planInput([
        evaluation("a", { mapped: mapped(alice), match: absent }),
        evaluation("b", { mapped: mapped({ ...alice, userName: "ALICE@contoso.test" }), match: absent }),
      ]),
    );
    expect(result.changes.map(brief)).toEqual(["create:a", "fail:b:DuplicateSourceEntries"]);
  });

  it("holds every disable and delete as StagedDelete when a cycle exceeds the deletion threshold", () => {
    const leaving = ["a", "b", "c"].map((id) =>
      evaluation(id, {
        scope: scope("unassigned"),
        mapped: mapped({ active: false }),
        link: link(id, alice),
      }),
    );
    const held = plan(planInput(leaving, { deletionThreshold: 2 }));
    expect(held.deletionGuard).toEqual({ planned: 3, threshold: 2, tripped: true });
    expect(held.changes.map(brief)).toEqual(["staged:a:disable", "staged:b:disable", "staged:c:disable"]);
    const approved = plan(planInput(leaving, { deletionThreshold: 2, approveDeletes: true }));
    expect(approved.changes.map((c) => c.kind)).toEqual(["disable", "disable", "disable"]);
  });

  it("adds and removes group members against what was last exported, only for users that exist in the app", () => {
    const users = [
      evaluation("u1", { mapped: mapped(alice), link: link("u1", alice) }),
      evaluation("u2", { mapped: mapped({ ...alice, userName: "b@x" }), match: absent }),
      evaluation("u3", {
        mapped: mapped({ ...alice, userName: "c@x" }),
        link: link("u3", { ...alice, userName: "c@x" }),
      }),
    ];
    const group = evaluation(
      "g",
      {
        mapped: mapped({ displayName: "Eng" }, { memberIds: ["u1", "u2", "u9"] as SourceId[] }),
        link: { ...link("g", { displayName: "Eng" }), type: "group", memberIds: ["u1", "u3"] as SourceId[] },
      },
      "group",
    );
    const result = plan(
      planInput(users, {
        groups: typeInput([group], { requiredPaths: [], primaryMatchingPath: "displayName" }),
      }),
    );
    const members = result.changes.filter((c) => c.kind === "members").map(brief);
    expect(members).toEqual(["members:g:+u2-u3"]);
    const change = result.changes.find((c) => c.kind === "members");
    expect(
      change?.steps.some(
        (s) => s.name === "UnableToResolveReferenceAttributeValue" && s.description.includes("u9"),
      ),
    ).toBe(true);
  });

  it("sets a manager only once the manager exists in the app, after the users phase", () => {
    const users = [
      evaluation("boss", { mapped: mapped({ ...alice, userName: "boss@x" }), match: absent }),
      evaluation("u", { mapped: mapped(alice, { managerId: "boss" as SourceId }), link: link("u", alice) }),
      evaluation("v", {
        mapped: mapped({ ...alice, userName: "v@x" }, { managerId: "ghost" as SourceId }),
        match: absent,
      }),
    ];
    const result = plan(planInput(users));
    expect(result.changes.map(brief)).toEqual([
      "create:boss",
      "skip:u:RedundantExport",
      "create:v",
      "manager:u:boss",
    ]);
  });
});
