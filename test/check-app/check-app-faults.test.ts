import { afterEach, describe, expect, it } from "vitest";
import { type CheckReport, runCheckApp } from "../../src/check-app/index.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { type BrokenScimServer, startBrokenScimServer } from "./broken-scim-server.js";
import { brokenBehaviours, type ExpectedFinding } from "./faults.js";
import { tickingClock } from "./ticking-clock.js";

const template = loadAppTemplates().get("generic-scim")!;
const SEED = "existing.customer@example.com";

/** What the demo app itself earns: the legacy role PATCH is JSON-encoded, which it does not decode. */
const BASELINE: readonly ExpectedFinding[] = [{ id: 11, dialect: "entra-legacy", status: "warn" }];

const key = (f: ExpectedFinding) => `${f.id} ${f.dialect ?? "any"} ${f.status}`;
const findings = (report: CheckReport) =>
  report.results
    .filter((r) => r.status === "fail" || r.status === "warn")
    .map((r) => key({ id: r.id, dialect: r.dialect, status: r.status as ExpectedFinding["status"] }))
    .sort();

let server: BrokenScimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function check(fault: Parameters<typeof startBrokenScimServer>[0]): Promise<CheckReport> {
  server = await startBrokenScimServer(fault);
  await server.seedUser(SEED);
  return runCheckApp({ url: server.url, token: server.token, template, now: tickingClock() });
}

describe("check-app against a server with one broken behaviour", () => {
  it("reports only the demo app's own warning when nothing is broken, and leaves only the seed user", async () => {
    const report = await check(null);
    expect(findings(report)).toEqual(BASELINE.map(key));
    expect(report.recommended?.dialect).toBe("aadOptscim062020");
    expect(server!.users().map((u) => u.userName)).toEqual([SEED]);
    expect(server!.groups()).toEqual([]);
  });

  it.each(brokenBehaviours)("$name: reported as exactly that", async (behaviour) => {
    const { fault, expected, skipped = [] } = behaviour;
    const report = await check(fault);
    const replaced = BASELINE.filter(
      (b) => !skipped.includes(b.id) && !expected.some((e) => e.id === b.id && e.dialect === b.dialect),
    );
    expect(findings(report)).toEqual([...replaced, ...expected].map(key).sort());
    expect(report.results.filter((r) => r.status === "skip").map((r) => r.id)).toEqual(skipped);
    for (const finding of report.results.filter((r) => r.status === "fail"))
      expect(finding.exchange, `check ${finding.id} shows its request`).toBeDefined();
    const failsIn = (dialect: string) =>
      expected.some((e) => e.status === "fail" && (e.dialect === null || e.dialect === dialect));
    expect(report.recommended === null).toBe(failsIn("entra-legacy") && failsIn("aadOptscim062020"));
    if (!behaviour.keepsTestUsers) expect(server!.users().map((u) => u.userName)).toEqual([SEED]);
    expect(server!.groups()).toEqual([]);
  });
});
