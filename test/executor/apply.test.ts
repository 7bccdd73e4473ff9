import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/domain/errors.js";
import { type SourceId, type TargetId, targetId } from "../../src/domain/ids.js";
import type { TargetConnector } from "../../src/domain/target.js";
import { applyPlan } from "../../src/executor/apply.js";
import type { Change } from "../../src/plan/change.js";
import type { Plan } from "../../src/plan/plan.js";

/** An in-memory target that records calls; `failOn` makes chosen calls throw. */
function recordingTarget(failOn: (call: string) => ConnectorError | null = () => null) {
  const calls: string[] = [];
  let next = 0;
  const record = (call: string) => {
    calls.push(call);
    const error = failOn(call);
    if (error) throw error;
  };
  const target: TargetConnector = {
    query: async () => [],
    get: async () => null,
    create: async (type, attrs) => {
      record(`create ${type} ${String(attrs.userName ?? attrs.displayName)}`);
      return targetId(`t${++next}`);
    },
    update: async (type, id, changes) =>
      record(`update ${type} ${id} ${changes.map((c) => `${c.path}=${String(c.newValue)}`).join(",")}`),
    updateMembers: async (group, add, remove) => record(`members ${group} +${add.length} -${remove.length}`),
    delete: async (type, id) => record(`delete ${type} ${id}`),
    testConnection: async () => {},
  };
  return { target, calls };
}

const subject = (type: "user" | "group", id: string) => ({ type, sourceId: id as SourceId, displayName: id });
const planOf = (changes: Change[]): Plan => ({
  jobName: "j",
  cycleKind: "initial",
  fingerprint: "f",
  changes,
  deletionGuard: { planned: 0, threshold: 500, tripped: false },
});
const options = (linked: Record<string, string> = {}) => ({
  concurrency: 4,
  maxMembersPerRequest: 100,
  managerPath: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
  linkedTargets: {
    user: new Map(Object.entries(linked).map(([s, t]) => [s as SourceId, t as TargetId])),
    group: new Map([["g" as SourceId, "tg" as TargetId]]),
  },
});

describe("apply", () => {
  it("splits member changes into PATCHes of at most maxMembersPerRequest members", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`);
    const linked = Object.fromEntries(ids.map((id) => [id, `t-${id}`]));
    const { target, calls } = recordingTarget();
    const change: Change = {
      kind: "members",
      subject: subject("group", "g"),
      add: ids as SourceId[],
      remove: [],
      memberIds: ids as SourceId[],
      steps: [],
    };
    const outcomes = await applyPlan(planOf([change]), target, options(linked));
    expect(calls).toEqual(["members tg +100 -0", "members tg +100 -0", "members tg +50 -0"]);
    expect(outcomes.map((o) => o.kind)).toEqual(["success"]);
  });

  it("resolves a manager created earlier in the same plan, after the users phase", async () => {
    const { target, calls } = recordingTarget();
    const changes: Change[] = [
      {
        kind: "manager",
        subject: subject("user", "a"),
        managerId: "b" as SourceId,
        managerName: "b",
        steps: [],
      },
      { kind: "create", subject: subject("user", "a"), attributes: { userName: "a" }, steps: [] },
      { kind: "create", subject: subject("user", "b"), attributes: { userName: "b" }, steps: [] },
    ];
    await applyPlan(planOf(changes), target, options());
    expect(calls.slice(0, 2).sort()).toEqual(["create user a", "create user b"]);
    expect(calls[2]).toMatch(/^update user t[12] urn:.*:manager=t[12]$/);
  });

  it("stops taking new work after a job-level failure and reports the rest as not attempted", async () => {
    const { target, calls } = recordingTarget((call) =>
      call.startsWith("create") ? new ConnectorError("Unauthorized", "401 from the app", "job") : null,
    );
    const changes: Change[] = ["a", "b", "c"].map((id) => ({
      kind: "create",
      subject: subject("user", id),
      attributes: { userName: id },
      steps: [],
    }));
    const outcomes = await applyPlan(planOf(changes), target, { ...options(), concurrency: 1 });
    expect(calls).toEqual(["create user a"]);
    expect(outcomes.map((o) => o.kind)).toEqual(["failure", "notAttempted", "notAttempted"]);
  });

  it("reports one object's failure as an outcome and carries on with the others", async () => {
    const { target } = recordingTarget((call) =>
      call === "create user b" ? new ConnectorError("EntryConflict", "409", "object") : null,
    );
    const changes: Change[] = ["a", "b", "c"].map((id) => ({
      kind: "create",
      subject: subject("user", id),
      attributes: { userName: id },
      steps: [],
    }));
    const outcomes = await applyPlan(planOf(changes), target, options());
    expect(outcomes.filter((o) => o.kind === "success")).toHaveLength(2);
    expect(outcomes.find((o) => o.kind === "failure")?.change.subject.sourceId).toBe("b");
  });

  it("adopts the one matching object after a 409 on create and patches what differs", async () => {
    const calls: string[] = [];
    const target: TargetConnector = {
      ...recordingTarget().target,
      create: async () => {
        calls.push("create");
        throw new ConnectorError("EntryConflict", "POST /Users answered 409", "object");
      },
      query: async (_type, attribute, value) => {
        calls.push(`query ${attribute}=${value}`);
        return [{ id: targetId("existing"), attributes: { userName: "a@x", displayName: "Old" } }];
      },
      update: async (_type, id, changes) => {
        calls.push(`update ${id} ${changes.map((c) => c.path).join(",")}`);
      },
    };
    const change: Change = {
      kind: "create",
      subject: subject("user", "a"),
      attributes: { userName: "a@x", displayName: "New" },
      steps: [],
    };
    const outcomes = await applyPlan(planOf([change]), target, {
      ...options(),
      matching: { user: { path: "userName", paths: ["userName", "displayName"] } },
    });
    expect(calls).toEqual(["create", "query userName=a@x", "update existing displayName"]);
    expect(outcomes[0]).toMatchObject({ kind: "success", targetId: "existing" });
  });

  it("keeps a 409 a conflict when the re-query does not find exactly one object", async () => {
    const target: TargetConnector = {
      ...recordingTarget().target,
      create: async () => {
        throw new ConnectorError("EntryConflict", "POST /Users answered 409", "object");
      },
      query: async () => [],
    };
    const change: Change = {
      kind: "create",
      subject: subject("user", "a"),
      attributes: { userName: "a@x" },
      steps: [],
    };
    const outcomes = await applyPlan(planOf([change]), target, {
      ...options(),
      matching: { user: { path: "userName", paths: ["userName"] } },
    });
    expect(outcomes[0]).toMatchObject({ kind: "failure", error: { code: "EntryConflict" } });
  });
});
