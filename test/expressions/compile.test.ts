import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionCompileError,
  ExpressionSyntaxError,
} from "../../src/expressions/index.js";
import { contextOf, evaluateToValue } from "./eval-context.js";

function compileError(text: string): ExpressionCompileError {
  try {
    compileExpression(text);
  } catch (error) {
    if (error instanceof ExpressionCompileError) return error;
    throw error;
  }
  throw new Error(`Expected a compile error for ${text}`);
}

describe("compileExpression", () => {
  it("names an unknown function and its position, hinting at the right case", () => {
    const error = compileError('Join(",", [a],\n  Foo([b]))');
    expect(error.message).toBe("Unknown function Foo at line 2, column 3");
    expect(error).toMatchObject({ line: 2, column: 3, offset: 17 });
    expect(compileError('switch([a], "", "x", "y")').message).toBe(
      "Unknown function switch (names are case-sensitive: did you mean Switch?) at line 1, column 1",
    );
  });

  it("checks arity with the documented signature", () => {
    expect(compileError('Left("a")').message).toBe(
      "Expected 2 arguments for Left(String, NumChars), got 1 at line 1, column 1",
    );
    expect(compileError("Now(1)").message).toBe("Expected 0 arguments for Now(), got 1 at line 1, column 1");
    expect(compileError("Join()").message).toBe(
      "Expected at least 1 arguments for Join(separator, source), got 0 at line 1, column 1",
    );
  });

  it("rejects an empty slot for a required parameter", () => {
    expect(compileError("Left(, 2)").message).toBe(
      "Expected a value for String (argument 1) of Left, got an empty argument at line 1, column 1",
    );
  });

  it("rejects unknown bare keywords", () => {
    expect(compileError("Append([a], Unknown)").message).toMatch(
      /^Unknown keyword Unknown \(expected a function call or one of/,
    );
  });

  it("allows SelectUniqueValue only as the whole expression, with at least two rules", () => {
    expect(compileError('ToLower(SelectUniqueValue("a", "b"))').message).toBe(
      "SelectUniqueValue is only allowed as the whole expression at line 1, column 9",
    );
    expect(compileError('SelectUniqueValue("a")').message).toBe(
      "Expected at least 2 rules for SelectUniqueValue, got 1 at line 1, column 1",
    );
    expect(compileError('SelectUniqueValue("a", , "b")').message).toContain("Expected a value for rule 2");
  });

  it("returns SelectUniqueValue candidates in rule order, dropping empty ones", () => {
    const compiled = compileExpression('SelectUniqueValue([a], Join(".", [a], [b]), [c], Append([a], "2"))');
    expect(compiled.evaluate(contextOf({ a: "x", b: "y" }))).toEqual({
      kind: "selectUnique",
      candidates: ["x", "x.y", "x2"],
    });
  });

  it("lists each referenced attribute once, in order of first use", () => {
    expect(compileExpression('Join(" ", [givenName], [surname], Left([givenName], 1))').references).toEqual([
      "givenName",
      "surname",
    ]);
  });

  it("evaluates bare attributes, constants and comparisons at the top level", () => {
    expect(evaluateToValue("[mail]", { mail: "a@b.c" })).toBe("a@b.c");
    expect(evaluateToValue("[mail]", {})).toBeNull();
    expect(evaluateToValue('"1"')).toBe("1");
    expect(evaluateToValue("007")).toBe("007");
    expect(evaluateToValue("[a] = [b]", { a: "1", b: "01" })).toBe(true);
    expect(evaluateToValue("[a] <> [b]", { a: "x", b: "X" })).toBe(true);
  });

  it("reads multi-valued attributes as arrays and an empty array as no value", () => {
    expect(evaluateToValue("[m]", { m: ["a", "b"] })).toEqual(["a", "b"]);
    expect(evaluateToValue("IsNull([m])", { m: [] })).toBe(true);
  });

  it("propagates syntax errors unchanged", () => {
    expect(() => compileExpression("Left(")).toThrow(ExpressionSyntaxError);
  });

  it("can be evaluated many times with different contexts", () => {
    const compiled = compileExpression('Join("@", ToLower([u]), "x.com")');
    for (const u of ["A", "B", "C"]) {
      expect(compiled.evaluate(contextOf({ u }))).toEqual({
        kind: "value",
        value: `${u.toLowerCase()}@x.com`,
      });
    }
  });
});
