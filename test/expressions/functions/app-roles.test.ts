import { describe, expect, it } from "vitest";
import { ExpressionEvaluationError } from "../../../src/expressions/index.js";
import { evaluateToValue } from "../eval-context.js";

const roles = [
  { id: "r2", value: "Writer", displayName: "Writers" },
  { id: "r1", value: "Admin", displayName: "Administrators" },
  { id: "r2", value: "Writer", displayName: "Writers" },
  { id: "00000000-0000-0000-0000-000000000000", value: null, displayName: "Default Access" },
];

describe("app-role functions", () => {
  it("SingleAppRoleAssignment picks the smallest role value, skipping roles without one", () => {
    expect(
      evaluateToValue("SingleAppRoleAssignment([appRoleAssignments])", { appRoleAssignments: roles }),
    ).toBe("Admin");
    expect(
      evaluateToValue("SingleAppRoleAssignment([appRoleAssignments])", { appRoleAssignments: [roles[3]!] }),
    ).toBeNull();
    expect(evaluateToValue("SingleAppRoleAssignment([appRoleAssignments])", {})).toBeNull();
  });

  it("AppRoleAssignmentsComplex gives the POST shape with displayName, each role once", () => {
    expect(
      evaluateToValue("AppRoleAssignmentsComplex([appRoleAssignments])", { appRoleAssignments: roles }),
    ).toEqual([
      {
        primary: false,
        type: "WindowsAzureActiveDirectoryRole",
        displayName: "Administrators",
        value: "Admin",
      },
      { primary: false, type: "WindowsAzureActiveDirectoryRole", displayName: "Writers", value: "Writer" },
    ]);
  });

  it("AssertiveAppRoleAssignmentsComplex gives the POST shape with display, and [] when no role has a value", () => {
    expect(
      evaluateToValue("AssertiveAppRoleAssignmentsComplex([appRoleAssignments])", {
        appRoleAssignments: roles,
      }),
    ).toEqual([
      { primary: false, type: "WindowsAzureActiveDirectoryRole", display: "Administrators", value: "Admin" },
      { primary: false, type: "WindowsAzureActiveDirectoryRole", display: "Writers", value: "Writer" },
    ]);
    expect(
      evaluateToValue("AssertiveAppRoleAssignmentsComplex([appRoleAssignments])", {
        appRoleAssignments: [roles[3]!],
      }),
    ).toEqual([]);
  });

  it("fails on values that are not role objects", () => {
    expect(() => evaluateToValue("AppRoleAssignmentsComplex([a])", { a: ["Admin"] })).toThrow(
      ExpressionEvaluationError,
    );
  });
});
