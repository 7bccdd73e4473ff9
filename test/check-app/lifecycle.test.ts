import { afterEach, describe, expect, it } from "vitest";
import { exitCodeOf, runLifecycle } from "../../src/check-app/index.js";
import { loadAppTemplates } from "../../src/config/app-template.js";
import { startScimmyTestServer } from "../support/scim-servers/index.js";
import type { ScimTestServer } from "../support/scim-servers/scim-test-server.js";
import { type BrokenScimServer, startBrokenScimServer } from "./broken-scim-server.js";
import { brokenBehaviours } from "./faults.js";

const template = loadAppTemplates().get("generic-scim")!;
const fault = (name: string) => brokenBehaviours.find((b) => b.name === name)!.fault;
const outcome = (report: Awaited<ReturnType<typeof runLifecycle>>) =>
  report.results.map((r) => `${r.id} ${r.dialect} ${r.status}`);

let server: ScimTestServer | BrokenScimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("check-app lifecycle mode (the real engine from an emulated tenant)", () => {
  it("plays create, update, disable, re-enable, membership and delete in both dialects, leaving nothing", async () => {
    const scim = await startScimmyTestServer();
    server = scim;
    const report = await runLifecycle({ url: scim.url, token: scim.token, template });
    expect(report.results.map((r) => r.name)).toContain("lifecycle: group membership");
    expect(report.results.every((r) => r.status === "pass")).toBe(true);
    expect(report.results).toHaveLength(12);
    expect(report.recommended?.dialect).toBe("aadOptscim062020");
    expect(report.leftovers).toEqual([]);
    expect(await scim.users()).toEqual([]);
    expect(await scim.groups()).toEqual([]);
    // The engine's own traffic: one create each, PATCHes, then the DELETEs of step 6.
    const writes = scim.requestLog
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.path.split("/")[1]}`);
    expect(writes.filter((w) => w === "POST Users")).toHaveLength(2);
    expect(writes.filter((w) => w.startsWith("DELETE"))).toHaveLength(4);
  });

  it("reports the step an app breaks and skips the steps after it", async () => {
    server = await startBrokenScimServer(fault('stores active as the string "False"'));
    const report = await runLifecycle({
      url: server.url,
      token: server.token,
      template,
      dialects: ["aadOptscim062020"],
    });
    expect(outcome(report)).toEqual([
      "1 aadOptscim062020 pass",
      "2 aadOptscim062020 pass",
      "3 aadOptscim062020 fail",
      "4 aadOptscim062020 skip",
      "5 aadOptscim062020 skip",
      "6 aadOptscim062020 skip",
    ]);
    expect(report.results[2]!.message).toBe('Expected the disabled user with active false, got "False"');
    expect(exitCodeOf(report)).toBe(1);
    expect(server.users()).toEqual([]);
  });

  it("finds a DELETE that answers 204 but keeps the user", async () => {
    server = await startBrokenScimServer(fault("answers 204 to DELETE but keeps the user"));
    const report = await runLifecycle({
      url: server.url,
      token: server.token,
      template,
      dialects: ["entra-legacy"],
    });
    expect(outcome(report).filter((o) => !o.endsWith("pass"))).toEqual(["6 entra-legacy fail"]);
    expect(report.results[5]!.exchange?.path).toMatch(/^\/Users\?filter=userName\+eq\+/);
  });
});
