import type { ScimDialect } from "../connectors/target/scim/index.js";
import type { CheckReport, CheckResult, DialectVerdict } from "./types.js";

/** The tenant URL an admin pastes into Entra for this dialect. */
export const tenantUrlFor = (baseUrl: string, dialect: ScimDialect) =>
  dialect === "aadOptscim062020" ? `${baseUrl}?aadOptscim062020` : baseUrl;

/** A dialect's verdict counts its own checks and every dialect-independent one. */
export function dialectVerdict(
  baseUrl: string,
  dialect: ScimDialect,
  results: readonly CheckResult[],
  stoppedBy: string | null,
): DialectVerdict {
  const relevant = results.filter((r) => r.dialect === null || r.dialect === dialect);
  const failures = relevant.filter((r) => r.status === "fail").length;
  const warnings = relevant.filter((r) => r.status === "warn").length;
  return {
    dialect,
    verdict:
      failures > 0
        ? "incompatible"
        : stoppedBy !== null
          ? "incomplete"
          : warnings > 0
            ? "compatible-with-warnings"
            : "compatible",
    tenantUrl: tenantUrlFor(baseUrl, dialect),
    failures,
    warnings,
  };
}

/**
 * The dialect to configure: a compatible one with the fewest warnings; on a tie the flag, because it is the
 * RFC-compliant form Microsoft announced as the future default (scim-wire.md §2). Null when none is compatible.
 */
export function recommendedDialect(verdicts: readonly DialectVerdict[]): DialectVerdict | null {
  const compatible = verdicts.filter((v) => v.verdict.startsWith("compatible"));
  compatible.sort(
    (a, b) =>
      a.warnings - b.warnings ||
      Number(b.dialect === "aadOptscim062020") - Number(a.dialect === "aadOptscim062020"),
  );
  return compatible[0] ?? null;
}

/** 0: a dialect is compatible; 2: the run stopped before finding any failure; 1: failures. */
export function exitCodeOf(report: CheckReport): 0 | 1 | 2 {
  if (report.recommended) return 0;
  return report.stoppedBy !== null && report.results.every((r) => r.status !== "fail") ? 2 : 1;
}
