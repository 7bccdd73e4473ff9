import { describe, expect, it } from "vitest";
import { ExpressionEvaluationError } from "../../../src/expressions/index.js";
import { evaluateToValue } from "../eval-context.js";

describe("multi-valued functions", () => {
  it("Count counts values, a single value as one and null as zero", () => {
    expect(evaluateToValue("Count([m])", { m: ["a", "b"] })).toBe(2);
    expect(evaluateToValue("Count([m])", { m: "a" })).toBe(1);
    expect(evaluateToValue("Count([m])", { m: [] })).toBe(0);
    expect(evaluateToValue("Count([m])", {})).toBe(0);
  });

  it("Item is 1-based and fails outside the range", () => {
    expect(evaluateToValue("Item([m], 2)", { m: ["a", "b"] })).toBe("b");
    expect(evaluateToValue("Item([m], 1)", { m: "only" })).toBe("only");
    expect(evaluateToValue("Item([m], 1)", {})).toBeNull();
    expect(() => evaluateToValue("Item([m], 0)", { m: ["a"] })).toThrow(
      new ExpressionEvaluationError("Expected Item index between 1 and 1, got 0"),
    );
  });

  it("Split splits on the whole delimiter without trimming and gives no value for empty text", () => {
    expect(evaluateToValue('Split("a, b,c", ",")')).toEqual(["a", " b", "c"]);
    expect(evaluateToValue('Split("a--b", "--")')).toEqual(["a", "b"]);
    expect(evaluateToValue('Split("ab", "")')).toEqual(["ab"]);
    expect(evaluateToValue('Split([x], ",")', { x: "" })).toBeNull();
  });

  it("RemoveDuplicates keeps the first of exactly equal values in order", () => {
    expect(evaluateToValue("RemoveDuplicates([m])", { m: ["b", "a", "b", "B"] })).toEqual(["b", "a", "B"]);
    expect(evaluateToValue("RemoveDuplicates([m])", { m: "a" })).toBe("a");
    expect(evaluateToValue('RemoveDuplicates(Split("x,y,x", ","))')).toEqual(["x", "y"]);
  });
});
