import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scopingFilterSchema, scopingOperators } from "../../src/scoping/index.js";

const issues = (input: unknown): string[] => {
  const result = scopingFilterSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("scopingFilterSchema", () => {
  it("accepts every operator with the value it needs", () => {
    const unary = new Set(["IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL"]);
    for (const operator of scopingOperators) {
      const clause = unary.has(operator)
        ? { attribute: "a", operator }
        : { attribute: "a", operator, value: "1" };
      expect(issues({ clauses: [clause] })).toEqual([]);
    }
  });

  it("turns a numeric value from YAML into its text", () => {
    expect(
      scopingFilterSchema.parse({
        clauses: [{ attribute: "employeeId", operator: "Greater_Than", value: 1000000 }],
      }),
    ).toEqual({ clauses: [{ attribute: "employeeId", operator: "Greater_Than", value: "1000000" }] });
  });

  it("rejects a missing value, a value on a unary operator, an invalid regex and a non-integer bound", () => {
    expect(issues({ clauses: [{ attribute: "a", operator: "EQUALS" }] })).toEqual([
      "clauses.0.value: Expected a value for EQUALS, got none",
    ]);
    expect(issues({ clauses: [{ attribute: "a", operator: "IS NULL", value: "x" }] })).toEqual([
      'clauses.0.value: Expected no value for IS NULL, got "x"',
    ]);
    expect(issues({ clauses: [{ attribute: "a", operator: "REGEX MATCH", value: "(" }] })[0]).toMatch(
      /^clauses\.0\.value: REGEX MATCH on a: Expected a valid regular expression, got "\(":/,
    );
    expect(issues({ clauses: [{ attribute: "a", operator: "Less_Than", value: "1.5" }] })).toEqual([
      'clauses.0.value: Expected an integer value for Less_Than, got "1.5"',
    ]);
  });

  it("rejects unknown operators and keys, and empty filters", () => {
    expect(issues({ clauses: [{ attribute: "a", operator: "equals", value: "x" }] })[0]).toMatch(
      /^clauses\.0\.operator/,
    );
    expect(issues({ clauses: [{ attribute: "a", operator: "EQUALS", value: "x", extra: 1 }] })[0]).toMatch(
      /extra/,
    );
    expect(issues({ clauses: [], name: "x" }).length).toBe(2);
  });

  it("composes into the array a config uses", () => {
    const config = z.array(scopingFilterSchema);
    expect(config.safeParse([{ clauses: [{ attribute: "a", operator: "IS TRUE" }] }]).success).toBe(true);
  });
});
