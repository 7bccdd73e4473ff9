import { xml } from "./escape-markup.js";
import { exchangeLines, label } from "./render-text.js";
import type { CheckReport, CheckResult } from "./types.js";

/**
 * JUnit XML as CI systems read it: one testsuite, one testcase per check (and dialect); failures as
 * `<failure>`, warnings as passing cases with a `<system-out>` note (CI should not go red on a warning),
 * skipped checks as `<skipped>`.
 */
export function renderJunit(report: CheckReport): string {
  const count = (status: CheckResult["status"]) => report.results.filter((r) => r.status === status).length;
  const cases = report.results.map(testCase);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="entra-sync check-app" tests="${report.results.length}" failures="${count("fail")}" skipped="${count("skip")}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xml(`Entra compatibility of ${report.baseUrl}`)}" tests="${report.results.length}" failures="${count("fail")}" errors="0" skipped="${count("skip")}" time="${seconds(report.durationMs)}">`,
    "    <properties>",
    `      <property name="app" value="${xml(report.app)}"/>`,
    ...report.dialects.map((d) => `      <property name="dialect.${d.dialect}" value="${d.verdict}"/>`),
    `      <property name="recommendedTenantUrl" value="${xml(report.recommended?.tenantUrl ?? "")}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function testCase(result: CheckResult): string {
  const open = `    <testcase classname="check-app${result.dialect ? `.${result.dialect}` : ""}" name="${xml(label(result).trim())}" time="0">`;
  const detail = xml(
    [
      result.message,
      `protects: ${result.protects}`,
      ...(result.exchange ? exchangeLines(result.exchange) : []),
    ].join("\n"),
  );
  switch (result.status) {
    case "pass":
      return `${open}</testcase>`;
    case "skip":
      return `${open}<skipped message="${xml(result.message)}"/></testcase>`;
    case "warn":
      return `${open}<system-out>WARNING: ${detail}</system-out></testcase>`;
    case "fail":
      return `${open}<failure message="${xml(result.message)}" type="${result.severity}">${detail}</failure></testcase>`;
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
