import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { Change } from "./change.js";
import { applyDeletionGuard } from "./deletion-guard.js";
import type { ObjectEvaluation, PlanSettings } from "./evaluation.js";
import type { Plan } from "./plan.js";
import { planObject } from "./plan-object.js";
import { type ManagerCandidate, managerCandidates, planManagers, planMembers } from "./plan-references.js";

/** What the job's definition says about one object type, for the planner. */
export interface ObjectTypeRules {
  readonly settings: PlanSettings;
  /** Target paths whose mapping depends on IsSoftDeleted (what a disable sends). */
  readonly softDeleteFollowers: ReadonlySet<string>;
  readonly requiredPaths: readonly string[];
  /** The first matching attribute: two new objects with the same value are duplicate sources. */
  readonly primaryMatchingPath: string | undefined;
  /** Target path of the manager reference (users), to read the manager a matched resource names. */
  readonly managerPath?: string;
}

export interface PlanBuilderInput {
  readonly users: ObjectTypeRules;
  readonly groups: ObjectTypeRules | null;
  /**
   * Users linked before this cycle with their ids in the app, at least among those the plan may reference
   * (members of evaluated groups, managers of evaluated users).
   */
  readonly linkedUsers: ReadonlyMap<SourceId, TargetId>;
  readonly deletionThreshold: number;
  /** An admin approved deletions held by the guard (`restart --reset force-deletes`). */
  readonly approveDeletes: boolean;
}

/** What is left to plan once every object was added: references, then removals (Entra's order). */
export interface PlanEnd {
  readonly references: Change[];
  /** Disables and deletes, after the accidental-deletion guard (held ones are `stagedDelete`). */
  readonly removals: Change[];
  readonly deletionGuard: Plan["deletionGuard"];
}

const isRemoval = (c: Change) => c.kind === "disable" || c.kind === "delete";

/**
 * The planner, fed a batch of evaluations at a time so a cycle never holds every evaluation of a large
 * tenant: `add` returns a batch's object changes (creates, updates, skips, failures) at once, so they can
 * be applied while the next batch is evaluated. What needs the whole tenant is kept small and planned by
 * `finish`: manager references (a few ids per user), groups with their members, removals (held for the
 * deletion guard), the users that will exist, and the matching values already claimed by creates.
 * Pure: no clock, no I/O.
 */
export class PlanBuilder {
  private readonly exists: Set<SourceId>;
  private readonly claimed: Record<ObjectType, Map<string, string>> = { user: new Map(), group: new Map() };
  private readonly managers: ManagerCandidate[] = [];
  private readonly userNames = new Map<SourceId, string>();
  /** Ids in the app of the users matched this cycle, so a matched resource's manager can be recognised. */
  private readonly matchedUsers = new Map<SourceId, TargetId>();
  private readonly groupEvaluations: ObjectEvaluation[] = [];
  private readonly groupChanges: Change[] = [];
  private readonly removals: Change[] = [];

  constructor(private readonly input: PlanBuilderInput) {
    this.exists = new Set(input.linkedUsers.keys());
  }

  /** Plans a batch of one type; removals are kept back for `finish`. Add users before groups. */
  add(type: ObjectType, evaluations: readonly ObjectEvaluation[]): Change[] {
    const rules = type === "user" ? this.input.users : this.input.groups;
    if (!rules) throw new Error("the job does not provision groups");
    const primary = this.rejectDuplicateSources(
      evaluations.flatMap((ev) =>
        planObject(ev, rules.settings, rules.softDeleteFollowers, rules.requiredPaths),
      ),
      type,
      rules.primaryMatchingPath,
    );
    if (type === "user") {
      for (const ev of evaluations) {
        this.userNames.set(ev.subject.sourceId, ev.subject.displayName);
        // Only a job that maps managers can recognise one in a matched resource.
        if (rules.managerPath && ev.match?.kind === "found")
          this.matchedUsers.set(ev.subject.sourceId, ev.match.resource.id);
      }
      for (const c of primary) {
        if (c.kind === "create" || c.kind === "update") this.exists.add(c.subject.sourceId);
        if (c.kind === "delete") this.exists.delete(c.subject.sourceId);
      }
      this.managers.push(...managerCandidates(evaluations, primary, rules.managerPath));
    } else {
      this.groupEvaluations.push(...evaluations);
      this.groupChanges.push(...primary);
    }
    this.removals.push(...primary.filter(isRemoval));
    return primary.filter((c) => !isRemoval(c));
  }

  finish(): PlanEnd {
    const references = [
      ...planManagers(
        this.managers,
        this.exists,
        this.userNames,
        (id) => this.input.linkedUsers.get(id) ?? this.matchedUsers.get(id),
      ),
      ...planMembers(this.groupEvaluations, this.groupChanges, this.exists),
    ];
    const { changes, guard } = applyDeletionGuard(
      this.removals,
      this.input.deletionThreshold,
      this.input.approveDeletes,
    );
    return { references, removals: changes, deletionGuard: guard };
  }

  /** Two creates with the same matching value would make two accounts for one: the later one fails. */
  private rejectDuplicateSources(changes: Change[], type: ObjectType, path: string | undefined): Change[] {
    if (path === undefined) return changes;
    const seen = this.claimed[type];
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
}
