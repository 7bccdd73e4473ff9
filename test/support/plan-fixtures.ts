import type { SourceId, TargetId } from "../../src/domain/ids.js";
import type { ProvisioningStep } from "../../src/domain/provisioning-log.js";
import type { FlatAttributes } from "../../src/domain/values.js";
import type { MappedObject } from "../../src/pipeline/map.js";
import type { MatchResult } from "../../src/pipeline/match.js";
import type { ScopeDecision } from "../../src/pipeline/scope.js";
import type { ObjectEvaluation } from "../../src/plan/evaluation.js";
import type { ObjectTypePlanInput, PlanInput } from "../../src/plan/planner.js";
import type { DisableReason, LinkRecord } from "../../src/state/link.js";

const step: ProvisioningStep = {
  name: "EntryImport",
  type: "import",
  status: "success",
  description: "",
  details: {},
};

export function scope(exit: DisableReason | null = null): ScopeDecision {
  return {
    assigned: exit !== "unassigned",
    active: exit !== "accountDisabled" && exit !== "softDeleted",
    filterPassed: exit !== "scopingFilter",
    inScope: exit !== "unassigned" && exit !== "scopingFilter",
    isSoftDeleted: exit !== null,
    exit,
    reason: exit,
    assignments: [],
    step,
  };
}

export function mapped(attributes: FlatAttributes, extra: Partial<MappedObject> = {}): MappedObject {
  return {
    attributes,
    onCreateOnly: new Set(),
    ignored: new Set(),
    defaults: {},
    managerId: undefined,
    memberIds: undefined,
    pendingUnique: [],
    errors: [],
    objectIgnored: false,
    ...extra,
  };
}

export function link(id: string, exported: FlatAttributes, extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    type: "user",
    sourceId: id as SourceId,
    targetId: `t-${id}` as TargetId,
    displayName: id,
    exported,
    managerId: null,
    memberIds: [],
    disabledReason: null,
    ...extra,
  };
}

export const absent: MatchResult = { kind: "absent", step };
export const found = (id: string, attributes: FlatAttributes): MatchResult => ({
  kind: "found",
  resource: { id: id as TargetId, attributes },
  attribute: "userName",
  step,
});

export function evaluation(
  id: string,
  parts: Partial<ObjectEvaluation>,
  type: "user" | "group" = "user",
): ObjectEvaluation {
  return {
    subject: { type, sourceId: id as SourceId, displayName: id },
    importStep: step,
    scope: scope(),
    removed: undefined,
    link: undefined,
    mapped: undefined,
    match: undefined,
    ...parts,
  };
}

export function typeInput(
  evaluations: ObjectEvaluation[],
  overrides: Partial<ObjectTypePlanInput> = {},
): ObjectTypePlanInput {
  return {
    evaluations,
    settings: {
      appName: "App",
      actions: { create: true, update: true, delete: true },
      skipOutOfScopeDeletions: false,
      ignoreCase: new Set(),
    },
    softDeleteFollowers: new Set(["active"]),
    requiredPaths: ["userName"],
    primaryMatchingPath: "userName",
    ...overrides,
  };
}

export function planInput(users: ObjectEvaluation[], overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    jobName: "job",
    cycleKind: "initial",
    fingerprint: "f",
    users: typeInput(users),
    groups: null,
    linkedUsers: new Map(
      users.flatMap((u) => (u.link ? [[u.subject.sourceId, u.link.targetId] as const] : [])),
    ),
    deletionThreshold: 500,
    approveDeletes: false,
    ...overrides,
  };
}
