import { describe, expect, it } from "vitest";
import type { SourceId } from "../../src/domain/ids.js";
import type { Change } from "../../src/plan/change.js";
import type { ObjectEvaluation } from "../../src/plan/evaluation.js";
import { PlanBuilder } from "../../src/plan/plan-builder.js";
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

const user = (n: number) => ({ userName: `u${n}@x`, active: true, displayName: `User ${n}` });
const id = (n: number) => `u${n}` as SourceId;

/**
 * A tenant where what is planned for one user depends on users in other batches: managers created later,
 * a manager that never comes, a duplicate userName across batches, a removal, an update and a match.
 */
function tenant(): ObjectEvaluation[] {
  return [
    evaluation("u1", { mapped: mapped(user(1), { managerId: id(6) }), match: absent }),
    evaluation("u2", { mapped: mapped(user(2)), match: found("t2", { ...user(2), displayName: "Old" }) }),
    evaluation("u3", { mapped: mapped(user(3), { managerId: id(1) }), link: link("u3", user(3)) }),
    evaluation("u4", {
      scope: scope("unassigned"),
      mapped: mapped({ active: false }),
      link: link("u4", user(4)),
    }),
    evaluation("u5", { mapped: mapped(user(1)), match: absent }),
    evaluation("u6", { mapped: mapped(user(6), { managerId: "ghost" as SourceId }), match: absent }),
    evaluation("u7", {
      scope: scope("accountDisabled"),
      mapped: mapped({ active: false }),
      link: link("u7", user(7)),
    }),
  ];
}

const group = evaluation(
  "g",
  {
    mapped: mapped({ displayName: "G" }, { memberIds: [id(1), id(5), id(6), "ghost" as SourceId] }),
    match: absent,
  },
  "group",
);

function inBatches(users: ObjectEvaluation[], size: number, threshold: number): Change[] {
  const input = planInput(users, {
    groups: typeInput([group], { requiredPaths: ["displayName"], primaryMatchingPath: "displayName" }),
    deletionThreshold: threshold,
  });
  const builder = new PlanBuilder(input);
  const out: Change[] = [];
  for (let i = 0; i < users.length; i += size) out.push(...builder.add("user", users.slice(i, i + size)));
  out.push(...builder.add("group", [group]));
  const end = builder.finish();
  return [...out, ...end.references, ...end.removals];
}

describe("the plan builder", () => {
  for (const threshold of [500, 1]) {
    it(`plans batch by batch exactly what it plans at once (deletion threshold ${threshold})`, () => {
      const users = tenant();
      const whole = plan(
        planInput(users, {
          groups: typeInput([group], { requiredPaths: ["displayName"], primaryMatchingPath: "displayName" }),
          deletionThreshold: threshold,
        }),
      ).changes;
      const kinds = whole.map((c) => `${c.kind}:${c.subject.sourceId}`);
      // The cross-batch facts are really in the plan, so a batch boundary could break them.
      expect(kinds).toContain("manager:u1");
      expect(kinds).toContain("manager:u3");
      expect(kinds).not.toContain("manager:u6");
      expect(kinds).toContain("fail:u5");
      expect(kinds).toContain(threshold === 1 ? "stagedDelete:u4" : "disable:u4");
      for (const size of [1, 2, 3, users.length]) expect(inBatches(users, size, threshold)).toEqual(whole);
    });
  }

  it("keeps removals back until finish, so the deletion guard sees every one", () => {
    const builder = new PlanBuilder(planInput(tenant(), { deletionThreshold: 1 }));
    const first = builder.add("user", tenant().slice(0, 4));
    const second = builder.add("user", tenant().slice(4));
    expect([...first, ...second].some((c) => c.kind === "disable" || c.kind === "delete")).toBe(false);
    const end = builder.finish();
    expect(end.deletionGuard).toEqual({ planned: 2, threshold: 1, tripped: true });
    expect(end.removals.map((c) => c.kind)).toEqual(["stagedDelete", "stagedDelete"]);
  });

  it("refuses groups for a job that does not provision them", () => {
    const builder = new PlanBuilder(planInput([]));
    expect(() => builder.add("group", [group])).toThrow(/does not provision groups/);
  });

  it("sends no manager a matched user's resource already names, linked or matched this cycle", () => {
    const MANAGER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
    const matched = (n: number, managerId: number, appManager: string) =>
      evaluation(`u${n}`, {
        mapped: mapped(user(n), { managerId: id(managerId) }),
        match: found(`t-u${n}`, { ...user(n), [MANAGER]: appManager }),
      });
    const users = [
      evaluation("u1", { mapped: mapped(user(1)), link: link("u1", user(1)) }),
      matched(2, 1, "t-u1"), // names the linked manager's id: in sync
      matched(3, 1, "t-someone-else"), // names another: set
      matched(4, 5, "t-u5"), // names a manager matched in a later batch: in sync
      matched(5, 1, "t-u1"),
    ];
    const input = planInput(users, { users: typeInput(users, { managerPath: MANAGER }) });
    for (const size of [1, users.length]) {
      const builder = new PlanBuilder(input);
      for (let i = 0; i < users.length; i += size) builder.add("user", users.slice(i, i + size));
      const managers = builder.finish().references.filter((c) => c.kind === "manager");
      expect(managers.map((c) => [c.subject.sourceId, c.kind === "manager" && c.inSync === true])).toEqual([
        ["u2", true],
        ["u3", false],
        ["u4", true],
        ["u5", true],
      ]);
    }
    // Without the manager's path the app's value is unknown: every manager is set.
    const unknown = plan(planInput(users)).changes.filter((c) => c.kind === "manager");
    expect(unknown.every((c) => c.kind === "manager" && c.inSync === undefined)).toBe(true);
  });
});
