import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../src/check-app/index.js";
import { runCli } from "../support/cli.js";
import { type BrokenScimServer, startBrokenScimServer } from "./broken-scim-server.js";
import { brokenBehaviours } from "./faults.js";
import { descendants, parseStrictXml } from "./strict-xml.js";

let server: BrokenScimServer;
beforeAll(async () => {
  server = await startBrokenScimServer(null);
});
afterAll(() => server.close());

const env = (token: string) => ({ ...process.env, CHECK_APP_TOKEN: token });

describe("entra-sync check-app", () => {
  it("prints a JSON report, exit 0, and never the token", async () => {
    const result = await runCli(
      ["check-app", "--url", server.url, "--token", "env:CHECK_APP_TOKEN", "--format", "json"],
      env(server.token),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(report.recommended?.tenantUrl).toBe(`${server.url}?aadOptscim062020`);
    // 19 checks, six of them once per dialect.
    expect(report.results).toHaveLength(25);
    expect(result.stdout + result.stderr).not.toContain(server.token);
  });

  it("writes JUnit XML a CI system can parse, one testcase per check", async () => {
    const result = await runCli(
      [
        "check-app",
        "--url",
        server.url,
        "--token",
        "env:CHECK_APP_TOKEN",
        "--read-only",
        "--format",
        "junit",
      ],
      env(server.token),
    );
    expect(result.code).toBe(0);
    const root = parseStrictXml(result.stdout);
    expect(root.name).toBe("testsuites");
    const cases = descendants(root, "testcase");
    expect(cases.map((c) => c.attributes.name)).toEqual([
      "1 bearer token accepted, wrong token refused",
      "2 Test Connection query",
      "3 JSON bodies, SCIM content type, no redirects, TLS",
      "4 /Schemas, /ResourceTypes, /ServiceProviderConfig",
      "5 SCIM error bodies, 404 for an unknown id, 501 for unsupported",
    ]);
    expect(descendants(root, "failure")).toEqual([]);
  });

  it("exits 1 with the refused request in the text report when the token is wrong, still without printing it", async () => {
    const result = await runCli(
      ["check-app", "--url", server.url, "--token", "env:CHECK_APP_TOKEN", "--dialect", "default"],
      env("not-the-token"),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "FAIL  1 bearer token accepted, wrong token refused: Expected 2xx with the given token, got 401",
    );
    expect(result.stdout).toMatch(/> GET \/Users\?filter=userName\+eq\+%22[0-9a-f-]{36}%22\n\s+< 401/);
    expect(result.stdout).toContain("stopped early: the given token was refused (401)");
    expect(result.stdout).not.toContain("not-the-token");
  });

  it("exits 2 when it could not run: a literal token, an unknown template, nothing listening, clashing modes", async () => {
    const literal = await runCli(["check-app", "--url", server.url, "--token", server.token], env(""));
    expect(literal.code).toBe(2);
    expect(literal.stderr).toContain("--token: Expected a secret reference (env:NAME or file:PATH)");
    expect(literal.stderr).not.toContain(server.token);
    const template = await runCli(
      ["check-app", "--url", server.url, "--token", "env:CHECK_APP_TOKEN", "--app", "nope"],
      env(server.token),
    );
    expect(template.code).toBe(2);
    expect(template.stderr).toMatch(
      /^error: Expected --app to name a template \(.*generic-scim.*\), got "nope"\n$/,
    );
    const down = await runCli(
      ["check-app", "--url", "http://127.0.0.1:1/scim", "--token", "env:CHECK_APP_TOKEN"],
      env(server.token),
    );
    expect(down.code).toBe(2);
    expect(down.stderr).toContain("connection refused");
    const both = await runCli(
      ["check-app", "--url", server.url, "--token", "env:CHECK_APP_TOKEN", "--lifecycle", "--read-only"],
      env(server.token),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("error: Expected --lifecycle or --read-only, got both: the lifecycle writes\n");
  });
});

describe("JUnit XML of a failing report", () => {
  let broken: BrokenScimServer;
  afterAll(() => broken.close());

  it("carries each failure with its request, escaped, and parses strictly", async () => {
    const behaviour = brokenBehaviours.find((b) => b.name === "ignores manager PATCHes")!;
    broken = await startBrokenScimServer(behaviour.fault);
    const result = await runCli(
      ["check-app", "--url", broken.url, "--token", "env:CHECK_APP_TOKEN", "--format", "junit"],
      env(broken.token),
    );
    expect(result.code).toBe(1);
    const root = parseStrictXml(result.stdout);
    const failed = descendants(root, "testcase").filter((c) => descendants(c, "failure").length > 0);
    expect(failed.map((c) => c.attributes.name)).toEqual([
      "13 manager set and changed [default]",
      "13 manager set and changed [aadOptscim062020]",
    ]);
    const failure = descendants(failed[0]!, "failure")[0]!;
    expect(failure.text).toContain("> GET /Users/");
    expect(failure.text).toContain("protects: Entra links the manager");
    expect(root.attributes.failures).toBe("2");
  });
});
