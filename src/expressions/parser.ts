import type { ExpressionNode } from "./ast.js";
import { ExpressionSyntaxError } from "./errors.js";
import { describeToken, type Token, tokenize } from "./lexer.js";

/** Entra's documented limit (known-issues). */
export const MAX_EXPRESSION_LENGTH = 10_000;
/**
 * Calls nested deeper than this are rejected. No documented expression comes close; the limit keeps the
 * parser, the printer and the evaluator (all recursive) far from the JavaScript stack limit.
 */
const MAX_NESTING_DEPTH = 256;

/**
 * Parses expression text into an AST (recursive descent over the grammar in docs/expressions.md).
 * Throws {@link ExpressionSyntaxError} for any text that is not an expression.
 */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(
      text,
      MAX_EXPRESSION_LENGTH,
      `an expression of at most ${MAX_EXPRESSION_LENGTH} characters`,
      `${text.length} characters`,
    );
  }
  return new Parser(text, tokenize(text)).parseAll();
}

class Parser {
  private index = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseAll(): ExpressionNode {
    const node = this.expression(0);
    const next = this.peek();
    if (next.kind !== "end") this.fail(next, "end of input");
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private fail(token: Token, expected: string): never {
    throw new ExpressionSyntaxError(this.text, token.offset, expected, describeToken(token));
  }

  private expression(depth: number): ExpressionNode {
    const left = this.term(depth);
    const op = this.peek();
    if (op.kind !== "operator") return left;
    this.index++;
    const right = this.term(depth);
    return { kind: "comparison", operator: op.text, left, right, offset: left.offset };
  }

  private term(depth: number): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case "attribute":
        this.index++;
        return { kind: "attribute", name: token.text, offset: token.offset };
      case "string":
        this.index++;
        return { kind: "string", value: token.text, offset: token.offset };
      case "integer":
        this.index++;
        return { kind: "integer", text: token.text, offset: token.offset };
      case "hex":
        this.index++;
        return { kind: "hex", digits: token.text, offset: token.offset };
      case "name":
        this.index++;
        if (this.peek().kind === "(") return this.call(token.text, token.offset, depth + 1);
        return { kind: "keyword", name: token.text, offset: token.offset };
      case "(":
      case ")":
      case ",":
      case "operator":
      case "end":
        return this.fail(token, "a function call, [attribute], string or number");
      default: {
        const unreachable: never = token;
        return unreachable;
      }
    }
  }

  /** After `Name`, at `(`. An empty slot between commas is an argument that was not supplied. */
  private call(name: string, offset: number, depth: number): ExpressionNode {
    const open = this.peek();
    if (depth > MAX_NESTING_DEPTH) this.fail(open, `function calls nested at most ${MAX_NESTING_DEPTH} deep`);
    this.index++;
    const args: (ExpressionNode | null)[] = [];
    for (;;) {
      const next = this.peek();
      const slotIsEmpty = next.kind === "," || next.kind === ")";
      args.push(slotIsEmpty ? null : this.expression(depth));
      const sep = this.peek();
      this.index++;
      if (sep.kind === ")") break;
      if (sep.kind !== ",") this.fail(sep, "')' or ','");
    }
    // `Name()` and `Name( )` mean "no arguments", never "one empty argument".
    return { kind: "call", name, args: args.length === 1 && args[0] === null ? [] : args, offset };
  }
}
