import { describe, expect, it } from "vitest";
import {
  compileExpression,
  ExpressionCompileError,
  ExpressionEvaluationError,
} from "../../../src/expressions/index.js";
import { evaluateToValue } from "../eval-context.js";

describe("Replace", () => {
  it("mode 1 replaces every literal, case-sensitive occurrence, with no $ substitution", () => {
    expect(evaluateToValue('Replace([x], "a", , , "$&", , )', { x: "aAa" })).toBe("$&A$&");
    expect(evaluateToValue('Replace([x], "", , , "z", , )', { x: "abc" })).toBe("abc");
  });

  it("mode 2 puts the source into the template", () => {
    expect(evaluateToValue('Replace([u], "<u>", , , , , "<u>@x.com (<u>)")', { u: "js" })).toBe(
      "js@x.com (js)",
    );
  });

  it("mode 3 replaces every match, expanding .NET substitutions", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .NET substitution syntax, not a JS template
    const expression = 'Replace([p], , "(\\\\d+)-(\\\\d+)", , "$2/$1 [$$] ${9}", , )';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .NET substitution syntax, not a JS template
    const expected = "34/12 [$] ${9} 6/5 [$] ${9}";
    expect(evaluateToValue(expression, { p: "12-34 5-6" })).toBe(expected);
    expect(evaluateToValue('Replace([x], , "b*", , "-", , )', { x: "abc" })).toBe("-a--c-");
  });

  it("numbers unnamed groups before named ones, as .NET does", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .NET substitution syntax, not a JS template
    const expression = 'Replace([x], , "(?<first>a)(b)", , "$1|$2|${first}", , )';
    expect(evaluateToValue(expression, { x: "ab" })).toBe("b|a|a");
  });

  it("mode 4 replaces only the named group's text in each match", () => {
    expect(evaluateToValue('Replace([x], , "(?<n>\\\\d+)px", "n", "0", , )', { x: "10px 20px 5em" })).toBe(
      "0px 0px 5em",
    );
  });

  it("mode 5 keeps a present source, else extracts the named group from the other value", () => {
    const expr = 'Replace([tel], , "\\\\+(?<cc>\\\\d+) (?<n>\\\\d+)", "n", , [mobile], )';
    expect(evaluateToValue(expr, { tel: "555", mobile: "+1 999" })).toBe("555");
    expect(evaluateToValue(expr, { mobile: "+1 999" })).toBe("999");
    expect(evaluateToValue(expr, { mobile: "nothing" })).toBeNull();
    expect(evaluateToValue(expr, {})).toBeNull();
  });

  it("gives no value for a null source in modes 1 to 4", () => {
    expect(evaluateToValue('Replace([x], "a", , , "b", , )')).toBeNull();
    expect(evaluateToValue('Replace([x], , "a", , "b", , )')).toBeNull();
  });

  it("accepts a dynamic pattern and reports an invalid one at evaluation", () => {
    expect(evaluateToValue('Replace([x], , [p], , "_", , )', { x: "a.b", p: "\\." })).toBe("a_b");
    expect(() => evaluateToValue('Replace([x], , [p], , "_", , )', { x: "a", p: "(" })).toThrow(
      ExpressionEvaluationError,
    );
  });

  it("rejects argument combinations that match no mode, naming the five modes", () => {
    expect(() => compileExpression('Replace([x], "a", "b", , "c", , )')).toThrow(ExpressionCompileError);
    expect(() => compileExpression("Replace([x], , , , , , )")).toThrow(
      /Expected Replace\(source, …\) with one of oldValue \+ replacementValue; .*got no optional argument/,
    );
  });

  it("rejects an invalid constant regex and an unknown constant group name when compiling", () => {
    expect(() => compileExpression('Replace([x], , "(?>a)", , "b", , )')).toThrow(/without atomic groups/);
    expect(() => compileExpression('Replace([x], , "(?<a>x)", "b", "c", , )')).toThrow(
      /Expected regexGroupName to name a group of "\(\?<a>x\)", got "b"/,
    );
  });
});
