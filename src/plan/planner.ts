import type { SourceId } from "../domain/ids.js";
import type { Change } from "./change.js";
import { applyDeletionGuard } from "./deletion-guard.js";
import type { ObjectEvaluation, PlanSettings } from "./evaluation.js";
import type { Plan } from "./plan.js";
import { planObject } from "./plan-object.js";
import { existingUsers, planManagers, planMembers } from "./plan-references.js";

/** Per object type: planner settings plus what the job's definition says about attributes. */
export interface ObjectTypePlanInput {
  readonly evaluations: readonly ObjectEvaluation[];
  readonly settings: PlanSettings;
  /** Target paths whose mapping depends on IsSoftDeleted (what a disable sends). */
  readonly softDeleteFollowers: ReadonlySet<string>;
  readonly requiredPaths: readonly string[];
  /** The first matching attribute: two new objects with the same value are duplicate sources. */
  readonly primaryMatchingPath: string | undefined;
}

export interface PlanInput {
  readonly jobName: string;
  readonly cycleKind: Plan["cycleKind"];
  readonly fingerprint: string;
  readonly users: ObjectTypePlanInput;
  readonly groups: ObjectTypePlanInput | null;
  /**
   * Users linked before this cycle, at least among those the plan may reference (members of evaluated
   * groups, managers of evaluated users).
   */
  readonly linkedUsers: ReadonlySet<SourceId>;
  readonly deletionThreshold: number;
  /** An admin approved deletions held by the guard (`restart --reset force-deletes`). */
  readonly approveDeletes: boolean;
}

/** Order in which apply runs changes: objects, then references, then removals (Entra's documented order). */
const PHASE: Record<Change["kind"], number> = {
  create: 0,
  update: 0,
  skip: 0,
  fail: 0,
  manager: 2,
  members: 3,
  disable: 4,
  delete: 4,
  stagedDelete: 4,
};

/** Two creates with the same matching value would make two accounts for one: the later one fails. */
function rejectDuplicateSources(changes: Change[], path: string | undefined): Change[] {
  if (path === undefined) return changes;
  const seen = new Map<string, string>();
  return changes.map((c) => {
    if (c.kind !== "create") return c;
    const value = c.attributes[path];
    if (typeof value !== "string") return c;
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c.subject.displayName);
      return c;
    }
    const detail = `${c.subject.displayName} and ${first} both map ${path} to "${value}"`;
    return { kind: "fail", subject: c.subject, code: "DuplicateSourceEntries", detail, steps: c.steps };
  });
}

function planType(input: ObjectTypePlanInput): Change[] {
  const primary = input.evaluations.flatMap((ev) =>
    planObject(ev, input.settings, input.softDeleteFollowers, input.requiredPaths),
  );
  return rejectDuplicateSources(primary, input.primaryMatchingPath);
}

/**
 * The planner: a pure function from what the stages learnt to the plan. No clock, no I/O, no logger.
 */
export function plan(input: PlanInput): Plan {
  const userChanges = planType(input.users);
  const groupChanges = input.groups ? planType(input.groups) : [];
  const primary = [...userChanges, ...groupChanges];
  const exists = existingUsers(input.linkedUsers, userChanges);
  const references = [
    ...planManagers(input.users.evaluations, userChanges, exists),
    ...(input.groups ? planMembers(input.groups.evaluations, groupChanges, exists) : []),
  ];
  const ordered = [...primary, ...references]
    .map((change, index) => ({ change, index }))
    .sort((a, b) => PHASE[a.change.kind] - PHASE[b.change.kind] || a.index - b.index)
    .map((x) => x.change);
  const { changes, guard } = applyDeletionGuard(ordered, input.deletionThreshold, input.approveDeletes);
  return {
    jobName: input.jobName,
    cycleKind: input.cycleKind,
    fingerprint: input.fingerprint,
    changes,
    deletionGuard: guard,
  };
}
