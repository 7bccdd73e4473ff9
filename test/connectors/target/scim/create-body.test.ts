import { describe, expect, it } from "vitest";
import { buildCreateBody } from "../../../../src/connectors/target/scim/create-body.js";
import { fixture } from "./wire-fixtures.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const USER_SCHEMAS = ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE];

describe("buildCreateBody", () => {
  it("reproduces the documented create-user body", () => {
    const body = buildCreateBody("user", {
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
      active: true,
      'emails[type eq "work"].value': "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com",
      "name.formatted": "givenName familyName",
      "name.familyName": "familyName",
      "name.givenName": "givenName",
    });
    expect(body).toEqual(fixture("create-user").body);
  });

  it("turns Entra's True/False strings for active into JSON booleans", () => {
    expect(buildCreateBody("user", { userName: "a", active: "False" }).active).toBe(false);
    expect(buildCreateBody("user", { userName: "a", active: "True" }).active).toBe(true);
  });

  it("reproduces the documented create-group body, without members", () => {
    const body = buildCreateBody("group", {
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
      members: [{ value: "ignored" }],
    });
    expect(body).toEqual(fixture("create-group").body);
  });

  it("writes the single primary role as documented, with Entra's role type", () => {
    const documented = fixture("roles-single-app-role-assignment-create").body;
    const body = buildCreateBody("user", {
      externalId: "alias",
      userName: "alias@contoso.OnMicrosoft.com",
      active: true,
      displayName: "First Name Last Name",
      'roles[primary eq "True"].value': "Admin",
    });
    // Our users always list the enterprise URN, as the create-user sample does; the rest is byte-equal.
    expect(body).toEqual({ ...documented, schemas: USER_SCHEMAS });
  });

  it("passes whole role arrays through for the complex role expressions", () => {
    for (const name of ["roles-complex-create", "roles-assertive-complex-create"]) {
      const documented = fixture(name).body;
      const { schemas: _schemas, meta: _meta, ...attributes } = documented;
      expect(buildCreateBody("user", attributes)).toEqual({
        ...documented,
        schemas: USER_SCHEMAS,
        meta: { resourceType: "User" },
      });
    }
  });

  it("emits one phone number element per type, without primary", () => {
    const body = buildCreateBody("user", {
      'phoneNumbers[type eq "work"].value': "555-555-5555",
      'phoneNumbers[type eq "mobile"].value': "555-555-5555",
      'phoneNumbers[type eq "fax"].value': "555-555-5555",
    });
    expect(body.phoneNumbers).toEqual(fixture("multivalue-phoneNumbers-fragment").body.phoneNumbers);
  });

  it("merges the sub-attributes of one address type into one element", () => {
    const body = buildCreateBody("user", {
      'addresses[type eq "work"].locality': "Paris",
      'addresses[type eq "work"].region': "IDF",
      'addresses[type eq "work"].postalCode': "75001",
    });
    expect(body.addresses).toEqual([{ type: "work", locality: "Paris", region: "IDF", postalCode: "75001" }]);
  });

  it("puts extension attributes inside the URN object and the manager as a complex value", () => {
    const body = buildCreateBody("user", {
      userName: "a",
      [`${ENTERPRISE}:employeeNumber`]: "42",
      [`${ENTERPRISE}:department`]: "R&D",
      [`${ENTERPRISE}:manager`]: "mgr-id",
    });
    expect(body[ENTERPRISE]).toEqual({
      employeeNumber: "42",
      department: "R&D",
      manager: { value: "mgr-id" },
    });
  });

  it("writes core attributes addressed with the core URN prefix at the top level", () => {
    const body = buildCreateBody("user", { "urn:ietf:params:scim:schemas:core:2.0:User:userName": "a" });
    expect(body.userName).toBe("a");
  });

  it("merges a primary role into a whole roles array instead of losing either", () => {
    const body = buildCreateBody("user", {
      'roles[primary eq "True"].value': "Admin",
      roles: [
        { primary: false, type: "WindowsAzureActiveDirectoryRole", displayName: "User", value: "User" },
      ],
    });
    expect(body.roles).toEqual([
      { primary: false, type: "WindowsAzureActiveDirectoryRole", displayName: "User", value: "User" },
      { primary: true, type: "WindowsAzureActiveDirectoryRole", value: "Admin" },
    ]);
  });

  it("never contains a null anywhere", () => {
    const body = buildCreateBody("user", { userName: "a", "name.givenName": "A" });
    expect(JSON.stringify(body)).not.toContain("null");
  });
});
