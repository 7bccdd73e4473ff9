import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionCompileError,
  ExpressionEvaluationError,
} from "../../../src/expressions/index.js";
import { contextOf, evaluateToValue } from "../eval-context.js";

describe("text functions", () => {
  it("Append joins two values, treats one null as empty and gives no value for two nulls", () => {
    expect(evaluateToValue("Append([a], [b])", { a: "x", b: "y" })).toBe("xy");
    expect(evaluateToValue('Append([a], "@x")', {})).toBe("@x");
    expect(evaluateToValue("Append([a], [b])", {})).toBeNull();
  });

  it("ConvertToBase64 encodes UTF-16LE and ConvertToUTF8Hex upper-case UTF-8 hex", () => {
    expect(evaluateToValue('ConvertToBase64("é")')).toBe("6QA=");
    expect(evaluateToValue('ConvertToUTF8Hex("é")')).toBe("C3A9");
    expect(evaluateToValue("ConvertToUTF8Hex([missing])")).toBeNull();
  });

  it("CStr converts numbers and booleans the .NET way", () => {
    expect(evaluateToValue("CStr(42)")).toBe("42");
    expect(evaluateToValue("CStr([flag])", { flag: true })).toBe("True");
    expect(evaluateToValue("CStr(IsPresent([x]))")).toBe("False");
  });

  it("Left handles zero, negative and too-long counts and null", () => {
    expect(evaluateToValue('Left("John", 0)')).toBe("");
    expect(evaluateToValue('Left("John", -2)')).toBe("John");
    expect(evaluateToValue('Left("John", "2")')).toBe("Jo");
    expect(evaluateToValue("Left([missing], 3)")).toBe("");
  });

  it("Mid is 1-based, clamps at the end and fails on a start below 1", () => {
    expect(evaluateToValue('Mid("abcdef", 2, 3)')).toBe("bcd");
    expect(evaluateToValue('Mid("abc", 5, 2)')).toBe("");
    expect(evaluateToValue("Mid([missing], 1, 2)")).toBe("");
    expect(() => evaluateToValue('Mid("abc", 0, 2)')).toThrow(
      new ExpressionEvaluationError("Expected Mid start to be 1 or more, got 0"),
    );
  });

  it("Word counts runs of delimiters as one and returns empty outside the range", () => {
    expect(evaluateToValue('Word("a,,b c", 2, ", ")')).toBe("b");
    expect(evaluateToValue('Word("a,,b c", 3, ", ")')).toBe("c");
    expect(evaluateToValue('Word("a b", 0, " ")')).toBe("");
    expect(evaluateToValue('Word([missing], 1, " ")')).toBe("");
  });

  it("InStr finds 1-based positions, honours start and the compare mode", () => {
    expect(evaluateToValue('InStr("repEated", "e", 3, vbBinaryCompare)')).toBe(7);
    expect(evaluateToValue('InStr("repEated", "e", 3, vbTextCompare)')).toBe(4);
    expect(evaluateToValue('InStr("abc", "z")')).toBe(0);
    expect(evaluateToValue('InStr([missing], "z")')).toBe(0);
  });

  it("Join skips null and empty sources, flattens multi-valued ones and allows an empty separator", () => {
    expect(evaluateToValue('Join("-", [a], "", [m], [missing], "z")', { a: "x", m: ["1", "", "2"] })).toBe(
      "x-1-2-z",
    );
    expect(evaluateToValue('Join("", "a", "b")')).toBe("ab");
    expect(evaluateToValue('Join(",")')).toBe("");
  });

  it("StripSpaces removes only U+0020", () => {
    expect(evaluateToValue("StripSpaces([x])", { x: " a b\tc " })).toBe("ab\tc");
  });

  it("ToLower and ToUpper use the invariant culture unless one is given", () => {
    expect(evaluateToValue('ToUpper("istanbul")')).toBe("ISTANBUL");
    expect(evaluateToValue('ToUpper("istanbul", "tr-TR")')).toBe("İSTANBUL");
    expect(evaluateToValue('ToLower("ABC", )')).toBe("abc");
    expect(evaluateToValue("ToLower([missing])")).toBeNull();
  });

  it("rejects an invalid constant culture when compiling", () => {
    expect(() => compileExpression('ToLower("a", "not a culture!")')).toThrow(ExpressionCompileError);
  });

  it("fails the evaluation for an invalid culture read from an attribute", () => {
    const compiled = compileExpression("ToLower([x], [c])");
    expect(() => compiled.evaluate(contextOf({ x: "A", c: "??" }))).toThrow(ExpressionEvaluationError);
  });

  it("PCase title-cases words, lower-casing capitals, with default or given separators", () => {
    expect(evaluateToValue('PCase("PABLO GONSALVES (SECOND)")')).toBe("Pablo Gonsalves (Second)");
    expect(evaluateToValue('PCase("john\'s")')).toBe("John'S");
    expect(evaluateToValue('PCase("ANNE-MARIE o\'neil", " ")')).toBe("Anne-marie O'neil");
    expect(evaluateToValue("PCase([missing])")).toBeNull();
  });

  it("NormalizeDiacritics applies the documented table and strips combining marks", () => {
    expect(evaluateToValue('NormalizeDiacritics("Æsa Øre Łódź ßıœ Şăḯ ǣ")')).toBe(
      "AEsa OEre Lodz ssioe Sai ae",
    );
    expect(evaluateToValue('NormalizeDiacritics("한국 đ")')).toBe("한국 đ");
    expect(evaluateToValue("NormalizeDiacritics([missing])")).toBeNull();
  });

  it("Redact passes the value through and marks the expression as redacted", () => {
    const compiled = compileExpression("Redact([password])");
    expect(compiled.redacted).toBe(true);
    expect(compiled.evaluate(contextOf({ password: "s3cret" }))).toEqual({ kind: "value", value: "s3cret" });
    expect(compileExpression("[password]").redacted).toBe(false);
  });

  it("refuses a multi-valued attribute where a single value is needed", () => {
    expect(() => evaluateToValue("ToLower([m])", { m: ["A", "B"] })).toThrow(
      new ExpressionEvaluationError("Expected source to be a single value, got 2 values"),
    );
    expect(evaluateToValue("ToLower([m])", { m: ["A"] })).toBe("a");
  });
});
