import type { JobDefinition } from "../config/job-definition.js";
import type { SourceId } from "../domain/ids.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import {
  type AppRoleAssignment,
  DEFAULT_ACCESS_ROLE_ID,
  type SourceGroup,
  type SourceUser,
} from "../domain/source.js";
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

function scopingStep(
  kind: "User" | "Group",
  d: { assigned: boolean; active: boolean; filterPassed: boolean; inScope: boolean },
  scopeAll: boolean,
  filterDetails: Record<string, string>,
): ProvisioningStep {
  return {
    name: "EntrySynchronizationScoping",
    type: "scoping",
    status: d.inScope && d.active ? "success" : "skipped",
    description: `Determine if ${kind} in scope by evaluating against each scoping filter`,
    details: {
      "Active in the source system": String(d.active),
      ...(scopeAll ? { "Scope sync all": "True" } : { "Assigned to the application": String(d.assigned) }),
      "Scoping filter evaluation passed": String(d.filterPassed),
      ...filterDetails,
    },
  };
}

/** The verdict from the three inputs Entra weighs: assignment, scoping filters, and being active. */
function decide(
  kind: "User" | "Group",
  job: JobDefinition,
  assignments: readonly AppRoleAssignment[],
  assigned: boolean,
  filter: { inScope: boolean; details: Record<string, string> },
  active: boolean,
  removed: boolean,
): ScopeDecision {
  const inScope = assigned && filter.inScope;
  const exit = exitReason(assigned, filter.inScope, active, removed);
  const flags = { assigned, active, filterPassed: filter.inScope, inScope };
  return {
    ...flags,
    isSoftDeleted: exit !== null,
    exit,
    assignments,
    step: scopingStep(kind, flags, job.config.scope === "all", filter.details),
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
    : { inScope: false, details: {} };
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
