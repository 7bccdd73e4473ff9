import type { JobDefinition } from "../config/job-definition.js";
import type { SourceId } from "../domain/ids.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import {
  type AppRoleAssignment,
  DEFAULT_ACCESS_ROLE_ID,
  type SourceGroup,
  type SourceUser,
} from "../domain/source.js";
import type { ScopingResult } from "../scoping/index.js";
import type { DisableReason } from "../state/link.js";
import { sourceAttributeReader } from "./attribute-reader.js";
import type { SourceView } from "./source-view.js";

/**
 * The scope stage's verdict for one object. `isSoftDeleted` is Entra's computed attribute: true when the
 * object is unassigned, fails the scoping filters, is disabled (`accountEnabled=false`) or soft-deleted.
 */
export interface ScopeDecision {
  readonly assigned: boolean;
  readonly active: boolean;
  readonly filterPassed: boolean;
  readonly inScope: boolean;
  readonly isSoftDeleted: boolean;
  /** Why the object is soft-deleted from the app's point of view; null when it is not. */
  readonly exit: DisableReason | null;
  /** Why the object is not provisioned, in words (see `notProvisionedReason`); null when it is. */
  readonly reason: string | null;
  /** The assignments that put a user in scope (direct and through direct group membership). */
  readonly assignments: readonly AppRoleAssignment[];
  readonly step: ProvisioningStep;
}

function effectiveAssignments(view: SourceView, userId: SourceId): AppRoleAssignment[] {
  const direct = view.assignmentsByPrincipal.get(userId) ?? [];
  const viaGroups = (view.groupsOfUser.get(userId) ?? []).flatMap(
    (g) => view.assignmentsByPrincipal.get(g) ?? [],
  );
  return viaGroups.length === 0 ? [...direct] : [...direct, ...viaGroups];
}

function exitReason(
  assigned: boolean,
  filterPassed: boolean,
  active: boolean,
  removed: boolean,
): DisableReason | null {
  if (removed) return "softDeleted";
  if (!assigned) return "unassigned";
  if (!filterPassed) return "scopingFilter";
  if (!active) return "accountDisabled";
  return null;
}

/**
 * Why an object is not provisioned, in words, as Entra's on-demand scoping step says it: not assigned (or
 * only with Default Access where the app leaves that role out), the first clause each scoping filter failed
 * on, disabled, or deleted. Null when it is provisioned.
 */
function notProvisionedReason(
  exit: DisableReason | null,
  assignments: readonly AppRoleAssignment[],
  filter: ScopingResult,
): string | null {
  switch (exit) {
    case null:
    case "missingFromSource":
      return null;
    case "softDeleted":
      return "deleted in Microsoft Entra ID";
    case "unassigned":
      return assignments.length > 0
        ? "assigned only with the Default Access role, which this application does not provision"
        : "not assigned to the application";
    case "scopingFilter":
      return `failed the scoping filter: ${filter.failed.join("; nor ") || "no filter matched"}`;
    case "accountDisabled":
      return "disabled in Microsoft Entra ID (accountEnabled is false)";
  }
}

function scopingStep(
  kind: "User" | "Group",
  d: { assigned: boolean; active: boolean; filterPassed: boolean; inScope: boolean },
  scopeAll: boolean,
  filterDetails: Record<string, string>,
  reason: string | null,
): ProvisioningStep {
  const question = `Determine if ${kind} in scope by evaluating against each scoping filter`;
  return {
    name: "EntrySynchronizationScoping",
    type: "scoping",
    status: d.inScope && d.active ? "success" : "skipped",
    description: reason === null ? question : `${question}: out of scope, ${reason}`,
    details: {
      "Active in the source system": String(d.active),
      ...(scopeAll ? { "Scope sync all": "True" } : { "Assigned to the application": String(d.assigned) }),
      "Scoping filter evaluation passed": String(d.filterPassed),
      ...filterDetails,
      IsInProvisioningScope: String(reason === null),
      ...(reason === null ? {} : { Reason: reason }),
    },
  };
}

/** The verdict from the three inputs Entra weighs: assignment, scoping filters, and being active. */
function decide(
  kind: "User" | "Group",
  job: JobDefinition,
  assignments: readonly AppRoleAssignment[],
  assigned: boolean,
  filter: ScopingResult,
  active: boolean,
  removed: boolean,
): ScopeDecision {
  const inScope = assigned && filter.inScope;
  const exit = exitReason(assigned, filter.inScope, active, removed);
  const flags = { assigned, active, filterPassed: filter.inScope, inScope };
  const reason = notProvisionedReason(exit, assignments, filter);
  return {
    ...flags,
    isSoftDeleted: exit !== null,
    exit,
    reason,
    assignments,
    step: scopingStep(kind, flags, job.config.scope === "all", filter.details, reason),
  };
}

/** Decides whether a user is in scope for the job, and why not. */
export function scopeUser(job: JobDefinition, view: SourceView, user: SourceUser): ScopeDecision {
  const assignments = effectiveAssignments(view, user.id);
  let assigned = job.config.scope === "all" || assignments.length > 0;
  if (assigned && job.template.settings.excludeDefaultAccessRole && job.config.scope === "assigned") {
    assigned = assignments.some((a) => a.appRoleId !== DEFAULT_ACCESS_ROLE_ID);
  }
  const active = user.attributes.accountEnabled !== false && user.removed === undefined;
  const filter = job.users.scoping.evaluate(sourceAttributeReader(user.attributes));
  return decide("User", job, assignments, assigned, filter, active, user.removed !== undefined);
}

/** Groups are in scope when assigned to the app (or under "sync all") and passing the group scoping filters. */
export function scopeGroup(job: JobDefinition, view: SourceView, group: SourceGroup): ScopeDecision {
  const assignments = [...(view.assignmentsByPrincipal.get(group.id) ?? [])];
  const assigned = job.config.scope === "all" || assignments.length > 0;
  const filter = job.groups
    ? job.groups.scoping.evaluate(sourceAttributeReader(group.attributes))
    : { inScope: false, details: {}, failed: [] };
  return decide(
    "Group",
    job,
    assignments,
    assigned,
    filter,
    group.removed === undefined,
    group.removed !== undefined,
  );
}
