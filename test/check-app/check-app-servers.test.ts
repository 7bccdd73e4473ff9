import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckReport, runCheckApp } from "../../src/check-app/index.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { startBetterAuthScim, startScimmyTestServer } from "../support/scim-servers/index.js";
import type { ScimTestServer } from "../support/scim-servers/scim-test-server.js";
import { tickingClock } from "./ticking-clock.js";

const template = loadAppTemplates().get("generic-scim")!;
const findings = (report: CheckReport) =>
  report.results
    .filter((r) => r.status !== "pass")
    .map((r) => `${r.id} ${r.dialect ?? "any"} ${r.status}`)
    .sort();

/**
 * What each independent server earns. Both take the flag dialect; the legacy role PATCH is JSON-encoded
 * (neither decodes it); better-auth also refuses the legacy manager op (scim-client.md), an e-mail with
 * ' + &, and a member batch holding one unknown id.
 */
const EXPECTED = [
  { start: startScimmyTestServer, findings: ["11 entra-legacy warn"] },
  {
    start: startBetterAuthScim,
    findings: [
      "11 entra-legacy warn",
      "13 entra-legacy fail",
      "16 aadOptscim062020 warn",
      "16 entra-legacy warn",
      "8 any warn",
    ],
  },
];

describe.each(EXPECTED)("check-app against an independent SCIM server", ({ start, findings: expected }) => {
  let server: ScimTestServer;
  let report: CheckReport;
  beforeAll(async () => {
    server = await start();
    report = await runCheckApp({ url: server.url, token: server.token, template, now: tickingClock() });
  });
  afterAll(() => server.close());

  it("reports exactly the findings this server earns, and recommends the flag", () => {
    expect(findings(report)).toEqual(expected);
    expect(report.recommended?.dialect).toBe("aadOptscim062020");
    expect(report.recommended?.tenantUrl).toBe(`${server.url}?aadOptscim062020`);
    expect(report.leftovers).toEqual([]);
  });

  it("deletes every test object it created", async () => {
    expect(await server.users()).toEqual([]);
    expect(await server.groups()).toEqual([]);
    const created = server.requestLog.filter((r) => r.method === "POST" && r.status === 201).length;
    const deleted = server.requestLog.filter((r) => r.method === "DELETE" && r.status === 204).length;
    expect(deleted).toBe(created);
  });

  it("names every test object with the entra-sync-check- prefix", () => {
    const names = server.requestLog
      .filter((r) => r.method === "POST" && r.path !== "/Bulk")
      .map(
        (r) =>
          (r.body as { userName?: string; displayName?: string }).userName ??
          (r.body as { displayName?: string }).displayName,
      );
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^entra-sync-check-[0-9a-f]{8}-/);
  });

  it("sends nothing but GETs to /Users and /Groups with --read-only", async () => {
    server.clearRequestLog();
    const readOnly = await runCheckApp({
      url: server.url,
      token: server.token,
      template,
      readOnly: true,
      now: tickingClock(),
    });
    expect(readOnly.results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    const writes = server.requestLog.filter((r) => r.method !== "GET" && /^\/(Users|Groups)/.test(r.path));
    expect(writes).toEqual([]);
    expect(readOnly.requests).toBeLessThanOrEqual(12);
  });
});
