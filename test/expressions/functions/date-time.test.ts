import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionCompileError,
  ExpressionEvaluationError,
} from "../../../src/expressions/index.js";
import { evaluateToValue } from "../eval-context.js";

const now = new Date("2021-08-25T17:41:18Z");

describe("date and time functions", () => {
  it("Now returns the injected clock in Entra's text form", () => {
    expect(evaluateToValue("Now()", {}, now)).toBe("8/25/2021 5:41:18 PM");
    expect(evaluateToValue("Now()", {}, new Date("2021-01-01T00:05:09Z"))).toBe("1/1/2021 12:05:09 AM");
  });

  it("CDate reads ISO dates with offsets and the service's own format, and gives no value for null", () => {
    expect(evaluateToValue('CDate("2021-06-30+08:00")')).toBe("6/29/2021 4:00:00 PM");
    expect(evaluateToValue('CDate("8/25/2021 5:41:18 PM")')).toBe("8/25/2021 5:41:18 PM");
    expect(evaluateToValue('CDate("2020-12-31 23:59:59-08:00")')).toBe("1/1/2021 7:59:59 AM");
    expect(evaluateToValue("CDate([missing])")).toBeNull();
  });

  it("CDate fails the evaluation for text that is not a date", () => {
    expect(() => evaluateToValue('CDate("2021-02-30")')).toThrow(ExpressionEvaluationError);
    expect(() => evaluateToValue('CDate("soon")')).toThrow(
      'Expected the CDate argument to be a date (ISO 8601 or M/d/yyyy h:mm:ss tt), got "soon"',
    );
  });

  it("DateAdd adds calendar months with the end-of-month clamp, weeks and time units", () => {
    expect(evaluateToValue('DateAdd("m", 1, CDate("2024-01-31"))')).toBe("2/29/2024 12:00:00 AM");
    expect(evaluateToValue('DateAdd("yyyy", -1, CDate("2024-02-29"))')).toBe("2/28/2023 12:00:00 AM");
    expect(evaluateToValue('DateAdd("ww", 2, "2012-03-16-07:00")')).toBe("3/30/2012 7:00:00 AM");
    expect(evaluateToValue('DateAdd("h", "36", "2012-03-16")')).toBe("3/17/2012 12:00:00 PM");
    expect(evaluateToValue('DateAdd("n", 90, "2012-03-16")')).toBe("3/16/2012 1:30:00 AM");
    expect(evaluateToValue('DateAdd("s", -1, "2012-03-16")')).toBe("3/15/2012 11:59:59 PM");
    expect(evaluateToValue('DateAdd("d", 1, [missing])')).toBeNull();
  });

  it("DateDiff follows VB.NET: calendar years and months, truncated elapsed units, Sunday-aligned weeks", () => {
    const hire = 'CDate("2012-03-16-07:00")';
    expect(evaluateToValue(`DateDiff("yyyy", Now(), ${hire})`, {}, now)).toBe(-9);
    expect(evaluateToValue(`DateDiff("m", Now(), ${hire})`, {}, now)).toBe(-113);
    expect(evaluateToValue(`DateDiff("d", Now(), ${hire})`, {}, now)).toBe(-3449);
    expect(evaluateToValue(`DateDiff("ww", Now(), ${hire})`, {}, now)).toBe(-493);
    expect(evaluateToValue('DateDiff("h", "2021-08-24", "2021-08-25")')).toBe(24);
    expect(evaluateToValue('DateDiff("n", "2021-08-25 10:00:00", "2021-08-25 09:58:30")')).toBe(-1);
    expect(evaluateToValue('DateDiff("s", "2021-08-25", "2021-08-25")')).toBe(0);
    expect(evaluateToValue('DateDiff("d", [missing], Now())', {}, now)).toBeNull();
  });

  it("rejects an unknown constant interval at compile time and a dynamic one at evaluation", () => {
    expect(() => compileExpression('DateAdd("q", 1, Now())')).toThrow(ExpressionCompileError);
    expect(() => evaluateToValue("DateAdd([i], 1, Now())", { i: "fortnight" })).toThrow(
      'Expected an interval (yyyy, m, d, ww, h, n, s), got "fortnight"',
    );
    expect(evaluateToValue('DateAdd([i], 1, "2020-01-01")', { i: "D" })).toBe("1/2/2020 12:00:00 AM");
  });

  it("DateFromNum and NumFromDate convert AD FILETIME both ways without losing digits", () => {
    expect(evaluateToValue("DateFromNum(129699324000000000)")).toBe("1/1/2012 11:00:00 PM");
    expect(evaluateToValue('NumFromDate("2012-01-01T23:00:00Z")')).toBe("129699324000000000");
    expect(evaluateToValue("NumFromDate(DateFromNum([t]))", { t: "132539615990000000" })).toBe(
      "132539615990000000",
    );
    expect(() => evaluateToValue('DateFromNum("9999999999999999999999")')).toThrow(ExpressionEvaluationError);
  });

  it("FormatDateTime accepts the 4-argument form with an empty styles slot and the 3-argument form", () => {
    expect(evaluateToValue('FormatDateTime("20150123105347.1Z", , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")')).toBe(
      "2015-01-23",
    );
    expect(evaluateToValue('FormatDateTime("20150123105347.1Z", "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")')).toBe(
      "2015-01-23",
    );
    expect(
      evaluateToValue(
        'FormatDateTime("12/31/2020 12:00:00 AM", , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm")',
      ),
    ).toBe("2020-12-31T00:00");
  });

  it("FormatDateTime gives no value for null and fails for text not in the input format", () => {
    expect(evaluateToValue('FormatDateTime([d], , "yyyy", "yy")')).toBeNull();
    expect(() => evaluateToValue('FormatDateTime("2015/01/23", , "yyyyMMdd", "yyyy")')).toThrow(
      ExpressionEvaluationError,
    );
  });

  it("rejects an invalid constant format at compile time", () => {
    expect(() => compileExpression('FormatDateTime([d], , "yyyy\'", "yyyy")')).toThrow(
      ExpressionCompileError,
    );
  });
});
