import type { AttrValue } from "../domain/values.js";
import type { Change, EarlierFailure } from "../plan/change.js";
import { isWrite } from "../plan/change.js";
import type { Plan } from "../plan/plan.js";
import type { EscrowRecord } from "../state/state-store.js";
import type { PlanOutput } from "./plan-output.js";

const show = (v: AttrValue | undefined): string => (v === undefined ? "(none)" : JSON.stringify(v));

interface PlanCounts {
  create: number;
  update: number;
  disable: number;
  delete: number;
  references: number;
  unchanged: number;
  skipped: number;
  failing: number;
  held: number;
}

const noCounts = (): PlanCounts => ({
  create: 0,
  update: 0,
  disable: 0,
  delete: 0,
  references: 0,
  unchanged: 0,
  skipped: 0,
  failing: 0,
  held: 0,
});

function count(counts: PlanCounts, c: Change): void {
  if (c.kind === "create") counts.create++;
  else if (c.kind === "delete") counts.delete++;
  else if (c.kind === "update" || c.kind === "disable") {
    if (!isWrite(c)) counts.unchanged++;
    else if (c.kind === "update") counts.update++;
    else counts.disable++;
  } else if ((c.kind === "manager" && !c.inSync) || c.kind === "members") counts.references++;
  else if (c.kind === "skip") c.reason === "RedundantExport" ? counts.unchanged++ : counts.skipped++;
  else if (c.kind === "fail") counts.failing++;
  else if (c.kind === "stagedDelete") counts.held++;
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
      return c.inSync ? [] : [`  ~ set manager of ${who} → ${c.managerName}`];
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

const WHAT_FAILED: Partial<Record<Change["kind"], string>> = {
  create: "create",
  update: "update",
  disable: "update",
  manager: "reference update",
  members: "reference update",
};

const WHY_NOT_RETRIED: Record<NonNullable<EarlierFailure["releasedBy"]>, string> = {
  restart: "escrow cleared by restart",
  escrowsPruned: "escrows pruned instead of quarantine (escrowsPruned)",
  expired: "escrow expired 28 days after its first failure",
};

/** Why an object is planned again: it is not in the app as Entra has it, whatever the delta says. */
function earlierFailureLine(c: Change, f: EarlierFailure): string {
  const what = `its ${WHAT_FAILED[c.kind] ?? "change"} failed on ${f.lastFailed} (${f.errorCode}: ${f.errorMessage})`;
  return f.releasedBy
    ? `      ↻ pending: ${what} and was not retried since: ${WHY_NOT_RETRIED[f.releasedBy]}`
    : `      ↻ pending: ${what}; escrowed, retried now`;
}

/** An escrowed object whose retry is not due: not in this plan, and not in the app either. */
const waitingLine = (e: EscrowRecord): string =>
  `  … waiting for its retry: ${e.type} ${e.displayName}: its change failed ${e.attempts} time(s), last on ` +
  `${e.lastFailed} (${e.errorCode}: ${e.errorMessage}); next retry ${e.nextAttempt}`;

function summary(n: PlanCounts, deletionGuard: Plan["deletionGuard"], waiting: number): string {
  return (
    `Plan: ${n.create} to create, ${n.update} to update, ${n.disable} to disable, ${n.delete} to delete, ` +
    `${n.references} reference updates, ${n.unchanged} unchanged, ${n.skipped} skipped, ${n.failing} failing` +
    (n.held > 0 ? `, ${n.held} held by the deletion guard (threshold ${deletionGuard.threshold})` : "") +
    (waiting > 0 ? `, ${waiting} waiting for a retry` : "") +
    "."
  );
}

/**
 * Terraform-like text, written as the plan is made: a heading, one block per change with its reason, then a
 * summary line. Each batch goes out in one `write`, so a 100k-user plan is never one string.
 */
export function textPlanOutput(
  write: (text: string) => void,
  heading: Pick<Plan, "jobName" | "cycleKind">,
): PlanOutput {
  const counts = noCounts();
  let anyLine = false;
  write(`Plan for job "${heading.jobName}" (${heading.cycleKind} cycle):\n\n`);
  return {
    add(changes) {
      let text = "";
      for (const change of changes) {
        count(counts, change);
        const lines = describe(change);
        if (lines.length > 0 && change.earlierFailure)
          lines.splice(1, 0, earlierFailureLine(change, change.earlierFailure));
        for (const line of lines) text += `${line}\n`;
      }
      if (text !== "") anyLine = true;
      write(text);
    },
    end(deletionGuard, waiting = []) {
      let text = waiting.map((e) => `${waitingLine(e)}\n`).join("");
      if (!anyLine && waiting.length === 0)
        text = "  No changes. The app is in sync with Microsoft Entra ID.\n";
      write(`${text}\n${summary(counts, deletionGuard, waiting.length)}`);
    },
  };
}

/** A whole plan as text (on-demand provisioning, the demo): {@link textPlanOutput} into one string. */
export function renderPlan(plan: Plan): string {
  const parts: string[] = [];
  const output = textPlanOutput((text) => parts.push(text), plan);
  output.add(plan.changes);
  output.end(plan.deletionGuard, plan.waitingRetries);
  return parts.join("");
}
