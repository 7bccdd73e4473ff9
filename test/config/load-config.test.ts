import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { MINIMAL_CONFIG } from "../support/config-texts.js";

const valid = MINIMAL_CONFIG;

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

describe("schedule", () => {
  it("says to set either interval or cron when both are set, not zod's 'Invalid input'", () => {
    const text = `${valid}    schedule: { interval: PT40M, cron: "*/40 * * * *" }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok ? [] : result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      "jobs[0].schedule: Expected either interval or cron, not both: set one of them",
    ]);
  });

  it("gives a malformed interval one message, not also a false 'zero' one", () => {
    const text = `${valid}    schedule: { interval: 40m }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok ? [] : result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs[0].schedule.interval: Expected an ISO-8601 duration such as PT40M, got "40m"',
    ]);
  });
});

describe("schedule keys", () => {
  it("suggest interval for a misspelt schedule key instead of 'Invalid input'", () => {
    const result = parseConfig(`${valid}    schedule: { intervall: PT40M }\n`, "/tmp/x.yaml");
    expect(result.ok ? [] : result.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs[0].schedule: Expected interval or cron, got "intervall"; did you mean "interval"?',
    ]);
  });
});

describe("unknown keys", () => {
  it("in a mapping that mixes the remove form with a source say so instead of 'Invalid input'", () => {
    const text = `${valid}    users:
      mappings:
        - { target: title, remove: true, source: jobTitle }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(
      result.ok ? [] : result.diagnostics.map((d) => `${d.path} (line ${d.line}): ${d.message}`),
    ).toEqual([
      'jobs[0].users.mappings[0].remove (line 16): Expected either "remove" or the other keys here, got both',
    ]);
  });

  it("are reported one by one on the key's own line, with the key most likely meant", () => {
    const text = valid
      .replace("tenantId: 1", "tenantid:\n      nested: true\n    tenantId: 1")
      .concat("    schedual: { interval: PT40M }\n    colour: blue\n");
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.path, d.line, d.message])).toEqual([
      ["source.graph.tenantid", 4, 'Expected a known key, got "tenantid"; did you mean "tenantId"?'],
      ["jobs[0].schedual", 16, 'Expected a known key, got "schedual"; did you mean "schedule"?'],
      [
        "jobs[0].colour",
        17,
        'Expected one of the keys name, app, target, scope, schedule, users, groups, skipOutOfScopeDeletions, deletionThreshold, maxMembersPerRequest, quarantine, notifications, got "colour"',
      ],
    ]);
  });

  it("inside a mapping suggest the mapping's keys", () => {
    const text = `${valid}    users:
      mappings:
        - { target: title, sorce: jobTitle }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const unknown = result.diagnostics.find((d) => d.path === "jobs[0].users.mappings[0].sorce");
    expect(unknown?.message).toBe('Expected a known key, got "sorce"; did you mean "source"?');
    expect(unknown?.line).toBe(16);
  });
});

describe("Graph source attributes", () => {
  const withUsers = (lines: string) => `${valid}    users:\n${lines}`;

  it("refuses a misspelt attribute in a direct mapping, an expression and a scoping clause, suggesting the Graph name", () => {
    const text = withUsers(`      mappings:
        - { target: title, source: jobTitel }
        - { target: displayName, expression: 'Join(" ", [givenName], [surName])' }
      scopingFilters:
        - clauses: [{ attribute: departmnt, operator: EQUALS, value: Sales }]
`);
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.path, d.line, d.message])).toEqual([
      [
        "jobs[0].users.mappings[0].source",
        16,
        'Expected a Microsoft Graph v1.0 user attribute (or extension_<appId>_<name>), got "jobTitel"; did you mean "jobTitle"?',
      ],
      [
        "jobs[0].users.mappings[1].expression",
        17,
        'Expected a Microsoft Graph v1.0 user attribute (or extension_<appId>_<name>), got "surName"; did you mean "surname"?',
      ],
      [
        "jobs[0].users.scopingFilters[0].clauses[0].attribute",
        19,
        'Expected a Microsoft Graph v1.0 user attribute (or extension_<appId>_<name>), got "departmnt"; did you mean "department"?',
      ],
    ]);
  });

  it("accepts Graph properties, Entra's AD-style aliases, extensionAttribute1-15, directory extensions and computed attributes", () => {
    const text = withUsers(`      mappings:
        - { target: title, source: employeeHireDate }
        - { target: 'phoneNumbers[type eq "work"].value', source: telephoneNumber }
        - { target: 'phoneNumbers[type eq "mobile"].value', source: mobile }
        - { target: 'addresses[type eq "work"].locality', source: extensionAttribute15 }
        - { target: 'addresses[type eq "work"].region', source: extension_0123456789abcdef0123456789abcdef_costCenter }
        - { target: externalId, source: objectId }
        - { target: active, expression: 'Not([IsSoftDeleted])' }
`);
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });

  it("refuses a user-only attribute on groups", () => {
    const text = `${valid}    groups:
      mappings:
        - { target: displayName, source: jobTitle, matching: 1 }
`;
    const result = parseConfig(text, "/tmp/x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.path)).toEqual(["jobs[0].groups.mappings[0].source"]);
  });
});
