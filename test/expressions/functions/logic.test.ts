import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionCompileError,
  ExpressionEvaluationError,
} from "../../../src/expressions/index.js";
import { contextOf, evaluateToValue } from "../eval-context.js";

describe("logic functions", () => {
  it("evaluates Entra's default active mapping for a boolean IsSoftDeleted", () => {
    const active = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';
    expect(evaluateToValue(active, { IsSoftDeleted: false })).toBe("True");
    expect(evaluateToValue(active, { IsSoftDeleted: true })).toBe("False");
    expect(evaluateToValue(active, { IsSoftDeleted: "True" })).toBe("False");
    expect(evaluateToValue(active, {})).toBeNull();
  });

  it('Switch compares case-sensitively, takes the first match, and matches a null source with a "" key', () => {
    expect(evaluateToValue('Switch([x], "d", "a", "1", "a", "2")', { x: "a" })).toBe("1");
    expect(evaluateToValue('Switch([x], "d", "a", "1")', { x: "A" })).toBe("d");
    expect(evaluateToValue('Switch([x], "d", "", "empty")', {})).toBe("empty");
    expect(evaluateToValue('Switch([x], "", "a", "1")', { x: "b" })).toBe("");
  });

  it("Switch evaluates only the selected branch", () => {
    // The default would fail (Mid start 0) if it were evaluated.
    expect(evaluateToValue('Switch([x], Mid("a", 0, 1), "a", "ok")', { x: "a" })).toBe("ok");
    expect(() => evaluateToValue('Switch([x], Mid("a", 0, 1), "a", "ok")', { x: "b" })).toThrow(
      ExpressionEvaluationError,
    );
  });

  it("Switch needs keys and values in pairs", () => {
    expect(() => compileExpression('Switch([x], "d", "a")')).toThrow(ExpressionCompileError);
    expect(() => compileExpression('Switch([x], "d", "a", "1", "b")')).toThrow(
      /Expected Switch\(source, defaultValue, key1, value1, …\) with keys and values in pairs, got 5 arguments/,
    );
  });

  it("IIF picks a branch lazily and compares numbers numerically", () => {
    expect(evaluateToValue('IIF([n] > 9, "big", "small")', { n: "10" })).toBe("big");
    expect(evaluateToValue('IIF([n] > "9", "big", "small")', { n: "10" })).toBe("big");
    expect(evaluateToValue('IIF([s] > "b", "after", "before")', { s: "a" })).toBe("before");
    expect(evaluateToValue('IIF(IsPresent([x]), [x], Mid("a", 0, 1))', { x: "v" })).toBe("v");
  });

  it("IIF compares a missing attribute as an empty string", () => {
    expect(evaluateToValue('IIF([x] = "", "empty", "set")', {})).toBe("empty");
  });

  it("IIF fails on a condition that is not a truth value", () => {
    expect(() => evaluateToValue('IIF("maybe", 1, 2)')).toThrow(
      new ExpressionEvaluationError('Expected the IIF condition to be True or False, got "maybe"'),
    );
  });

  it("CBool reads booleans, True/False text and numbers", () => {
    expect(evaluateToValue('CBool("true")')).toBe(true);
    expect(evaluateToValue("CBool(0)")).toBe(false);
    expect(evaluateToValue('CBool("2")')).toBe(true);
    expect(evaluateToValue("CBool([a] = [b])", { a: "x", b: "y" })).toBe(false);
  });

  it("Not flips True and treats everything else as false", () => {
    expect(evaluateToValue("Not([x])", { x: "True" })).toBe(false);
    expect(evaluateToValue("Not([x])", { x: true })).toBe(false);
    expect(evaluateToValue("Not([x])", { x: "False" })).toBe(true);
    expect(evaluateToValue("Not([x])", {})).toBe(true);
  });

  it("Coalesce skips nulls and empty collections but keeps empty strings", () => {
    expect(evaluateToValue('Coalesce([a], [b], "d")', { a: null, b: "" })).toBe("");
    expect(evaluateToValue('Coalesce([a], [m], "d")', { m: [] })).toBe("d");
    expect(evaluateToValue("Coalesce([a], [b])", {})).toBeNull();
  });

  it("IsNull, IsNullOrEmpty, IsPresent and IsString tell null, empty and values apart", () => {
    const source = { empty: "", value: "v", list: ["a", "b"], role: { id: "1" } };
    expect(evaluateToValue("IsNull([empty])", source)).toBe(false);
    expect(evaluateToValue("IsNull([none])", source)).toBe(true);
    expect(evaluateToValue("IsNullOrEmpty([empty])", source)).toBe(true);
    expect(evaluateToValue("IsPresent([value])", source)).toBe(true);
    expect(evaluateToValue("IsPresent([empty])", source)).toBe(false);
    expect(evaluateToValue("IsString([value])", source)).toBe(true);
    expect(evaluateToValue("IsString(5)", source)).toBe(true);
    expect(evaluateToValue("IsString([list])", source)).toBe(false);
    expect(evaluateToValue("IsString([role])", source)).toBe(false);
    expect(evaluateToValue("IsString([none])", source)).toBe(false);
  });

  it("IgnoreFlowIfNullOrEmpty ignores the attribute wherever it is nested", () => {
    const compiled = compileExpression('Join("-", "a", IgnoreFlowIfNullOrEmpty([x]))');
    expect(compiled.evaluate(contextOf({}))).toEqual({ kind: "ignored" });
    expect(compiled.evaluate(contextOf({ x: "b" }))).toEqual({ kind: "value", value: "a-b" });
  });

  it("IgnoreAttributeFlow and IgnoreObjectFlow give ignored outcomes", () => {
    expect(
      compileExpression('IIF([x] = "1", "a", IgnoreAttributeFlow)').evaluate(contextOf({ x: "0" })),
    ).toEqual({
      kind: "ignored",
    });
    expect(compileExpression("IgnoreObjectFlow").evaluate(contextOf({}))).toEqual({
      kind: "ignored",
      object: true,
    });
  });

  it("BitAnd works on hex, decimal and 64-bit values", () => {
    expect(evaluateToValue("BitAnd(&HF, &HF7)")).toBe(7);
    expect(evaluateToValue('BitAnd([uac], "2")', { uac: 514 })).toBe(2);
    expect(evaluateToValue("BitAnd(&HFFFFFFFFFFFFFFFF, &HFFFFFFFFFFFFFFF0)")).toBe("18446744073709551600");
  });
});
