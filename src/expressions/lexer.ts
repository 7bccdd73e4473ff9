import type { ComparisonOperator } from "./ast.js";
import { ExpressionSyntaxError } from "./errors.js";

export type Token =
  | { readonly kind: "(" | ")" | "," | "end"; readonly offset: number }
  | { readonly kind: "name"; readonly text: string; readonly offset: number }
  | { readonly kind: "attribute"; readonly text: string; readonly offset: number }
  | { readonly kind: "string"; readonly text: string; readonly offset: number }
  | { readonly kind: "integer"; readonly text: string; readonly offset: number }
  | { readonly kind: "hex"; readonly text: string; readonly offset: number }
  | { readonly kind: "operator"; readonly text: ComparisonOperator; readonly offset: number };

/** How a token reads in an error message ("got …"). */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "end":
      return "end of input";
    case "(":
    case ")":
    case ",":
      return `'${token.kind}'`;
    case "name":
      return `name ${token.text}`;
    case "attribute":
      return `attribute [${token.text}]`;
    case "string":
      return `string ${JSON.stringify(token.text)}`;
    case "integer":
      return `number ${token.text}`;
    case "hex":
      return `hex number &H${token.text}`;
    case "operator":
      return `'${token.text}'`;
    default: {
      const unreachable: never = token;
      return unreachable;
    }
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isHexDigit = (c: string | undefined): boolean => c !== undefined && /[0-9A-Fa-f]/.test(c);
/** Spaces, tabs and line breaks (multi-line expressions are common in the docs). */
const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

/**
 * Splits expression text into tokens. String escapes: `\"` and `\\` are decoded; any other backslash pair
 * is kept as both characters, which is what a lenient reading of `"\+(…)"` in the Workday guide needs.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (offset: number, expected: string, got: string): never => {
    throw new ExpressionSyntaxError(text, offset, expected, got);
  };
  const charAt = (offset: number): string =>
    offset < text.length ? JSON.stringify(text[offset]) : "end of input";
  while (i < text.length) {
    const c = text[i] as string;
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, offset: start });
      i++;
    } else if (c === "[") {
      const close = text.indexOf("]", i + 1);
      if (close < 0) fail(text.length, "']' to close the attribute name", "end of input");
      if (close === i + 1) fail(close, "an attribute name", "']'");
      tokens.push({ kind: "attribute", text: text.slice(i + 1, close), offset: start });
      i = close + 1;
    } else if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined) fail(text.length, "'\"' to close the string", "end of input");
        if (d === '"') break;
        if (d === "\\") {
          const e = text[i + 1];
          if (e === undefined) fail(text.length, "'\"' to close the string", "end of input");
          value += e === '"' || e === "\\" ? e : `\\${e}`;
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: "string", text: value, offset: start });
      i++;
    } else if (isDigit(c) || (c === "-" && isDigit(text[i + 1]))) {
      i++;
      while (isDigit(text[i])) i++;
      tokens.push({ kind: "integer", text: text.slice(start, i), offset: start });
    } else if (c === "&") {
      if (text[i + 1] !== "H" && text[i + 1] !== "h")
        fail(i + 1, "'H' after '&' (hex number &H…)", charAt(i + 1));
      i += 2;
      while (isHexDigit(text[i])) i++;
      if (i === start + 2) fail(i, "hex digits after '&H'", charAt(i));
      tokens.push({ kind: "hex", text: text.slice(start + 2, i), offset: start });
    } else if (isNameStart(c)) {
      i++;
      while (isNameChar(text[i])) i++;
      tokens.push({ kind: "name", text: text.slice(start, i), offset: start });
    } else if (c === "=" || c === "<" || c === ">") {
      const two = text.slice(i, i + 2);
      const op: ComparisonOperator =
        two === "<>" || two === "<=" || two === ">=" ? two : (c as "=" | "<" | ">");
      tokens.push({ kind: "operator", text: op, offset: start });
      i += op.length;
    } else {
      fail(i, "an expression token", charAt(i));
    }
  }
  tokens.push({ kind: "end", offset: text.length });
  return tokens;
}
