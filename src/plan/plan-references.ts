import type { SourceId } from "../domain/ids.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { Change, Subject } from "./change.js";
import type { ObjectEvaluation } from "./evaluation.js";

function alive(ev: ObjectEvaluation): boolean {
  return ev.scope !== null && !ev.scope.isSoftDeleted && ev.removed === undefined && ev.mapped !== undefined;
}

/** Whether the primary plan leaves this object in the app (created, linked or updated, not failed). */
function provisioned(ev: ObjectEvaluation, primaryKinds: ReadonlyMap<SourceId, Change["kind"]>): boolean {
  const kind = primaryKinds.get(ev.subject.sourceId);
  return kind === "create" || kind === "update" || (kind === "skip" && ev.link !== undefined);
}

/** A user whose manager (as a source id) differs from what was last exported. */
export interface ManagerCandidate {
  readonly subject: Subject;
  readonly managerId: SourceId;
  /** The manager the app names now (its id in the app), when the user was matched this cycle. */
  readonly appManager?: string;
}

/**
 * The users of one batch whose manager reference may need a change: alive, provisioned by the primary
 * plan, with a manager that differs from the exported one. Nulls never flow (Entra does not clear target
 * values). Whether the manager exists in the app is only known once every user is planned.
 */
export function managerCandidates(
  users: readonly ObjectEvaluation[],
  primary: readonly Change[],
  managerPath: string | undefined,
): ManagerCandidate[] {
  const kinds = new Map(
    primary.filter((c) => c.subject.type === "user").map((c) => [c.subject.sourceId, c.kind]),
  );
  const out: ManagerCandidate[] = [];
  for (const ev of users) {
    if (!alive(ev) || !provisioned(ev, kinds)) continue;
    const wanted = ev.mapped?.managerId;
    if (wanted === undefined || wanted === null) continue;
    if (wanted === (ev.link?.managerId ?? null)) continue;
    const app =
      ev.match?.kind === "found" && managerPath ? ev.match.resource.attributes[managerPath] : undefined;
    out.push({ subject: ev.subject, managerId: wanted, ...(typeof app === "string" && { appManager: app }) });
  }
  return out;
}

/**
 * Manager changes for the candidates whose manager will exist in the app. A manager who is not provisioned
 * yet leaves the reference as it is; a later cycle sets it once the manager exists. A matched user whose
 * resource already names the manager's id in the app (`targetOf`: linked or matched users) gets an
 * `inSync` change: nothing to send, as when a re-linked tenant is matched after its state was lost.
 */
export function planManagers(
  candidates: readonly ManagerCandidate[],
  exists: ReadonlySet<SourceId>,
  names: ReadonlyMap<SourceId, string>,
  targetOf: (id: SourceId) => string | undefined,
): Change[] {
  return candidates
    .filter((c) => exists.has(c.managerId))
    .map((c) => ({
      kind: "manager",
      subject: c.subject,
      managerId: c.managerId,
      managerName: names.get(c.managerId) ?? c.managerId,
      steps: [],
      ...(c.appManager !== undefined && c.appManager === targetOf(c.managerId) && { inSync: true as const }),
    }));
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
