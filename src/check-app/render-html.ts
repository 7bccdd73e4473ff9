import { xml } from "./escape-markup.js";
import { exchangeLines, label } from "./render-text.js";
import type { CheckReport, CheckResult } from "./types.js";

const COLOURS = { pass: "#1a7f37", warn: "#9a6700", fail: "#cf222e", skip: "#6e7781" } as const;

/**
 * One self-contained page (no script, no external resource) to attach to a CI run or send to a vendor.
 * Written as well-formed XHTML, every app-supplied text escaped: answers are the app's own bytes.
 */
export function renderHtml(report: CheckReport): string {
  const verdicts = report.dialects
    .map(
      (d) =>
        `<li><b>${xml(d.dialect)}</b>: ${xml(d.verdict)} (${d.failures} failure(s), ${d.warnings} warning(s))</li>`,
    )
    .join("");
  const recommended = report.recommended
    ? `Recommended tenant URL: <code>${xml(report.recommended.tenantUrl)}</code>`
    : "No dialect is compatible: no tenant URL to recommend.";
  return [
    "<!DOCTYPE html>",
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">',
    '<head><meta charset="utf-8"/>',
    `<title>${xml(`Entra compatibility of ${report.baseUrl}`)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;margin:2em}td,th{padding:.3em .6em;text-align:left;vertical-align:top}" +
      "pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.5em}.s{font-weight:bold}</style>",
    "</head>",
    "<body>",
    `<h1>${xml(`Entra compatibility of ${report.baseUrl}`)}</h1>`,
    `<p>App template <code>${xml(report.app)}</code>${report.readOnly ? ", read-only" : ""}; ${report.requests} requests in ${report.durationMs} ms.</p>`,
    `<ul>${verdicts}</ul>`,
    `<p>${recommended}</p>`,
    ...(report.stoppedBy ? [`<p>Stopped early: ${xml(report.stoppedBy)}</p>`] : []),
    ...(report.leftovers.length > 0
      ? [`<p>Test objects left behind: ${xml(report.leftovers.join(", "))}</p>`]
      : []),
    "<table><thead><tr><th>status</th><th>check</th><th>finding</th></tr></thead><tbody>",
    ...report.results.map(row),
    "</tbody></table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function row(result: CheckResult): string {
  const detail =
    result.status === "fail" || result.status === "warn"
      ? `<details><summary>why it matters, request and answer</summary><p>${xml(result.protects)}</p>${
          result.exchange ? `<pre>${xml(exchangeLines(result.exchange).join("\n"))}</pre>` : ""
        }</details>`
      : "";
  return `<tr><td class="s" style="color:${COLOURS[result.status]}">${result.status.toUpperCase()}</td><td>${xml(label(result).trim())}</td><td>${xml(result.message)}${detail}</td></tr>`;
}
