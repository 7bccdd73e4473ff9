import { describe, expect, it } from "vitest";
import { coerceAttributeValue } from "../../../../src/connectors/target/scim/boolean-attributes.js";
import { buildCreateBody } from "../../../../src/connectors/target/scim/create-body.js";
import { flattenResource } from "../../../../src/connectors/target/scim/flatten-resource.js";
import { fixture } from "./wire-fixtures.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("flattenResource", () => {
  it("reads back every mapped path of the documented create-user body", () => {
    const paths = [
      "externalId",
      "userName",
      "active",
      'emails[type eq "work"].value',
      "name.formatted",
      "name.familyName",
      "name.givenName",
    ];
    const flat = flattenResource(fixture("create-user").body, paths);
    expect(flat).toEqual({
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
      active: true,
      'emails[type eq "work"].value': "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com",
      "name.formatted": "givenName familyName",
      "name.familyName": "familyName",
      "name.givenName": "givenName",
    });
    expect(buildCreateBody("user", flat)).toEqual(fixture("create-user").body);
  });

  it("reads only the requested paths and leaves absent or null values out", () => {
    const flat = flattenResource({ id: "1", userName: "a", title: null, displayName: "A" }, [
      "userName",
      "title",
      "nickName",
    ]);
    expect(flat).toEqual({ userName: "a" });
  });

  it("matches attribute names and filter values case-insensitively", () => {
    const resource = { USERNAME: "a", Emails: [{ Type: "Work", VALUE: "a@x" }], NAME: { GivenName: "A" } };
    expect(flattenResource(resource, ["userName", 'emails[type eq "work"].value', "name.givenName"])).toEqual(
      {
        userName: "a",
        'emails[type eq "work"].value': "a@x",
        "name.givenName": "A",
      },
    );
  });

  it("normalises a True/False string on a boolean path", () => {
    expect(flattenResource({ active: "False" }, ["active"])).toEqual({ active: false });
    expect(flattenResource({ active: "true" }, ["active"])).toEqual({ active: true });
  });

  it("reads extension attributes and the manager id", () => {
    const resource = {
      [ENTERPRISE]: { employeeNumber: "42", manager: { value: "m1", $ref: "../Users/m1" } },
    };
    expect(flattenResource(resource, [`${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager`])).toEqual({
      [`${ENTERPRISE}:employeeNumber`]: "42",
      [`${ENTERPRISE}:manager`]: "m1",
    });
  });

  it("finds the primary role whether the app stored primary as a boolean or Entra's string", () => {
    const path = 'roles[primary eq "True"].value';
    expect(
      flattenResource(
        {
          roles: [
            { primary: false, value: "U" },
            { primary: true, value: "A" },
          ],
        },
        [path],
      ),
    ).toEqual({
      [path]: "A",
    });
    expect(flattenResource({ roles: [{ primary: "True", value: "A" }] }, [path])).toEqual({ [path]: "A" });
  });

  it("reads a whole roles array with boolean primary flags", () => {
    expect(flattenResource({ roles: [{ primary: "False", value: "U", display: "U" }] }, ["roles"])).toEqual({
      roles: [{ primary: false, value: "U", display: "U" }],
    });
  });

  it("returns nothing for a value that is not an object", () => {
    expect(flattenResource("nope", ["userName"])).toEqual({});
  });
});

describe("coerceAttributeValue", () => {
  it("turns True/False strings into booleans only on boolean-typed paths", () => {
    expect(coerceAttributeValue("active", "True")).toBe(true);
    expect(coerceAttributeValue("displayName", "True")).toBe("True");
  });
});
