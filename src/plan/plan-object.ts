import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { AttrValue, FlatAttributes } from "../domain/values.js";
import { createAttributes, updatableAttributes } from "../pipeline/map.js";
import { type DisableReason, isManaged, type LinkRecord } from "../state/link.js";
import type { Change, DisableChange } from "./change.js";
import { diffAttributes } from "./diff.js";
import type { ObjectEvaluation, PlanSettings } from "./evaluation.js";

type Ev = ObjectEvaluation;

function steps(ev: Ev, ...more: (ProvisioningStep | undefined)[]): ProvisioningStep[] {
  const out = [ev.importStep];
  if (ev.scope) out.push(ev.scope.step);
  for (const s of more) if (s) out.push(s);
  return out;
}

const skipStep = (reason: string, detail: string, ev: Ev): ProvisioningStep => ({
  name: "EntrySynchronizationSkip",
  type: "processing",
  status: "skipped",
  description: detail,
  details: { SkipReason: reason, ReportableIdentifier: ev.subject.displayName },
});

function skip(
  ev: Ev,
  reason: Extract<Change, { kind: "skip" }>["reason"],
  detail: string,
  match?: ProvisioningStep,
): Change {
  return {
    kind: "skip",
    subject: ev.subject,
    reason,
    detail,
    targetId: ev.link?.targetId ?? null,
    steps: steps(ev, match, skipStep(reason, detail, ev)),
  };
}

/** Only the attributes that follow IsSoftDeleted, mapped with IsSoftDeleted = true. */
function softDeleteAttributes(ev: Ev, followers: ReadonlySet<string>): FlatAttributes {
  const out: Record<string, AttrValue> = {};
  for (const [path, value] of Object.entries(ev.mapped?.attributes ?? {}))
    if (followers.has(path)) out[path] = value;
  return out;
}

/** The skip of an object leaving scope while SkipOutOfScopeDeletions is on; null when it is off. */
function skippedExit(ev: Ev, reason: DisableReason, s: PlanSettings): Change | null {
  if ((reason !== "unassigned" && reason !== "scopingFilter") || !s.skipOutOfScopeDeletions) return null;
  return skip(
    ev,
    "OutOfScopeDeletionSkipped",
    `${ev.subject.displayName} left scope (${reason}); SkipOutOfScopeDeletions is on`,
  );
}

function planDelete(ev: Ev, link: LinkRecord, s: PlanSettings): Change[] {
  if (!s.actions.delete)
    return [skip(ev, "TargetObjectActionDisabled", "Deletes are turned off for this object type")];
  return [{ kind: "delete", subject: ev.subject, targetId: link.targetId, steps: steps(ev) }];
}

function planDisable(
  ev: Ev,
  link: LinkRecord,
  reason: DisableReason,
  followers: ReadonlySet<string>,
  s: PlanSettings,
): Change[] {
  if (followers.size === 0) return [];
  const skipped = skippedExit(ev, reason, s);
  if (skipped) return [skipped];
  if (!s.actions.update)
    return [skip(ev, "TargetObjectActionDisabled", "Updates are turned off for this object type")];
  const desired = softDeleteAttributes(ev, followers);
  const disable: DisableChange = {
    kind: "disable",
    subject: ev.subject,
    targetId: link.targetId,
    reason,
    changes: diffAttributes(link.exported, desired, s.ignoreCase),
    exported: { ...link.exported, ...desired },
    steps: steps(ev),
  };
  return [disable];
}

/** A linked object that left the tenant or the app's scope. */
function planExit(ev: Ev, link: LinkRecord, followers: ReadonlySet<string>, s: PlanSettings): Change[] {
  if (ev.removed === "hard") {
    return isManaged(link) ? planDelete(ev, link, s) : [];
  }
  if (link.disabledReason !== null) return [];
  const reason: DisableReason =
    ev.scope?.exit ?? (ev.removed === "soft" ? "softDeleted" : "missingFromSource");
  if (ev.subject.type === "group") return planGroupExit(ev, link, reason, s);
  return planDisable(ev, link, reason, followers, s);
}

