import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  type AppTemplate,
  loadAppTemplates,
  type ObjectTypeTemplate,
} from "../../src/config/app-template.js";
import { parseConfig } from "../../src/config/load-config.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';
const ROLE = "SingleAppRoleAssignment([appRoleAssignments])";

/** A row of the tables: target attribute, Entra's default source, ★ (filterable), required. */
type Row = readonly [target: string, source: string, star?: "★" | "", required?: "required"];

const userName: Row = ["userName", "userPrincipalName", "★"];
const active: Row = ["active", ACTIVE];
const workEmail: Row = ['emails[type eq "work"].value', "mail"];
const givenName: Row = ["name.givenName", "givenName"];
const familyName: Row = ["name.familyName", "surname"];
const externalId: Row = ["externalId", "mailNickname"];
const groupRows: readonly Row[] = [
  ["displayName", "displayName", "★"],
  ["externalId", "objectId"],
  ["members", "members"],
];

/** Issue 4's gallery table, written out independently of the YAML templates it checks. */
const gallery: Readonly<Record<string, { users: readonly Row[]; groups: readonly Row[] | null }>> = {
  "directprint-io": { users: [userName, externalId, active], groups: groupRows },
  documo: {
    users: [userName, active, givenName, familyName, ['roles[primary eq "True"].value', ROLE]],
    groups: null,
  },
  plandisc: {
    users: [
      ["userName", "userPrincipalName", "★", "required"],
      ["active", ACTIVE, "", "required"],
      ['emails[type eq "work"].value', "mail", "", "required"],
      ["displayName", "displayName", "", "required"],
      ["externalId", "mailNickname", "", "required"],
      ["preferredLanguage", "preferredLanguage"],
    ],
    groups: null,
  },
  maptician: {
    users: [
      userName,
      workEmail,
      active,
      ["title", "jobTitle"],
      ["userType", "userType"],
      givenName,
      familyName,
      ['addresses[type eq "work"].locality', "city"],
      ['addresses[type eq "work"].region', "state"],
      ['phoneNumbers[type eq "work"].value', "telephoneNumber"],
      ['phoneNumbers[type eq "mobile"].value', "mobile"],
      externalId,
      [`${ENTERPRISE}:employeeNumber`, "employeeId"],
      [`${ENTERPRISE}:organization`, "companyName"],
      [`${ENTERPRISE}:department`, "department"],
    ],
    groups: null,
  },
  rfpio: { users: [userName, active, workEmail, givenName, familyName], groups: null },
};

const templates = loadAppTemplates();
const template = (name: string): AppTemplate => templates.get(name)!;

/** The template's attributes as rows: mapped source (or expression), ★, required. */
function rows(type: ObjectTypeTemplate): Row[] {
  return type.attributes.map((a) => {
    const mapping = type.mappings.find((m) => m.target === a.name);
    const source = mapping?.source ?? mapping?.expression ?? String(mapping?.constant ?? "—");
    const row: Row = a.required
      ? [a.name, source, a.filterable ? "★" : "", "required"]
      : a.filterable
        ? [a.name, source, "★"]
        : [a.name, source];
    return row as Row;
  });
}

/** A one-job config for `app`, with `job` merged into the job. */
function configFor(app: string, job: Record<string, unknown> = {}): string {
  return stringify({
    source: {
      graph: {
        tenantId: "t",
        clientId: "c",
        clientSecret: "env:ENTRA_CLIENT_SECRET",
        servicePrincipalId: "sp",
      },
    },
    jobs: [{ name: "job", app, target: { url: "https://app.test/scim", token: "env:SCIM_TOKEN" }, ...job }],
  });
}

function problems(text: string): string[] {
  const result = parseConfig(text, "/tmp/x.yaml", templates);
  return result.ok ? [] : result.diagnostics.map((d) => `${d.path}: ${d.message}`);
}

