import type { CheckReport, CheckResult, Exchange } from "./types.js";

const MARK = { pass: "PASS", fail: "FAIL", warn: "WARN", skip: "SKIP" } as const;
const DIALECT_LABEL = { "entra-legacy": "default", aadOptscim062020: "aadOptscim062020" } as const;

/** The human report: one line per check, the request and answer under each failure or warning. */
export function renderText(report: CheckReport): string {
  const lines = [
    `Entra compatibility of ${report.baseUrl} (app template ${report.app}${report.readOnly ? ", read-only" : ""})`,
    "",
  ];
  for (const result of report.results) {
    lines.push(`${MARK[result.status]} ${label(result)}: ${result.message}`);
    if (result.status === "fail" || result.status === "warn") {
      lines.push(`     protects: ${result.protects}`);
      if (result.exchange) lines.push(...exchangeLines(result.exchange).map((l) => `     ${l}`));
    }
  }
  lines.push("");
  if (report.stoppedBy) lines.push(`stopped early: ${report.stoppedBy}`);
  for (const verdict of report.dialects) {
    lines.push(
      `dialect ${DIALECT_LABEL[verdict.dialect]}: ${verdict.verdict} (${verdict.failures} failure(s), ${verdict.warnings} warning(s))`,
    );
  }
  lines.push(
    report.recommended
      ? `recommended tenant URL: ${report.recommended.tenantUrl}`
      : "recommended tenant URL: none (no dialect is compatible)",
  );
  if (report.leftovers.length > 0)
    lines.push(`test objects left behind (delete them): ${report.leftovers.join(", ")}`);
  lines.push(`${report.requests} requests in ${report.durationMs} ms`);
  return `${lines.join("\n")}\n`;
}

/** `11 every PATCH shape of the mappings [aadOptscim062020]` */
export function label(result: CheckResult): string {
  return `${String(result.id).padStart(2)} ${result.name}${result.dialect ? ` [${DIALECT_LABEL[result.dialect]}]` : ""}`;
}

/** `> PATCH /Users/1 {…}` and `< 400 application/scim+json {…}`. */
export function exchangeLines(exchange: Exchange): string[] {
  const request = `> ${exchange.method} ${exchange.path}${exchange.requestBody === undefined ? "" : ` ${JSON.stringify(exchange.requestBody)}`}`;
  const answer =
    exchange.status === null
      ? `< no answer: ${exchange.response}`
      : `< ${exchange.status} ${exchange.contentType ?? "(no content type)"} ${exchange.response}`;
  return [request, answer];
}
