import { describe, expect, it } from "vitest";
import { type CheckReport, renderHtml, renderJunit, renderText } from "../../src/check-app/index.js";
import { descendants, parseStrictXml } from "./strict-xml.js";

/** A report whose app answered with markup and a control character, as a hostile or broken app might. */
const report: CheckReport = {
  baseUrl: "https://app.example.com/scim",
  app: "generic-scim",
  readOnly: false,
  results: [
    {
      id: 2,
      name: "Test Connection query",
      protects: "Entra's Test Connection <probe> & friends",
      severity: "fail",
      dialect: null,
      requests: 1,
      status: "fail",
      message: 'Expected 200, got 500 "oops"',
      exchange: {
        method: "GET",
        path: "/Users?filter=userName+eq+%22x%22",
        status: 500,
        contentType: "text/html",
        response: "<script>alert(1)</script>\u0001]]>",
      },
    },
    {
      id: 4,
      name: "/Schemas, /ResourceTypes, /ServiceProviderConfig",
      protects: "discovery",
      severity: "warn",
      dialect: null,
      requests: 3,
      status: "warn",
      message: "Expected every mapped attribute in /Schemas, missing: title",
    },
    {
      id: 13,
      name: "manager set and changed",
      protects: "manager",
      severity: "fail",
      dialect: "aadOptscim062020",
      requests: 0,
      status: "skip",
      message: "Not applicable: the template does not map a manager",
    },
  ],
  dialects: [
    {
      dialect: "aadOptscim062020",
      verdict: "incompatible",
      tenantUrl: "https://app.example.com/scim?aadOptscim062020",
      failures: 1,
      warnings: 1,
    },
  ],
  recommended: null,
  requests: 4,
  stoppedBy: null,
  leftovers: [],
  durationMs: 1234,
};

describe("check-app report formats", () => {
  it("JUnit: a failure, a warning that passes, a skip; app bytes escaped and well-formed", () => {
    const root = parseStrictXml(renderJunit(report));
    const [failing, warning, skipped] = descendants(root, "testcase");
    expect(descendants(failing!, "failure")[0]!.text).toContain(
      "< 500 text/html <script>alert(1)</script>\uFFFD]]>",
    );
    expect(descendants(failing!, "failure")[0]!.attributes.message).toBe('Expected 200, got 500 "oops"');
    expect(descendants(warning!, "failure")).toEqual([]);
    expect(descendants(warning!, "system-out")[0]!.text).toMatch(/^WARNING: Expected every mapped attribute/);
    expect(descendants(skipped!, "skipped")[0]!.attributes.message).toMatch(/^Not applicable/);
    expect(skipped!.attributes.classname).toBe("check-app.aadOptscim062020");
    expect(root.attributes).toMatchObject({ tests: "3", failures: "1", skipped: "1", time: "1.234" });
  });

  it("HTML: well-formed XHTML, one row per check, the app's markup shown as text, no script element", () => {
    const html = renderHtml(report);
    const root = parseStrictXml(html.replace(/^<!DOCTYPE html>\n/, ""));
    expect(descendants(root, "tr")).toHaveLength(1 + report.results.length);
    expect(descendants(root, "script")).toEqual([]);
    expect(descendants(root, "pre")[0]!.text).toContain("<script>alert(1)</script>");
    expect(html).toContain("No dialect is compatible");
  });

  it("text: the exchange under the failure, and no tenant URL when nothing is compatible", () => {
    const text = renderText(report);
    expect(text).toContain(" 2 Test Connection query: Expected 200, got 500");
    expect(text).toContain("     > GET /Users?filter=userName+eq+%22x%22\n     < 500 text/html <script>");
    expect(text).toContain("recommended tenant URL: none (no dialect is compatible)");
  });
});
