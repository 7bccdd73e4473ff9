import { describe, expect, it } from "vitest";
import { normaliseEntraRequest } from "../../../src/emulators/scim/entra-tolerance.js";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const patch = (...Operations: unknown[]) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations,
});

describe("normaliseEntraRequest", () => {
  it("turns Entra's True/False strings into booleans for active and role primary flags", () => {
    expect(
      normaliseEntraRequest("POST", {
        userName: "a",
        active: "True",
        roles: [{ primary: "False", value: "R" }],
      }),
    ).toEqual({
      userName: "a",
      active: true,
      roles: [{ primary: false, value: "R" }],
    });
    expect(normaliseEntraRequest("PATCH", patch({ op: "Replace", path: "active", value: "False" }))).toEqual(
      patch({ op: "Replace", path: "active", value: false }),
    );
    expect(
      normaliseEntraRequest("PATCH", patch({ op: "replace", value: { active: "false", displayName: "D" } })),
    ).toEqual(patch({ op: "replace", value: { active: false, displayName: "D" } }));
  });

  it("drops nulls, which Entra's older create sample carries", () => {
    expect(
      normaliseEntraRequest("POST", {
        userName: "a",
        addresses: null,
        name: { givenName: null, familyName: "F" },
      }),
    ).toEqual({
      userName: "a",
      name: { familyName: "F" },
    });
  });

  it("rewrites both Entra manager shapes into the enterprise complex manager", () => {
    const expected = patch({ op: "Add", path: `${ENTERPRISE}:manager`, value: { value: "m1" } });
    expect(
      normaliseEntraRequest(
        "PATCH",
        patch({ op: "Add", path: "manager", value: [{ $ref: null, value: "m1" }] }),
      ),
    ).toEqual(expected);
    expect(
      normaliseEntraRequest("PATCH", patch({ op: "Add", path: `${ENTERPRISE}:manager`, value: "m1" })),
    ).toEqual(expected);
    expect(normaliseEntraRequest("POST", { userName: "a", [ENTERPRISE]: { manager: "m1" } })).toEqual({
      userName: "a",
      [ENTERPRISE]: { manager: { value: "m1" } },
    });
  });

  it("leaves ordinary operations and non-object bodies alone", () => {
    const body = patch({ op: "add", path: 'emails[type eq "work"].value', value: "a@b" });
    expect(normaliseEntraRequest("PATCH", body)).toEqual(body);
    expect(normaliseEntraRequest("POST", "text")).toBe("text");
  });
});