describe("the gallery app templates", () => {
  it("ships the generic SCIM app and the five gallery apps of issue 4", () => {
    expect([...templates.keys()].sort()).toEqual([
      "directprint-io",
      "documo",
      "generic-scim",
      "maptician",
      "plandisc",
      "rfpio",
    ]);
  });

  it.each(Object.entries(gallery))(
    "%s has exactly the gallery's attributes, flags and default sources",
    (name, table) => {
      const t = template(name);
      expect(rows(t.users)).toEqual(table.users);
      expect(
        t.users.mappings.filter((m) => m.matching !== undefined).map((m) => [m.target, m.matching]),
      ).toEqual([["userName", 1]]);
      expect(t.groups ? rows(t.groups) : null).toEqual(table.groups);
      expect(t.documentation).toMatch(/^https:\/\/learn\.microsoft\.com\/.+-provisioning-tutorial$/);
    },
  );

  it("excludes Default Access users for RFPIO only", () => {
    const excluding = [...templates.values()]
      .filter((t) => t.settings.excludeDefaultAccessRole)
      .map((t) => t.name);
    expect(excluding).toEqual(["rfpio"]);
  });

  it.each([...templates.keys()])("%s compiles as a job with no overrides", (name) => {
    const result = parseConfig(configFor(name), "/tmp/x.yaml", templates);
    expect(result.ok && result.loaded.jobs[0]!.users.matching.map((m) => m.target)).toEqual(["userName"]);
    expect(result.ok && result.loaded.jobs[0]!.groups !== null).toBe(template(name).groups !== undefined);
  });

  it.each([...templates.keys()])(
    "%s refuses a job that makes an attribute the app cannot filter on a matching attribute",
    (name) => {
      const mapping = template(name).users.mappings.find(
        (m) => !template(name).users.attributes.find((a) => a.name === m.target)?.filterable,
      )!;
      const text = configFor(name, { users: { mappings: [{ ...mapping, matching: 2 }] } });
      expect(problems(text)).toEqual([
        `jobs[0].users.mappings[0].matching: Expected a matching attribute the app supports filtering on, got "${mapping.target}" (not filterable)`,
      ]);
    },
  );

  it("refuses groups.enabled: true on an app without group provisioning, and accepts false or nothing", () => {
    expect(problems(configFor("rfpio", { groups: { enabled: true } }))).toEqual([
      "jobs[0].groups.enabled: Expected groups.enabled to be false or absent, got true: RFPIO does not support group provisioning",
    ]);
    for (const groups of [{ enabled: false }, undefined]) {
      const result = parseConfig(configFor("rfpio", groups ? { groups } : {}), "/tmp/x.yaml", templates);
      expect(result.ok && result.loaded.jobs[0]!.groups).toBeNull();
    }
  });

  it("provisions groups by default where the app supports them, unless the job turns them off", () => {
    const on = parseConfig(configFor("directprint-io"), "/tmp/x.yaml", templates);
    const off = parseConfig(
      configFor("directprint-io", { groups: { enabled: false } }),
      "/tmp/x.yaml",
      templates,
    );
    expect(on.ok && on.loaded.jobs[0]!.groups?.matching.map((m) => m.target)).toEqual(["displayName"]);
    expect(off.ok && off.loaded.jobs[0]!.groups).toBeNull();
  });

  it.each([...templates.keys()])("%s is documented in docs/app-templates.md row by row", (name) => {
    const doc = readFileSync(new URL("../../docs/app-templates.md", import.meta.url), "utf8");
    const t = template(name);
    const section = doc.split(/^## /m).find((s) => s.startsWith(`${t.displayName} (\`${name}\`)`));
    expect(section, `Expected a section "## ${t.displayName} (\`${name}\`)"`).toBeDefined();
    const documented = (section ?? "").split("\n").filter((line) => line.startsWith("| `"));
    const expected = [t.users, ...(t.groups ? [t.groups] : [])].flatMap((type) =>
      rows(type).map(([target, source, star, required]) =>
        `| \`${target}\` | \`${source}\` | ${star ?? ""} | ${required ? "yes" : ""} |`.replace("`—`", "—"),
      ),
    );
    expect(documented).toEqual(expected);
  });

  it.each(readdirSync(new URL("../../config/examples/", import.meta.url)))(
    "config/examples/%s validates",
    (file) => {
      const url = new URL(`../../config/examples/${file}`, import.meta.url);
      const result = parseConfig(readFileSync(url, "utf8"), url.pathname, templates);
      expect(result.ok ? [] : result.diagnostics).toEqual([]);
    },
  );
});
