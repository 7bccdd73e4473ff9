import { describe, expect, it } from "vitest";
import { renderMembersPatch, renderPatch } from "../../../../src/connectors/target/scim/render-patch.js";
import { targetId } from "../../../../src/domain/ids.js";
import type { AttributeChange } from "../../../../src/domain/values.js";
import { fixture } from "./wire-fixtures.js";

const EMPLOYEE_NUMBER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber";
const replace = (path: string, newValue: AttributeChange["newValue"]): AttributeChange => ({
  path,
  oldValue: "old",
  newValue,
});
const add = (path: string, newValue: AttributeChange["newValue"]): AttributeChange => ({
  path,
  oldValue: undefined,
  newValue,
});

describe("renderPatch in the legacy dialect", () => {
  it("matches the documented multi-valued update", () => {
    const changes = [
      replace('emails[type eq "work"].value', "updatedEmail@microsoft.com"),
      replace("name.familyName", "updatedFamilyName"),
    ];
    expect(renderPatch("entra-legacy", "user", changes)).toEqual(fixture("update-user-multivalued").body);
  });

  it("matches the documented single-valued update", () => {
    const changes = [replace("userName", "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")];
    expect(renderPatch("entra-legacy", "user", changes)).toEqual(fixture("update-user-singlevalued").body);
  });

  it("sends a disable as the string False, whether the mapping yields a boolean or the string", () => {
    const expected = fixture("noflag-disable-user").body;
    expect(
      renderPatch("entra-legacy", "user", [{ path: "active", oldValue: true, newValue: false }]),
    ).toEqual(expected);
    expect(
      renderPatch("entra-legacy", "user", [{ path: "active", oldValue: "True", newValue: "False" }]),
    ).toEqual(expected);
  });

  it("uses Add for an attribute the target did not have", () => {
    expect(renderPatch("entra-legacy", "user", [add("nickName", "Babs")])).toEqual(
      fixture("noflag-add-single-value").body,
    );
  });

  it("sends one Replace per attribute with its path, extension attributes by URN and colon", () => {
    const changes = [
      replace("displayName", "Pvlo"),
      replace('emails[type eq "work"].value', "TestBcwqnm@test.microsoft.com"),
      replace("name.givenName", "Gtfd"),
      replace("name.familyName", "Pkqf"),
      replace("externalId", "Eqpj"),
      replace(EMPLOYEE_NUMBER, "Eqpj"),
    ];
    expect(renderPatch("entra-legacy", "user", changes)).toEqual(fixture("noflag-replace-multiple").body);
  });

  it("renames a group with a Replace on displayName", () => {
    const changes = [replace("displayName", "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")];
    expect(renderPatch("entra-legacy", "group", changes)).toEqual(fixture("update-group-displayName").body);
  });

  it("writes the manager as the documented Add of a $ref/value array", () => {
    const body = renderPatch("entra-legacy", "user", [
      add(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
      ),
    ]);
    const documented = fixture("doc-example5-patch-manager").body;
    expect(body).toEqual({
      ...documented,
      Operations: [
        {
          op: "Add",
          path: "manager",
          value: [{ $ref: null, value: "00aa00aa-bb11-cc22-dd33-44ee44ee44ee" }],
        },
      ],
    });
    expect(body.Operations[0]?.path).toBe(documented.Operations[0].path);
  });

  it("stringifies complex roles into an add-only Add on roles", () => {
    const roles = [
      {
        id: "06b07648-ecfe-589f-9d2f-6325724a46ee",
        primary: false,
        type: "WindowsAzureActiveDirectoryRole",
        displayName: "Admin",
        value: "Admin",
      },
      {
        id: "06b07648-ecfe-599f-9d2f-6325724a46ee",
        primary: false,
        type: "WindowsAzureActiveDirectoryRole",
        displayName: "User",
        value: "User",
      },
    ];
    expect(renderPatch("entra-legacy", "user", [add("roles", roles)])).toEqual(
      fixture("roles-complex-patch-noflag").body,
    );
  });

  it("sends nothing for an emptied complex role set, because that expression never removes roles", () => {
    const body = renderPatch("entra-legacy", "user", [
      { path: "roles", oldValue: [{ value: "A", displayName: "A" }], newValue: [] },
    ]);
    expect(body.Operations).toEqual([]);
  });

  it("replaces the full role set for the assertive expression", () => {
    const documented = fixture("roles-assertive-complex-patch").body;
    const roles = documented.Operations[0].value;
    expect(renderPatch("entra-legacy", "user", [replace("roles", roles)])).toEqual(documented);
    expect(renderPatch("aadOptscim062020", "user", [replace("roles", roles)])).toEqual(documented);
  });

  it("folds the single primary role paths into one stringified Add on roles", () => {
    const body = renderPatch("entra-legacy", "user", [
      add('roles[primary eq "True"].value', "25"),
      add('roles[primary eq "True"].display', "Role1234"),
    ]);
    expect(body.Operations).toEqual([
      { op: "Add", path: "roles", value: [{ value: '{"value":"25","displayName":"Role1234"}' }] },
    ]);
    const documented = fixture("roles-single-app-role-assignment-patch-noflag").body.Operations[0];
    expect({ op: body.Operations[0]?.op, path: body.Operations[0]?.path }).toEqual({
      op: documented.op,
      path: documented.path,
    });
  });

  it("refuses member changes, which go through renderMembersPatch", () => {
    expect(() => renderPatch("entra-legacy", "group", [add("members", [{ value: "u1" }])])).toThrow(
      /renderMembersPatch/,
    );
  });
});

