import { afterEach, describe, expect, it } from "vitest";
import { CheckAppCouldNotRun, exitCodeOf, runCheckApp } from "../../src/check-app/index.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { type BrokenScimServer, startBrokenScimServer } from "./broken-scim-server.js";
import { tickingClock } from "./ticking-clock.js";

const template = loadAppTemplates().get("generic-scim")!;
let server: BrokenScimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("check-app bounds", () => {
  it("stops at the request budget: the rest skipped, exit 2, its test objects still deleted", async () => {
    server = await startBrokenScimServer(null);
    const report = await runCheckApp({ url: server.url, token: server.token, template, maxRequests: 20 });
    const stop = report.results.findIndex((r) => r.message.startsWith("Request budget"));
    expect(stop).toBeGreaterThan(4);
    expect(report.results[stop]!.status).toBe("skip");
    expect(report.results.slice(stop + 1).every((r) => r.status === "skip")).toBe(true);
    expect(report.results.slice(stop + 1).length).toBeGreaterThan(0);
    expect(report.recommended).toBeNull();
    expect(report.stoppedBy).toBe("the request budget was spent");
    expect(report.dialects.map((d) => d.verdict)).toEqual(["incomplete", "incomplete"]);
    expect(exitCodeOf(report)).toBe(2);
    expect(server.users()).toEqual([]);
  });

  it("skips every check once its time budget is spent", async () => {
    server = await startBrokenScimServer(null);
    const report = await runCheckApp({ url: server.url, token: server.token, template, maxDurationMs: 0 });
    expect(report.results.every((r) => r.status === "skip" && /time budget/.test(r.message))).toBe(true);
    expect(report.requests).toBe(0);
    expect(report.dialects.map((d) => d.verdict)).toEqual(["incomplete", "incomplete"]);
    expect(exitCodeOf(report)).toBe(2);
  });

  it("could not run when nothing listens at the URL, or the URL is not a tenant URL", async () => {
    await expect(runCheckApp({ url: "http://127.0.0.1:1/scim", token: "t", template })).rejects.toThrow(
      CheckAppCouldNotRun,
    );
    await expect(runCheckApp({ url: "http://127.0.0.1:1/scim?foo", token: "t", template })).rejects.toThrow(
      /Expected only the flags aadOptscim062020/,
    );
  });

  it("checks only the dialect the URL's flag names", async () => {
    server = await startBrokenScimServer(null);
    const report = await runCheckApp({
      url: `${server.url}?aadOptscim062020`,
      token: server.token,
      template,
      now: tickingClock(),
    });
    expect(report.dialects.map((d) => d.dialect)).toEqual(["aadOptscim062020"]);
    expect(new Set(report.results.map((r) => r.dialect))).toEqual(new Set([null, "aadOptscim062020"]));
    expect(report.recommended?.verdict).toBe("compatible");
  });

  it("warns when the burst stays under 25 requests/s, and stops it after twice its window", async () => {
    server = await startBrokenScimServer(null);
    let ms = 0;
    const slow = () => (ms += 100); // every reading 100 ms later: 10 requests/s
    const report = await runCheckApp({ url: server.url, token: server.token, template, now: slow });
    const burst = report.results.find((r) => r.id === 19)!;
    expect(burst.status).toBe("warn");
    const rate = /^Expected at least 25 requests\/s, got (\d+\.\d) /.exec(burst.message)?.[1];
    expect(Number(rate)).toBeLessThan(25);
    expect(burst.requests).toBeLessThan(50);
  });
});
