import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ExprValue } from "../../src/expressions/index.js";
import { compileScopingFilters, type ScopingOperator, scopingOperators } from "../../src/scoping/index.js";

const doc = readFileSync(new URL("../../docs/scoping-filters.md", import.meta.url), "utf8");
const section = doc.slice(
  doc.indexOf("<!-- scoping-examples:start -->"),
  doc.indexOf("<!-- scoping-examples:end -->"),
);

const code = (cell: string): string => cell.trim().replace(/^`|`$/g, "");
const rows = section
  .split("\n")
  .filter((line) => line.startsWith("| ") && !line.startsWith("| Operator"))
  .map((line) => {
    const [operator, value, attribute, inScope] = line
      .slice(2, -2)
      .split(" | ")
      .map((c) => c.trim());
    return {
      operator: operator as ScopingOperator,
      value: code(value ?? "") === "" ? undefined : code(value ?? ""),
      attribute: code(attribute ?? ""),
      inScope: inScope === "true",
    };
  });

describe("docs/scoping-filters.md", () => {
  it("has examples for every operator", () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.operator))).toEqual(new Set(scopingOperators));
  });

  it("lists every operator in its operator table", () => {
    for (const operator of scopingOperators) expect(doc).toContain(`| \`${operator}\` |`);
  });

  for (const row of rows) {
    it(`documents ${row.operator} ${row.value ?? ""} on ${row.attribute} as ${row.inScope}`, () => {
      const value = row.attribute === "absent" ? undefined : (JSON.parse(row.attribute) as ExprValue);
      const clause = {
        attribute: "a",
        operator: row.operator,
        ...(row.value === undefined ? {} : { value: row.value }),
      };
      expect(compileScopingFilters([{ clauses: [clause] }]).evaluate(() => value).inScope).toBe(row.inScope);
    });
  }
});
