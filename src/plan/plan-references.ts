import type { SourceId } from "../domain/ids.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { Change } from "./change.js";
import type { ObjectEvaluation } from "./evaluation.js";

/**
 * Which users will exist in the app after the primary changes: linked ones that are not deleted, plus the
 * ones being created or matched. References (manager, members) may only point at these.
 */
export function existingUsers(linkedUsers: ReadonlySet<SourceId>, primary: readonly Change[]): Set<SourceId> {
  const exists = new Set<SourceId>(linkedUsers);
  for (const c of primary) {
    if (c.subject.type !== "user") continue;
    if (c.kind === "create" || c.kind === "update") exists.add(c.subject.sourceId);
    if (c.kind === "delete") exists.delete(c.subject.sourceId);
  }
  return exists;
}

function alive(ev: ObjectEvaluation): boolean {
  return ev.scope !== null && !ev.scope.isSoftDeleted && ev.removed === undefined && ev.mapped !== undefined;
}

/** Whether the primary plan leaves this object in the app (created, linked or updated, not failed). */
function provisioned(ev: ObjectEvaluation, primaryKinds: ReadonlyMap<SourceId, Change["kind"]>): boolean {
  const kind = primaryKinds.get(ev.subject.sourceId);
  return kind === "create" || kind === "update" || (kind === "skip" && ev.link !== undefined);
}

/**
 * Manager changes for users whose manager (as a source id) differs from what was last exported. A manager
 * who is not provisioned yet leaves the reference as it is; a later cycle sets it once the manager exists.
 */
export function planManagers(
  users: readonly ObjectEvaluation[],
  primary: readonly Change[],
  exists: ReadonlySet<SourceId>,
): Change[] {
  const kinds = new Map(
    primary.filter((c) => c.subject.type === "user").map((c) => [c.subject.sourceId, c.kind]),
  );
  const names = new Map(users.map((ev) => [ev.subject.sourceId, ev.subject.displayName]));
  const out: Change[] = [];
  for (const ev of users) {
    if (!alive(ev) || !provisioned(ev, kinds)) continue;
    const wanted = ev.mapped?.managerId;
    // Nulls never flow (Entra does not clear target values), and an unprovisioned manager waits.
    if (wanted === undefined || wanted === null || !exists.has(wanted)) continue;
    if (wanted === (ev.link?.managerId ?? null)) continue;
    out.push({
      kind: "manager",
      subject: ev.subject,
      managerId: wanted,
      managerName: names.get(wanted) ?? wanted,
      steps: [],
    });
  }
  return out;
}

const unresolvedStep = (ids: readonly SourceId[], group: string): ProvisioningStep => ({
  name: "UnableToResolveReferenceAttributeValue",
  type: "referenceResolution",
  status: "warning",
  description: `We were unable to assign ${ids.join(", ")} as the members of ${group}: not provisioned in the app yet`,
  details: { unresolved: ids.join(",") },
});

/**
 * Member changes per group: desired members are the group's direct user members that exist in the app;
 * compared with what was last exported (Entra never reads members back from the app).
 */
export function planMembers(
  groups: readonly ObjectEvaluation[],
  primary: readonly Change[],
  exists: ReadonlySet<SourceId>,
): Change[] {
  const kinds = new Map(
    primary.filter((c) => c.subject.type === "group").map((c) => [c.subject.sourceId, c.kind]),
  );
  const out: Change[] = [];
  for (const ev of groups) {
    if (!alive(ev) || !provisioned(ev, kinds)) continue;
    const wanted = ev.mapped?.memberIds;
    if (wanted === undefined) continue;
    const desired = wanted.filter((id) => exists.has(id));
    const unresolved = wanted.filter((id) => !exists.has(id));
    const before = new Set(ev.link?.memberIds ?? []);
    const after = new Set(desired);
    const add = desired.filter((id) => !before.has(id));
    const remove = [...before].filter((id) => !after.has(id) && exists.has(id));
    if (add.length === 0 && remove.length === 0) continue;
    const steps = unresolved.length > 0 ? [unresolvedStep(unresolved, ev.subject.displayName)] : [];
    out.push({ kind: "members", subject: ev.subject, add, remove, memberIds: desired, steps });
  }
  return out;
}