describe("renderPatch in the aadOptscim062020 dialect", () => {
  it("sends a disable as a lower-case replace with a real boolean", () => {
    const expected = fixture("flag-disable-user").body;
    expect(
      renderPatch("aadOptscim062020", "user", [{ path: "active", oldValue: true, newValue: false }]),
    ).toEqual(expected);
    expect(
      renderPatch("aadOptscim062020", "user", [{ path: "active", oldValue: "True", newValue: "False" }]),
    ).toEqual(expected);
  });

  it("uses a lower-case add for an attribute the target did not have", () => {
    expect(renderPatch("aadOptscim062020", "user", [add("nickName", "Babs")])).toEqual(
      fixture("flag-add-single-value").body,
    );
  });

  it("keeps filtered paths as their own ops and folds simple attributes into one path-less replace", () => {
    const changes = [
      replace("displayName", "Bjfe"),
      replace('emails[type eq "work"].value', "TestMhvaes@test.microsoft.com"),
      replace("name.givenName", "Kkom"),
      replace("name.familyName", "Unua"),
      replace(EMPLOYEE_NUMBER, "Aklq"),
    ];
    expect(renderPatch("aadOptscim062020", "user", changes)).toEqual(fixture("flag-replace-multiple").body);
  });

  it("writes the manager as a bare id on the enterprise URN path", () => {
    const documented = fixture("observed-patch-manager-urn-string").body;
    const changes = [
      add(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2",
      ),
    ];
    expect(renderPatch("aadOptscim062020", "user", changes)).toEqual(documented);
    const replaced = renderPatch("aadOptscim062020", "user", [{ ...changes[0]!, oldValue: "someone-else" }]);
    expect(replaced.Operations[0]?.op).toBe("replace");
  });

  it("sends a changed primary role in the POST shape, replacing the old role", () => {
    const body = renderPatch("aadOptscim062020", "user", [replace('roles[primary eq "True"].value', "User")]);
    expect(body.Operations).toEqual([
      {
        op: "replace",
        path: "roles",
        value: [{ primary: true, type: "WindowsAzureActiveDirectoryRole", value: "User" }],
      },
    ]);
  });

  it("adds complex roles in the same shape as the POST", () => {
    const roles = fixture("roles-complex-create").body.roles;
    expect(renderPatch("aadOptscim062020", "user", [add("roles", roles)]).Operations).toEqual([
      { op: "add", path: "roles", value: roles },
    ]);
  });
});

describe("renderMembersPatch", () => {
  const id = targetId("f648f8d5ea4e4cd38e9c");

  it("adds members in the legacy dialect as documented, with $ref null", () => {
    expect(renderMembersPatch("entra-legacy", [id], [])).toEqual(fixture("update-group-add-members").body);
  });

  it("removes members in the legacy dialect as in the main doc sample", () => {
    expect(renderMembersPatch("entra-legacy", [], [id])).toEqual(fixture("update-group-remove-members").body);
  });

  it("differs from the compatibility doc's legacy remove only by the $ref null it adds", () => {
    const documented = fixture("noflag-remove-group-member").body;
    const body = renderMembersPatch("entra-legacy", [], [targetId("u1091")]);
    expect(body.Operations[0]).toEqual({
      ...documented.Operations[0],
      value: [{ $ref: null, value: "u1091" }],
    });
  });

  it("removes one member per op by value filter in the flag dialect", () => {
    const member = targetId("7f4bc1a3-285e-48ae-8202-5accb43efb0e");
    expect(renderMembersPatch("aadOptscim062020", [], [member])).toEqual(
      fixture("flag-remove-group-member").body,
    );
  });

  it("puts adds and removes of both dialects in one PATCH", () => {
    const [a, b, c] = [targetId("a"), targetId("b"), targetId('c"x')];
    expect(renderMembersPatch("entra-legacy", [a], [b, c]).Operations).toEqual([
      { op: "Add", path: "members", value: [{ $ref: null, value: "a" }] },
      {
        op: "Remove",
        path: "members",
        value: [
          { $ref: null, value: "b" },
          { $ref: null, value: 'c"x' },
        ],
      },
    ]);
    expect(renderMembersPatch("aadOptscim062020", [a], [b, c]).Operations).toEqual([
      { op: "add", path: "members", value: [{ value: "a" }] },
      { op: "remove", path: 'members[value eq "b"]' },
      { op: "remove", path: 'members[value eq "c\\"x"]' },
    ]);
  });
});
