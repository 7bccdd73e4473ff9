import type { ObjectEvaluation } from "./evaluation.js";
import type { Plan } from "./plan.js";
import { type ObjectTypeRules, PlanBuilder, type PlanBuilderInput } from "./plan-builder.js";

/** Per object type: the evaluations to plan and the rules for them. */
export interface ObjectTypePlanInput extends ObjectTypeRules {
  readonly evaluations: readonly ObjectEvaluation[];
}

export interface PlanInput extends PlanBuilderInput {
  readonly jobName: string;
  readonly cycleKind: Plan["cycleKind"];
  readonly fingerprint: string;
  readonly users: ObjectTypePlanInput;
  readonly groups: ObjectTypePlanInput | null;
}

/**
 * The planner over whole lists of evaluations: a pure function from what the stages learnt to the plan,
 * in the order apply runs it (objects, then references, then removals: Entra's documented order).
 */
export function plan(input: PlanInput): Plan {
  const builder = new PlanBuilder(input);
  const users = builder.add("user", input.users.evaluations);
  const groups = input.groups ? builder.add("group", input.groups.evaluations) : [];
  const end = builder.finish();
  return {
    jobName: input.jobName,
    cycleKind: input.cycleKind,
    fingerprint: input.fingerprint,
    changes: [...users, ...groups, ...end.references, ...end.removals],
    deletionGuard: end.deletionGuard,
  };
}
