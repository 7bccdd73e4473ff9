import type { ScimDialect } from "../connectors/target/scim/index.js";

/** `fail`: Entra's engine breaks on this (objects not provisioned, quarantine); `warn`: it works, but badly. */
export type Severity = "fail" | "warn";

/** `skip`: could not be checked (an earlier check left nothing to check with, or not mapped by the template). */
export type CheckStatus = "pass" | "fail" | "warn" | "skip";

/** One request the checker sent and what came back, as shown on failure. Never holds a header (the token). */
export interface Exchange {
  readonly method: string;
  /** Relative to the tenant URL, with the query. */
  readonly path: string;
  readonly requestBody?: unknown;
  /** Null when no response came (refused, timeout, TLS). */
  readonly status: number | null;
  readonly contentType: string | null;
  /** The answer body (token redacted, cut at 2 000 characters), or the network error. */
  readonly response: string;
}

/** A check's finding: the status, one line saying why, and the exchange that shows it. */
export interface CheckFinding {
  readonly status: CheckStatus;
  readonly message: string;
  readonly exchange?: Exchange;
}

/** One result line of the report. */
export interface CheckResult extends CheckFinding {
  readonly id: number;
  readonly name: string;
  /** The Entra behaviour the check protects, in one sentence. */
  readonly protects: string;
  readonly severity: Severity;
  /** Null for checks that do not depend on the PATCH dialect. */
  readonly dialect: ScimDialect | null;
  readonly requests: number;
}

/** `incomplete`: the run stopped early (token refused, no TLS, budget spent), so nothing can be promised. */
export type Verdict = "compatible" | "compatible-with-warnings" | "incompatible" | "incomplete";

export interface DialectVerdict {
  readonly dialect: ScimDialect;
  readonly verdict: Verdict;
  /** The tenant URL to paste into Entra for this dialect. */
  readonly tenantUrl: string;
  readonly failures: number;
  readonly warnings: number;
}

export interface CheckReport {
  readonly baseUrl: string;
  readonly app: string;
  readonly readOnly: boolean;
  readonly results: readonly CheckResult[];
  readonly dialects: readonly DialectVerdict[];
  /** The dialect to use: the compatible one (the flag when both are), or null when none is. */
  readonly recommended: DialectVerdict | null;
  readonly requests: number;
  /** Why the run stopped before its last check, or null when every check ran. */
  readonly stoppedBy: string | null;
  /** Test objects the checker could not delete afterwards (their ids or userNames), so the vendor can. */
  readonly leftovers: readonly string[];
  readonly durationMs: number;
}
