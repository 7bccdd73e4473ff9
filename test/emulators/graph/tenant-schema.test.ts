import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_ROLE_ID } from "../../../src/domain/source.js";
import { parseTenant, tenantJsonSchema } from "../../../src/emulators/graph/index.js";
import { demoTenant, groupNamed } from "./test-tenant.js";

const readJson = (relative: string): unknown =>
  JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));

describe("the tenant file schema", () => {
  it("matches the committed config/tenant.schema.json (regenerate it from tenantJsonSchema() after a change)", () => {
    expect(readJson("../../../config/tenant.schema.json")).toEqual(tenantJsonSchema());
  });

  it("rejects a bad tenant with one error naming every invalid path", () => {
    const tenant = structuredClone(readJson("../../../config/demo/tenant.json")) as {
      users: Record<string, unknown>[];
    };
    Object.assign(tenant.users[0] ?? {}, { id: "not-a-guid" });
    Object.assign(tenant.users[1] ?? {}, { userType: "Robot" });
    expect(() => parseTenant(tenant, "broken.json")).toThrowError(
      /^Invalid broken\.json:\n {2}\$\.users\[0\]\.id: Expected a GUID.*\n {2}\$\.users\[1\]\.userType: /,
    );
  });

  it("rejects a user property that is neither known nor an extension attribute", () => {
    const tenant = structuredClone(readJson("../../../config/demo/tenant.json")) as {
      users: Record<string, unknown>[];
    };
    Object.assign(tenant.users[0] ?? {}, { favouriteColour: "blue" });
    expect(() => parseTenant(tenant)).toThrowError(
      /\$\.users\[0\]\.favouriteColour: Expected a known user property or extension_<appIdWithoutDashes>_<name>, got "favouriteColour"/,
    );
  });

  it("accepts directory extension attributes named extension_<appId>_<name>", () => {
    const tenant = demoTenant();
    const withExtension = tenant.users.filter((user) =>
      Object.keys(user).some((key) => key.startsWith("extension_")),
    );
    expect(withExtension.length).toBeGreaterThan(0);
  });
});

describe("the demo tenant", () => {
  const tenant = demoTenant();
  const groupIds = new Set(tenant.groups.map((group) => group.id));
  const assigned = new Set(tenant.appRoleAssignments.map((assignment) => assignment.principalId));

  it("has a few dozen users, disabled ones, a soft-deleted one and a B2B guest", () => {
    expect(tenant.users.length).toBeGreaterThanOrEqual(24);
    expect(tenant.users.filter((user) => !user.accountEnabled).length).toBeGreaterThanOrEqual(2);
    expect(tenant.users.some((user) => user.deleted)).toBe(true);
    expect(tenant.users).toContainEqual(
      expect.objectContaining({
        userPrincipalName: "alias_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        userType: "Guest",
      }),
    );
  });

  it("has 4-6 groups, one nested in another and one not assigned", () => {
    expect(tenant.groups.length).toBeGreaterThanOrEqual(4);
    expect(tenant.groups.length).toBeLessThanOrEqual(6);
    expect(tenant.groups.some((group) => group.members.some((id) => groupIds.has(id)))).toBe(true);
    expect(assigned.has(groupNamed(tenant, "All Company").id)).toBe(false);
  });

  it("assigns some users directly with roles, some through groups, and leaves some unassigned", () => {
    const direct = tenant.users.filter((user) => assigned.has(user.id));
    const viaGroup = new Set(
      tenant.groups.filter((group) => assigned.has(group.id)).flatMap((group) => group.members),
    );
    expect(direct.length).toBeGreaterThan(0);
    expect(
      tenant.appRoleAssignments.some((assignment) => assignment.appRoleId !== DEFAULT_ACCESS_ROLE_ID),
    ).toBe(true);
    expect(tenant.users.some((user) => !assigned.has(user.id) && viaGroup.has(user.id))).toBe(true);
    expect(tenant.users.some((user) => !assigned.has(user.id) && !viaGroup.has(user.id))).toBe(true);
  });

  it("gives most users every mapped attribute and some users a manager", () => {
    const complete = tenant.users.filter((user) =>
      [
        "givenName",
        "surname",
        "mail",
        "jobTitle",
        "department",
        "employeeId",
        "telephoneNumber",
        "mobile",
      ].every((name) => user[name] !== undefined),
    );
    expect(complete.length).toBeGreaterThan(tenant.users.length / 2);
    expect(complete.length).toBeLessThan(tenant.users.length);
    expect(tenant.users.filter((user) => user.managerId !== undefined).length).toBeGreaterThan(10);
  });
});
