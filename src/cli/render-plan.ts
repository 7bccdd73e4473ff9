import type { AttrValue } from "../domain/values.js";
import type { Change } from "../plan/change.js";
import { isWrite } from "../plan/change.js";
import type { Plan } from "../plan/plan.js";

const show = (v: AttrValue | undefined): string => (v === undefined ? "(none)" : JSON.stringify(v));

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly disable: number;
  readonly delete: number;
  readonly references: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failing: number;
  readonly held: number;
}

export function countPlan(plan: Plan): PlanCounts {
  const counts = {
    create: 0,
    update: 0,
    disable: 0,
    delete: 0,
    references: 0,
    unchanged: 0,
    skipped: 0,
    failing: 0,
    held: 0,
  };
  for (const c of plan.changes) {
    if (c.kind === "create") counts.create++;
    else if (c.kind === "delete") counts.delete++;
    else if (c.kind === "update" || c.kind === "disable") {
      if (!isWrite(c)) counts.unchanged++;
      else if (c.kind === "update") counts.update++;
      else counts.disable++;
    } else if (c.kind === "manager" || c.kind === "members") counts.references++;
    else if (c.kind === "skip") c.reason === "RedundantExport" ? counts.unchanged++ : counts.skipped++;
    else if (c.kind === "fail") counts.failing++;
    else if (c.kind === "stagedDelete") counts.held++;
  }
  return counts;
}

/** Whether applying the plan would send any write request. */
export const planHasChanges = (plan: Plan): boolean => plan.changes.some(isWrite);

function describe(c: Change): string[] {
  const who = `${c.subject.type} ${c.subject.displayName}`;
  switch (c.kind) {
    case "create":
      return [`  + create ${who}`, ...Object.entries(c.attributes).map(([p, v]) => `      ${p}: ${show(v)}`)];
    case "update":
      if (c.changes.length === 0)
        return c.link === "matched" ? [`  = link ${who} (matched, already in sync)`] : [];
      return [
        `  ~ update ${who}${c.link === "matched" ? " (matched existing)" : ""}`,
        ...c.changes.map((ch) => `      ${ch.path}: ${show(ch.oldValue)} → ${show(ch.newValue)}`),
      ];
    case "disable":
      if (c.changes.length === 0) return [];
      return [
        `  - disable ${who} (${c.reason})`,
        ...c.changes.map((ch) => `      ${ch.path}: ${show(ch.oldValue)} → ${show(ch.newValue)}`),
      ];
    case "delete":
      return [`  ! delete ${who} (deleted in Microsoft Entra ID)`];
    case "manager":
      return [`  ~ set manager of ${who} → ${c.managerName}`];
    case "members":
      return [`  ~ members of ${who}: +${c.add.length} −${c.remove.length}`];
    case "skip":
      return c.reason === "RedundantExport" ? [] : [`  · skip ${who}: ${c.reason} (${c.detail})`];
    case "fail":
      return [`  ✗ cannot provision ${who}: ${c.code} (${c.detail})`];
    case "stagedDelete":
      return [`  ‖ held ${c.held.kind} of ${who}: accidental-deletion threshold exceeded`];
    default: {
      const never: never = c;
      return never;
    }
  }
}

/** Terraform-like text: one block per change with its reason, then a summary line. */
export function renderPlan(plan: Plan): string {
  const lines = [`Plan for job "${plan.jobName}" (${plan.cycleKind} cycle):`, ""];
  const body = plan.changes.flatMap(describe);
  lines.push(...(body.length > 0 ? body : ["  No changes. The app is in sync with Microsoft Entra ID."]));
  const n = countPlan(plan);
  lines.push(
    "",
    `Plan: ${n.create} to create, ${n.update} to update, ${n.disable} to disable, ${n.delete} to delete, ` +
      `${n.references} reference updates, ${n.unchanged} unchanged, ${n.skipped} skipped, ${n.failing} failing` +
      (n.held > 0
        ? `, ${n.held} held by the deletion guard (threshold ${plan.deletionGuard.threshold})`
        : "") +
      ".",
  );
  return lines.join("\n");
}
