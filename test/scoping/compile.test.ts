import { describe, expect, it } from "vitest";
import type { ExprValue } from "../../src/expressions/index.js";
import { compileScopingFilters, type ScopingClause, type ScopingOperator } from "../../src/scoping/index.js";

/** Whether one clause holds for one attribute value. */
function holds(operator: ScopingOperator, value: ExprValue | undefined, clauseValue?: string): boolean {
  const clause: ScopingClause = {
    attribute: "a",
    operator,
    ...(clauseValue === undefined ? {} : { value: clauseValue }),
  };
  return compileScopingFilters([{ clauses: [clause] }]).evaluate(() => value).inScope;
}

describe("scoping operators", () => {
  it("EQUALS and NOT EQUALS compare exactly and case-sensitively; both are false on null or empty", () => {
    expect(holds("EQUALS", "sales", "sales")).toBe(true);
    expect(holds("EQUALS", "Sales", "sales")).toBe(false);
    expect(holds("EQUALS", 5, "5")).toBe(true);
    expect(holds("EQUALS", true, "True")).toBe(true);
    expect(holds("NOT EQUALS", "Sales", "sales")).toBe(true);
    expect(holds("NOT EQUALS", "sales", "sales")).toBe(false);
    for (const empty of [undefined, null, "", []]) {
      expect(holds("EQUALS", empty, "")).toBe(false);
      expect(holds("NOT EQUALS", empty, "x")).toBe(false);
    }
  });

  it("IS TRUE and IS FALSE accept booleans and True/False text in any case, nothing else", () => {
    expect(holds("IS TRUE", true)).toBe(true);
    expect(holds("IS TRUE", "TRUE")).toBe(true);
    expect(holds("IS TRUE", false)).toBe(false);
    expect(holds("IS TRUE", 1)).toBe(false);
    expect(holds("IS TRUE", undefined)).toBe(false);
    expect(holds("IS FALSE", false)).toBe(true);
    expect(holds("IS FALSE", "false")).toBe(true);
    expect(holds("IS FALSE", null)).toBe(false);
    expect(holds("IS FALSE", "no")).toBe(false);
  });

  it("IS NULL holds exactly for absent, null, empty text and empty collections; IS NOT NULL is its opposite", () => {
    for (const empty of [undefined, null, "", []]) {
      expect(holds("IS NULL", empty)).toBe(true);
      expect(holds("IS NOT NULL", empty)).toBe(false);
    }
    for (const present of ["x", 0, false, ["a"]]) {
      expect(holds("IS NULL", present)).toBe(false);
      expect(holds("IS NOT NULL", present)).toBe(true);
    }
  });

  it("REGEX MATCH searches unanchored and case-sensitively with .NET syntax", () => {
    const upn = ".*\\@domain.com";
    expect(holds("REGEX MATCH", "john@domain.com", upn)).toBe(true);
    expect(holds("REGEX MATCH", "john@contoso.com", upn)).toBe(false);
    expect(holds("REGEX MATCH", "JOHN@DOMAIN.COM", "@domain")).toBe(false);
    const workerId = "(1[0-9][0-9][0-9][0-9][0-9][0-9])";
    expect(holds("REGEX MATCH", "1500000", workerId)).toBe(true);
    expect(holds("REGEX MATCH", "999999", workerId)).toBe(false);
    expect(holds("REGEX MATCH", "2000000", workerId)).toBe(false);
    expect(holds("REGEX MATCH", 1500000, workerId)).toBe(true);
    expect(holds("REGEX MATCH", "", ".*")).toBe(false);
  });

  it("NOT REGEX MATCH is the negation for values and false for null or empty", () => {
    expect(holds("NOT REGEX MATCH", "john@domain.com", ".*\\@domain.com")).toBe(false);
    expect(holds("NOT REGEX MATCH", "john@contoso.com", ".*\\@domain.com")).toBe(true);
    expect(holds("NOT REGEX MATCH", "", ".*\\@domain.com")).toBe(false);
    expect(holds("NOT REGEX MATCH", undefined, "x")).toBe(false);
  });

  it("Greater_Than and Less_Than and their OR_EQUALS forms compare integers and are false for anything else", () => {
    const cases: [ScopingOperator, number, boolean, boolean, boolean][] = [
      // operator, …, result for 4, 5, 6 against the bound 5
      ["Greater_Than", 5, false, false, true],
      ["Greater_Than_OR_EQUALS", 5, false, true, true],
      ["Less_Than", 5, true, false, false],
      ["Less_Than_OR_EQUALS", 5, true, true, false],
    ];
    for (const [operator, bound, lower, equal, higher] of cases) {
      expect([4, 5, 6].map((n) => holds(operator, n, String(bound)))).toEqual([lower, equal, higher]);
      expect(holds(operator, "6", String(bound))).toBe(higher);
      for (const notInteger of ["5.5", 5.5, "abc", " 6", "", null, undefined, true]) {
        expect(holds(operator, notInteger, String(bound))).toBe(false);
      }
    }
    expect(holds("Greater_Than", "9007199254740993", "9007199254740992")).toBe(true);
    expect(holds("Less_Than", "-10", "-9")).toBe(true);
  });

  it("Includes and ENDS_WITH test substrings case-sensitively", () => {
    expect(holds("Includes", "Engineering", "gin")).toBe(true);
    expect(holds("Includes", "Engineering", "GIN")).toBe(false);
    expect(holds("ENDS_WITH", "a@contoso.com", "@contoso.com")).toBe(true);
    expect(holds("ENDS_WITH", "a@Contoso.com", "@contoso.com")).toBe(false);
    expect(holds("Includes", null, "")).toBe(false);
    expect(holds("ENDS_WITH", "", "")).toBe(false);
  });

  it("& holds when any bit of the mask is set and !& when none is; both are false for non-integers", () => {
    expect(holds("&", 514, "2")).toBe(true);
    expect(holds("&", "512", "2")).toBe(false);
    expect(holds("!&", 512, "2")).toBe(true);
    expect(holds("!&", 514, "2")).toBe(false);
    expect(holds("&", 6, "3")).toBe(true);
    expect(holds("&", "x", "2")).toBe(false);
    expect(holds("!&", "1.5", "2")).toBe(false);
    expect(holds("!&", null, "2")).toBe(false);
  });

  it("tests every value of a multi-valued attribute (all must pass)", () => {
    expect(holds("ENDS_WITH", ["a@x.com", "b@x.com"], "@x.com")).toBe(true);
    expect(holds("ENDS_WITH", ["a@x.com", "b@y.com"], "@x.com")).toBe(false);
    expect(holds("EQUALS", [{ id: "1" }], "1")).toBe(false);
  });
});

