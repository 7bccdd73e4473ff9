import { describe, expect, it } from "vitest";
import type { AppRoleLookup } from "../../../../src/connectors/target/scim/index.js";
import { renderPatch } from "../../../../src/connectors/target/scim/render-patch.js";
import type { AppRole } from "../../../../src/domain/source.js";

/**
 * Entra's documented legacy PATCH for a SingleAppRoleAssignment role (customize-application-attributes.md,
 * entra-docs@0596ed57; fixture `roles-single-app-role-assignment-patch-noflag` of scim-wire-fixtures.json).
 */
const SINGLE_ROLE_PATCH = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [
    {
      op: "Add",
      path: "roles",
      value: [
        {
          value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}',
        },
      ],
    },
  ],
};

/** Fixture `roles-complex-patch-noflag` (same page): AppRoleAssignmentsComplex, one stringified role each. */
const COMPLEX_ROLES_PATCH = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [
    {
      op: "Add",
      path: "roles",
      value: [
        { value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"Admin","displayName":"Admin"}' },
        { value: '{"id":"06b07648-ecfe-599f-9d2f-6325724a46ee","value":"User","displayName":"User"}' },
      ],
    },
  ],
};

/** The service principal's app roles the two samples imply. */
const APP_ROLES: readonly AppRole[] = [
  { id: "06b07648-ecfe-589f-9d2f-6325724a46ee", value: "25", displayName: "Role1234", isEnabled: true },
  { id: "06b07648-ecfe-589f-9d2f-6325724a46ee", value: "Admin", displayName: "Admin", isEnabled: true },
  { id: "06b07648-ecfe-599f-9d2f-6325724a46ee", value: "User", displayName: "User", isEnabled: true },
];
const lookup: AppRoleLookup = (value) => APP_ROLES.find((role) => role.value === value);

describe("renderPatch of app roles with the service principal's roles known", () => {
  it("sends a SingleAppRoleAssignment change as the documented stringified {id, value, displayName}", () => {
    const body = renderPatch(
      "entra-legacy",
      "user",
      [{ path: 'roles[primary eq "True"].value', oldValue: "Admin", newValue: "25" }],
      lookup,
    );
    expect(body).toEqual(SINGLE_ROLE_PATCH);
  });

  it("names the app role itself even when the mapping also wrote a display", () => {
    const body = renderPatch(
      "entra-legacy",
      "user",
      [
        { path: 'roles[primary eq "True"].value', oldValue: undefined, newValue: "25" },
        { path: 'roles[primary eq "True"].display', oldValue: undefined, newValue: "25" },
      ],
      lookup,
    );
    expect(body).toEqual(SINGLE_ROLE_PATCH);
  });

  it("gives each AppRoleAssignmentsComplex role its id, as documented", () => {
    const roles = ["Admin", "User"].map((value) => ({
      primary: false,
      type: "WindowsAzureActiveDirectoryRole",
      displayName: value,
      value,
    }));
    const body = renderPatch(
      "entra-legacy",
      "user",
      [{ path: "roles", oldValue: [], newValue: roles }],
      lookup,
    );
    expect(body).toEqual(COMPLEX_ROLES_PATCH);
  });

  it("keeps the flag dialect's POST-shaped role, which the flag is documented to align the PATCH with", () => {
    const body = renderPatch(
      "aadOptscim062020",
      "user",
      [{ path: 'roles[primary eq "True"].value', oldValue: "Admin", newValue: "User" }],
      lookup,
    );
    expect(body.Operations).toEqual([
      {
        op: "replace",
        path: "roles",
        value: [{ primary: true, type: "WindowsAzureActiveDirectoryRole", value: "User" }],
      },
    ]);
  });
});