/**
 * A SCIM group has no `active` to disable, so a linked group that leaves scope (unassigned, out of its
 * scoping filters, soft-deleted in Entra) is deleted, as Entra does when the target cannot soft-delete; a
 * vendor's trace of an unassigned group shows the same `DELETE /Groups/{id}`. A group missing from a full
 * read is kept: a full read cannot tell a soft delete from a purge, and the purge deletes it.
 */
function planGroupExit(ev: Ev, link: LinkRecord, reason: DisableReason, s: PlanSettings): Change[] {
  if (reason === "missingFromSource") return [];
  const skipped = skippedExit(ev, reason, s);
  if (skipped) return [skipped];
  return planDelete(ev, link, s);
}

/** An in-scope, active object: create it, link it, or update it. */
function planActive(ev: Ev, s: PlanSettings, required: readonly string[]): Change[] {
  const mapped = ev.mapped;
  if (!mapped) return [];
  if (mapped.objectIgnored) return [];
  if (mapped.errors.length > 0) {
    return [
      {
        kind: "fail",
        subject: ev.subject,
        code: "ExpressionEvaluationFailed",
        detail: mapped.errors.join("; "),
        steps: steps(ev),
      },
    ];
  }
  const desired = updatableAttributes(mapped);
  if (ev.link) {
    const changes = diffAttributes(ev.link.exported, desired, s.ignoreCase);
    if (changes.length === 0)
      return [skip(ev, "RedundantExport", `${ev.subject.displayName} is already in sync in ${s.appName}`)];
    if (!s.actions.update)
      return [skip(ev, "TargetObjectActionDisabled", "Updates are turned off for this object type")];
    const exported = { ...ev.link.exported, ...desired };
    return [
      {
        kind: "update",
        subject: ev.subject,
        targetId: ev.link.targetId,
        link: "linked",
        changes,
        exported,
        steps: steps(ev),
      },
    ];
  }
  const match = ev.match;
  if (!match) return [];
  switch (match.kind) {
    case "error":
      return [
        {
          kind: "fail",
          subject: ev.subject,
          code: match.error.code,
          detail: match.error.message,
          steps: steps(ev, match.step),
        },
      ];
    case "duplicate":
      return [
        {
          kind: "fail",
          subject: ev.subject,
          code: "DuplicateTargetEntries",
          detail: match.step.description,
          steps: steps(ev, match.step),
        },
      ];
    case "noValue":
      return [skip(ev, "ImportSkipped", match.step.description, match.step)];
    case "found": {
      const changes = s.actions.update
        ? diffAttributes(match.resource.attributes, desired, s.ignoreCase)
        : [];
      const exported = { ...match.resource.attributes, ...desired };
      return [
        {
          kind: "update",
          subject: ev.subject,
          targetId: match.resource.id,
          link: "matched",
          changes,
          exported,
          steps: steps(ev, match.step),
        },
      ];
    }
    case "absent": {
      const attributes = createAttributes(mapped);
      const missing = required.filter((path) => attributes[path] === undefined);
      if (missing.length > 0) {
        return [
          skip(
            ev,
            "MandatoryFieldsMissing",
            `Required attribute(s) without a value: ${missing.join(", ")}`,
            match.step,
          ),
        ];
      }
      if (!s.actions.create)
        return [
          skip(ev, "TargetObjectActionDisabled", "Creates are turned off for this object type", match.step),
        ];
      return [{ kind: "create", subject: ev.subject, attributes, steps: steps(ev, match.step) }];
    }
    default: {
      const never: never = match;
      return never;
    }
  }
}

/**
 * Plans the primary change for one object (everything but references). Pure.
 * `followers` are the target paths whose mapping depends on IsSoftDeleted; `required` the app's required ones.
 */
export function planObject(
  ev: Ev,
  settings: PlanSettings,
  followers: ReadonlySet<string>,
  required: readonly string[],
): Change[] {
  const scope = ev.scope;
  if (scope === null || ev.removed !== undefined || scope.isSoftDeleted) {
    if (ev.link) return planExit(ev, ev.link, followers, settings);
    if (scope?.assigned && scope.exit !== "unassigned") {
      const why =
        scope.exit === "accountDisabled" ? "is disabled in the source" : "does not pass the scoping filters";
      return [skip(ev, "NotEffectivelyEntitled", `${ev.subject.displayName} ${why}; it is not provisioned`)];
    }
    return [];
  }
  return planActive(ev, settings, required);
}
