import { once } from "node:events";
import type { Writable } from "node:stream";
import type { PlanHeading, PlanStream } from "../app/prepare-cycle.js";
import { type JobDefinition, redactedPathsOf } from "../config/job-definition.js";
import type { Change } from "../plan/change.js";
import { isWrite } from "../plan/change.js";
import type { Plan } from "../plan/plan.js";
import { redactChange } from "../plan/redaction.js";
import type { EscrowRecord } from "../state/state-store.js";

/**
 * A plan being printed as it is made: its changes batch by batch, then the deletion guard's verdict and the
 * escrowed objects whose retry is not due (not in the plan, yet not in the app: the plan is not "in sync").
 */
export interface PlanOutput {
  add(changes: readonly Change[]): void;
  end(deletionGuard: Plan["deletionGuard"], waiting?: readonly EscrowRecord[]): void;
}

/**
 * Shows the values of Redact() attributes as `[Redact]`, as the provisioning log does; the plan itself keeps
 * them, since apply sends them.
 */
export function redactedPlanOutput(output: PlanOutput, job: JobDefinition): PlanOutput {
  return {
    add: (changes) => output.add(changes.map((c) => redactChange(c, redactedPathsOf(job, c.subject.type)))),
    end: (deletionGuard, waiting) => output.end(deletionGuard, waiting),
  };
}

/** The plan's fields before `changes`, in the order a {@link Plan} value has them. */
const HEADING_KEYS = ["jobName", "cycleKind", "fingerprint"] as const;

/** Indents every line after the first, as JSON.stringify does for a value nested `pad` deep. */
const nested = (json: string, pad: string) => json.replaceAll("\n", `\n${pad}`);

/**
 * The plan as JSON, byte for byte what `JSON.stringify(plan, null, 2)` gives (nested `pad` deep when it is
 * an element of an array of plans), written a change at a time so the plan is never one string.
 */
export function jsonPlanOutput(write: (text: string) => void, heading: PlanHeading, pad = ""): PlanOutput {
  const inner = `${pad}  `;
  let text = "{";
  for (const key of HEADING_KEYS) text += `\n${inner}"${key}": ${JSON.stringify(heading[key])},`;
  write(`${text}\n${inner}"changes": [`);
  let first = true;
  return {
    add(changes) {
      let chunk = "";
      for (const change of changes) {
        chunk += `${first ? "" : ","}\n${inner}  ${nested(JSON.stringify(change, null, 2), `${inner}  `)}`;
        first = false;
      }
      write(chunk);
    },
    end(deletionGuard, waiting = []) {
      const guard = nested(JSON.stringify(deletionGuard, null, 2), inner);
      const retries =
        waiting.length > 0
          ? `,\n${inner}"waitingRetries": ${nested(JSON.stringify(waiting, null, 2), inner)}`
          : "";
      write(`${first ? "" : `\n${inner}`}],\n${inner}"deletionGuard": ${guard}${retries}\n${pad}}`);
    },
  };
}

/**
 * Runs a plan stream to its end into `output`, waiting for `out` to drain between batches when its reader
 * is slower than planning. Returns what the plan holds: changes for the app (writes, removals the deletion
 * guard holds, or escrowed objects waiting for their retry) and objects that could not be planned (`fail`:
 * the app unreachable while matching, an expression failing on the object's data).
 */
export async function printPlan(
  stream: PlanStream,
  output: (heading: PlanHeading) => PlanOutput,
  out: Writable,
): Promise<{ readonly changed: boolean; readonly failing: boolean }> {
  const printer = output(stream.heading);
  let changed = false;
  let failing = false;
  for (let step = await stream.batches.next(); ; step = await stream.batches.next()) {
    if (step.done) {
      const { waiting } = stream.read.outstanding;
      printer.end(step.value.deletionGuard, waiting);
      return { changed: changed || waiting.length > 0, failing };
    }
    changed ||= step.value.some((c) => isWrite(c) || c.kind === "stagedDelete");
    failing ||= step.value.some((c) => c.kind === "fail");
    printer.add(step.value);
    if (out.writableNeedDrain) await once(out, "drain");
  }
}