describe("compileScopingFilters", () => {
  const filters = [
    {
      clauses: [
        { attribute: "department", operator: "EQUALS" as const, value: "Engineering" },
        { attribute: "jobTitle", operator: "IS NOT NULL" as const },
      ],
    },
    { clauses: [{ attribute: "employeeId", operator: "Greater_Than_OR_EQUALS" as const, value: "1000000" }] },
  ];
  const scoping = compileScopingFilters(filters);
  const user =
    (attributes: Record<string, ExprValue>) =>
    (name: string): ExprValue | undefined =>
      attributes[name];

  it("puts everything in scope when there are no filters", () => {
    expect(compileScopingFilters([]).evaluate(() => undefined)).toEqual({
      inScope: true,
      details: { result: "passed: no scoping filters" },
      failed: [],
    });
  });

  it("ANDs clauses within a filter and ORs filters", () => {
    expect(scoping.evaluate(user({ department: "Engineering", jobTitle: "Dev" })).inScope).toBe(true);
    expect(scoping.evaluate(user({ department: "Engineering" })).inScope).toBe(false);
    expect(scoping.evaluate(user({ department: "Sales", employeeId: "1500000" })).inScope).toBe(true);
    expect(scoping.evaluate(user({ department: "Sales", employeeId: "15" })).inScope).toBe(false);
  });

  it("traces every clause with its outcome and value, and the overall result", () => {
    expect(scoping.evaluate(user({ department: "Sales", employeeId: "1500000" })).details).toEqual({
      "filter 1 clause 1": 'department EQUALS "Engineering": false (value "Sales")',
      "filter 1 clause 2": "jobTitle IS NOT NULL: false (value absent)",
      "filter 2 clause 1": 'employeeId Greater_Than_OR_EQUALS "1000000": true (value "1500000")',
      result: "passed: filter 2 matched",
    });
    expect(scoping.evaluate(user({})).details.result).toBe("failed: none of 2 filter(s) matched");
  });

  it("names the first clause each filter failed on, with the value it saw, and none when in scope", () => {
    expect(scoping.evaluate(user({ department: "Sales", employeeId: "15" })).failed).toEqual([
      'filter 1 clause 1: department EQUALS "Engineering" (value "Sales")',
      'filter 2 clause 1: employeeId Greater_Than_OR_EQUALS "1000000" (value "15")',
    ]);
    expect(scoping.evaluate(user({ department: "Engineering" })).failed).toEqual([
      "filter 1 clause 2: jobTitle IS NOT NULL (value absent)",
      'filter 2 clause 1: employeeId Greater_Than_OR_EQUALS "1000000" (value absent)',
    ]);
    expect(scoping.evaluate(user({ department: "Sales", employeeId: "1500000" })).failed).toEqual([]);
  });

  it("shortens long values in the trace", () => {
    const details = scoping.evaluate(user({ department: "x".repeat(200) })).details["filter 1 clause 1"];
    expect(details?.length).toBeLessThan(140);
    expect(details).toContain("…");
  });

  it("refuses clauses that cannot compile, naming the filter and clause", () => {
    expect(() =>
      compileScopingFilters([{ clauses: [{ attribute: "a", operator: "REGEX MATCH", value: "(?>x)" }] }]),
    ).toThrow(
      /^Scoping filter 1 clause 1 \(a REGEX MATCH "\(\?>x\)"\): REGEX MATCH on a: Expected a \.NET regular expression without atomic groups/,
    );
    expect(() => compileScopingFilters([{ clauses: [{ attribute: "a", operator: "EQUALS" }] }])).toThrow(
      "Scoping filter 1 clause 1 (a EQUALS): Expected a value for EQUALS, got none",
    );
  });
});
