import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { functionSpecs } from "../../src/expressions/functions/registry.js";
import { compileExpression, type EvalOutcome, type ExprValue } from "../../src/expressions/index.js";
import { contextOf, seededRandom } from "./eval-context.js";

const doc = readFileSync(new URL("../../docs/expressions.md", import.meta.url), "utf8");

function between(start: string, end: string): string {
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`Expected ${start} … ${end} markers in docs/expressions.md`);
  return doc.slice(from + start.length, to);
}

const context = JSON.parse(
  /```json\n([\s\S]*?)```/.exec(between("<!-- examples:context -->", "<!-- examples:start -->"))?.[1] ?? "",
) as { now: string; source: Record<string, ExprValue> };

/** Table rows as [function, example, result]; the example and result lose their backticks. */
const rows = between("<!-- examples:start -->", "<!-- examples:end -->")
  .split("\n")
  .filter((line) => line.startsWith("| ") && !line.startsWith("| Function"))
  .map((line) => {
    const cells = line.slice(2, -2).split(" | ");
    const code = (cell: string | undefined): string => (cell ?? "").trim().replace(/^`+|`+$/g, "");
    return { fn: (cells[0] ?? "").split(" ")[0] as string, example: code(cells[1]), result: code(cells[2]) };
  });

/** Checks an outcome against a Result cell. */
function expectResult(outcome: EvalOutcome, result: string): void {
  const pattern = /^matches \/(.*)\/$/.exec(result);
  if (result === "ignored") {
    expect(outcome).toEqual({ kind: "ignored" });
  } else if (result === "ignored (object)") {
    expect(outcome).toEqual({ kind: "ignored", object: true });
  } else if (result.startsWith("candidates ")) {
    expect(outcome).toEqual({
      kind: "selectUnique",
      candidates: JSON.parse(result.slice("candidates ".length)),
    });
  } else if (pattern) {
    expect(outcome.kind).toBe("value");
    expect(String(outcome.kind === "value" ? outcome.value : "")).toMatch(new RegExp(pattern[1] as string));
  } else {
    expect(outcome).toEqual({ kind: "value", value: JSON.parse(result) });
  }
}

describe("docs/expressions.md", () => {
  it("lists every function and keyword in its example table", () => {
    const listed = new Set(rows.map((r) => r.fn));
    for (const name of [
      ...Object.keys(functionSpecs),
      "SelectUniqueValue",
      "IgnoreAttributeFlow",
      "IgnoreObjectFlow",
    ]) {
      expect(listed, `${name} is missing from the table`).toContain(name);
    }
  });

  for (const row of rows) {
    it(`documents ${row.example} as giving ${row.result}`, () => {
      const outcome = compileExpression(row.example).evaluate(
        contextOf(context.source, new Date(context.now), seededRandom(9)),
      );
      expectResult(outcome, row.result);
    });
  }
});
