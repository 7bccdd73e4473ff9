import { describe, expect, it } from "vitest";
import {
  type ExpressionNode,
  ExpressionSyntaxError,
  parseExpression,
  printExpression,
} from "../../src/expressions/index.js";

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`Expected a syntax error for ${text}`);
}

describe("parseExpression", () => {
  it("parses nested calls, attributes, strings and integers with their offsets", () => {
    expect(parseExpression('Mid([givenName], 1, Left("ab", 2))')).toEqual({
      kind: "call",
      name: "Mid",
      offset: 0,
      args: [
        { kind: "attribute", name: "givenName", offset: 4 },
        { kind: "integer", text: "1", offset: 17 },
        {
          kind: "call",
          name: "Left",
          offset: 20,
          args: [
            { kind: "string", value: "ab", offset: 25 },
            { kind: "integer", text: "2", offset: 31 },
          ],
        },
      ],
    });
  });

  it("keeps empty argument slots as null, distinct from an empty string", () => {
    const node = parseExpression('Replace([x], , "re", , "", , )') as Extract<
      ExpressionNode,
      { kind: "call" }
    >;
    expect(node.args.map((a) => a?.kind ?? null)).toEqual([
      "attribute",
      null,
      "string",
      null,
      "string",
      null,
      null,
    ]);
  });

  it("reads Name() and Name( ) as calls without arguments", () => {
    expect(parseExpression("Now()")).toMatchObject({ kind: "call", args: [] });
    expect(parseExpression("Now( )")).toMatchObject({ kind: "call", args: [] });
  });

  it('decodes \\" and \\\\ in strings and keeps other backslash pairs', () => {
    expect(parseExpression('"say \\"hi\\" \\\\ \\d"')).toMatchObject({ value: 'say "hi" \\ \\d' });
  });

  it("reads negative integers, big integers and &H hex numbers", () => {
    expect(parseExpression("-10")).toMatchObject({ kind: "integer", text: "-10" });
    expect(parseExpression("129699324000000000")).toMatchObject({
      kind: "integer",
      text: "129699324000000000",
    });
    expect(parseExpression("&HF7")).toMatchObject({ kind: "hex", digits: "F7" });
  });

  it("reads bare names as keywords and allows space before the parenthesis of a call", () => {
    expect(parseExpression("IgnoreAttributeFlow")).toMatchObject({
      kind: "keyword",
      name: "IgnoreAttributeFlow",
    });
    expect(parseExpression("Append ([a], [b])")).toMatchObject({ kind: "call", name: "Append" });
  });

  it("parses every comparison operator between two terms", () => {
    for (const op of ["=", "<>", "<", "<=", ">", ">="]) {
      expect(parseExpression(`[a] ${op} 1`)).toMatchObject({ kind: "comparison", operator: op });
    }
  });

  it("accepts attribute names with dots, spaces and other characters", () => {
    expect(parseExpression("[passwordProfile.password]")).toMatchObject({ name: "passwordProfile.password" });
    expect(parseExpression("[extension_abc123_cost Center]")).toMatchObject({
      name: "extension_abc123_cost Center",
    });
  });

  it("accepts multi-line expressions with tabs", () => {
    expect(parseExpression('Join(",",\n\t[a],\r\n  [b]\n)')).toMatchObject({ kind: "call", name: "Join" });
  });

  it("reports a missing closing parenthesis with line, column, offset and what was expected", () => {
    const error = syntaxError('Join(" ", [a], [b]');
    expect(error.message).toBe("Expected ')' or ',' at line 1, column 19, got end of input");
    expect(error).toMatchObject({ line: 1, column: 19, offset: 18, expected: "')' or ','" });
  });

  it("counts lines and columns from 1 across line breaks", () => {
    const error = syntaxError('Join(",",\n  [a] [b])');
    expect(error).toMatchObject({ line: 2, column: 7 });
    expect(error.message).toContain("got attribute [b]");
  });

  it("rejects unterminated strings and attributes, empty attributes and stray characters", () => {
    expect(syntaxError('Left("abc, 1)').expected).toBe("'\"' to close the string");
    expect(syntaxError("Left([abc, 1)").expected).toBe("']' to close the attribute name");
    expect(syntaxError("Left([], 1)").expected).toBe("an attribute name");
    expect(syntaxError("Left([a], 1) ; x").message).toContain('got ";"');
    expect(syntaxError("&G").expected).toBe("'H' after '&' (hex number &H…)");
  });

  it("rejects a second comparison and a comparison without a right side", () => {
    expect(syntaxError("[a] = [b] = [c]").expected).toBe("end of input");
    expect(syntaxError("[a] =").message).toContain("got end of input");
  });

  it("rejects an empty expression", () => {
    expect(syntaxError("   ").message).toBe(
      "Expected a function call, [attribute], string or number at line 1, column 4, got end of input",
    );
  });

  it("rejects expressions over 10,000 characters", () => {
    const long = `"${"a".repeat(10_000)}"`;
    expect(syntaxError(long).message).toContain("Expected an expression of at most 10000 characters");
    expect(() => parseExpression(`"${"a".repeat(9_998)}"`)).not.toThrow();
  });

  it("rejects calls nested deeper than the limit instead of overflowing the stack", () => {
    const deep = `${"f(".repeat(300)}1${")".repeat(300)}`;
    expect(syntaxError(deep).expected).toBe("function calls nested at most 256 deep");
  });
});

describe("printExpression", () => {
  it("prints canonical text that re-escapes strings and keeps empty slots", () => {
    const text = 'Replace( [x],,"a\\"b\\\\c",,"",,)';
    expect(printExpression(parseExpression(text))).toBe('Replace([x], , "a\\"b\\\\c", , "", , )');
  });

  it("prints comparisons, hex numbers and keywords", () => {
    expect(printExpression(parseExpression("IIF([a]<>&hff,vbTextCompare,-1)"))).toBe(
      "IIF([a] <> &Hff, vbTextCompare, -1)",
    );
  });
});
