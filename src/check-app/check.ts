import type { CheckContext } from "./check-context.js";
import type { CheckFinding, Exchange, Severity } from "./types.js";

/** One compatibility check: what Entra behaviour it protects, how bad a failure is, and the probe. */
export interface CheckDefinition {
  /** The number in issue 18's list, also the order of the report. */
  readonly id: number;
  readonly name: string;
  readonly protects: string;
  /** A `fail` finding of a `warn` check is reported as a warning. */
  readonly severity: Severity;
  /** Run once per PATCH dialect (the check sends PATCHes); otherwise once. */
  readonly perDialect: boolean;
  /** Sends no write request: part of `--read-only` (checks 1–5). */
  readonly readOnly: boolean;
  /** Why the check does not apply to this app template, or null when it does. */
  readonly notApplicable?: (context: CheckContext) => string | null;
  run(context: CheckContext): Promise<CheckFinding>;
}

export const pass = (message: string): CheckFinding => ({ status: "pass", message });
export const fail = (message: string, exchange?: Exchange): CheckFinding => ({
  status: "fail",
  message,
  ...(exchange ? { exchange } : {}),
});
export const warn = (message: string, exchange?: Exchange): CheckFinding => ({
  status: "warn",
  message,
  ...(exchange ? { exchange } : {}),
});
