import { describe, expect, it } from "vitest";
import { diffAttributes } from "../../src/plan/diff.js";

describe("diffAttributes: what changed, as Entra counts it", () => {
  const current = { userName: "alice@contoso.test", externalId: "ALICE", emails: ["a@x.test"], active: true };

  it("ignores a change of case alone on attributes not defined caseExact", () => {
    const desired = {
      userName: "Alice@Contoso.test",
      externalId: "alice",
      emails: ["A@X.test"],
      active: true,
    };
    const changes = diffAttributes(current, desired, new Set(["userName", "emails", "active"]));
    expect(changes).toEqual([{ path: "externalId", oldValue: "ALICE", newValue: "alice" }]);
  });

  it("sends any other change, and every change when no path ignores case", () => {
    const desired = {
      userName: "alice2@contoso.test",
      externalId: "Alice",
      emails: ["a@x.test"],
      active: false,
    };
    expect(diffAttributes(current, desired, new Set(["userName", "externalId"])).map((c) => c.path)).toEqual([
      "userName",
      "active",
    ]);
    expect(diffAttributes(current, desired).map((c) => c.path)).toEqual(["userName", "externalId", "active"]);
  });
});
