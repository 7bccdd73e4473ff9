import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";

const valid = `
source:
  graph:
    tenantId: 11111111-1111-1111-1111-111111111111
    clientId: 22222222-2222-2222-2222-222222222222
    clientSecret: env:ENTRA_CLIENT_SECRET
    servicePrincipalId: 33333333-3333-3333-3333-333333333333
jobs:
  - name: app
    app: generic-scim
    target:
      url: https://scim.example.test/scim
      token: file:secrets/scim-token
`;

describe("config validation", () => {
  it("accepts a minimal config and fills Entra's defaults", () => {
    const result = parseConfig(valid, "/tmp/x.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const job = result.loaded.config.jobs[0]!;
    expect(job.scope).toBe("assigned");
    expect(job.schedule).toEqual({ interval: "PT40M" });
    expect(job.deletionThreshold).toBe(500);
    expect(job.maxMembersPerRequest).toBe(100);
    expect(result.loaded.config.state.path).toBe(".entra-sync/state.db");
    expect(result.loaded.jobs[0]!.users.matching.map((m) => m.target)).toEqual(["userName"]);
    expect(result.loaded.jobs[0]!.users.sourceAttributes).toContain("userPrincipalName");
    expect(Object.isFrozen(result.loaded.config.jobs[0]!.target)).toBe(true);
  });

  it("reports every problem at once, each with its YAML path and line", () => {
    const text = `
source:
  graph:
    tenantId: t
    clientId: c
    clientSecret: s3cr3t-literal
    servicePrincipalId: sp
    colour: blue
jobs:
  - name: app
    app: generic-scim
    scope: everyone
    target:
      url: not a url
      token: env:SCIM_TOKEN
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.diagnostics.map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(
      ["jobs[0].scope", "jobs[0].target.url", "source.graph.colour", "source.graph.clientSecret"].sort(),
    );
    expect(byPath["source.graph.colour"]?.message).toMatch(/colour/);
    expect(byPath["source.graph.colour"]?.line).toBe(8);
    expect(byPath["source.graph.clientSecret"]?.message).toMatch(/secret reference/);
    expect(byPath["source.graph.clientSecret"]?.line).toBe(6);
    expect(byPath["jobs[0].scope"]?.line).toBe(12);
  });

  it("never echoes a literal secret in its diagnostics", () => {
    const result = parseConfig(
      valid.replace("env:ENTRA_CLIENT_SECRET", "hunter2-very-secret"),
      "/tmp/x.yaml",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(JSON.stringify(result.diagnostics)).not.toContain("hunter2");
  });

  it("refuses an unknown template, a matching attribute the app cannot filter on, and an unknown target attribute", () => {
    const text = `${valid}
  - name: second
    app: no-such-app
    target: { url: "https://a.test/scim", token: "env:T" }
  - name: third
    app: generic-scim
    target: { url: "https://a.test/scim", token: "env:T" }
    users:
      mappings:
        - { target: title, source: jobTitle, matching: 2 }
        - { target: favouriteColour, source: department }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.diagnostics.map((d) => `${d.path}: ${d.message}`);
    expect(messages.some((m) => m.startsWith("jobs[1].app") && m.includes("no-such-app"))).toBe(true);
    expect(
      messages.some(
        (m) => m.startsWith("jobs[2].users.mappings[0].matching") && m.includes("not filterable"),
      ),
    ).toBe(true);
    expect(
      messages.some((m) => m.startsWith("jobs[2].users.mappings[1].target") && m.includes("favouriteColour")),
    ).toBe(true);
  });

  it("reports a bad expression with its YAML path and column", () => {
    const text = `${valid}    users:
      mappings:
        - { target: displayName, expression: 'Join(" ", [givenName] [surname])' }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const d = result.diagnostics.find((x) => x.path === "jobs[0].users.mappings[0].expression");
    expect(d?.message).toMatch(/column \d+/);
  });

  it("refuses what the SCIM client and the daemon would fail on: tenant URL query keys and credentials, empty intervals, bad cron", () => {
    const text = valid
      .replace("https://scim.example.test/scim", "https://user:pw@scim.example.test/scim?foo=bar")
      .concat(`    schedule: { interval: PT0S }
  - name: cron-job
    app: generic-scim
    target: { url: "https://b.test/scim?foo=bar", token: "env:T" }
    schedule: { cron: "not a cron" }
`);
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = result.diagnostics.map((d) => `${d.path}: ${d.message}`);
    expect(byPath).toContain(
      "jobs[0].target.url: Expected a tenant URL without user:password (use the token option), got credentials in the URL",
    );
    expect(byPath).toContain(
      "jobs[1].target.url: Expected only the flags aadOptscim062020 or AzureAdScimPatch2017 in the tenant URL query, got foo",
    );
    expect(
      byPath.some((d) => d.startsWith("jobs[0].schedule") && d.includes("positive ISO-8601 duration")),
    ).toBe(true);
    expect(byPath.some((d) => d.startsWith("jobs[1].schedule") && d.includes("valid cron expression"))).toBe(
      true,
    );
  });

  it("rejects duplicate job names", () => {
    const text = `${valid}
  - name: app
    app: generic-scim
    target: { url: "https://b.test/scim", token: "env:T" }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.path)).toContain("jobs[1].name");
  });

  it("reports YAML syntax errors with a line", () => {
    const result = parseConfig("source: [unclosed\n", "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.line).toBeGreaterThan(0);
  });
});

describe("object type switches", () => {
  it("refuses users.enabled, because Entra's user provisioning cannot be turned off", () => {
    const text = `${valid}    users:
      enabled: false
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.path)).toContain("jobs[0].users.enabled");
  });
});
