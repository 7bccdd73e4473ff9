import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { functionSpecs } from "../../src/expressions/functions/registry.js";
import {
  type ComparisonOperator,
  compileExpression,
  ExpressionCompileError,
  ExpressionEvaluationError,
  type ExpressionNode,
  ExpressionSyntaxError,
  type ExprValue,
  parseExpression,
  printExpression,
} from "../../src/expressions/index.js";
import { contextOf, seededRandom } from "./eval-context.js";

/** Offsets depend on the text's layout; structure is what must survive printing. */
function withoutOffsets(node: ExpressionNode): unknown {
  switch (node.kind) {
    case "call":
      return {
        kind: node.kind,
        name: node.name,
        args: node.args.map((a) => (a === null ? null : withoutOffsets(a))),
      };
    case "comparison":
      return {
        kind: node.kind,
        operator: node.operator,
        left: withoutOffsets(node.left),
        right: withoutOffsets(node.right),
      };
    default: {
      const { offset: _offset, ...rest } = node;
      return rest;
    }
  }
}

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
/** Mostly real functions (so compile-time checks run), sometimes unknown names. */
const functionName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.keys(functionSpecs), "SelectUniqueValue") },
  { weight: 1, arbitrary: name },
);
const operators: ComparisonOperator[] = ["=", "<>", "<", "<=", ">", ">="];

const leaf: fc.Arbitrary<ExpressionNode> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((s) => !s.includes("]"))
    .map((s) => ({ kind: "attribute" as const, name: s, offset: 0 })),
  fc.string({ maxLength: 12 }).map((value) => ({ kind: "string" as const, value, offset: 0 })),
  fc
    .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
    .map((n) => ({ kind: "integer" as const, text: n.toString(), offset: 0 })),
  fc.stringMatching(/^[0-9A-Fa-f]{1,8}$/).map((digits) => ({ kind: "hex" as const, digits, offset: 0 })),
  name.map((n) => ({ kind: "keyword" as const, name: n, offset: 0 })),
);

/** Terms only (a comparison never nests inside a comparison). */
const { term } = fc.letrec<{ term: ExpressionNode; call: ExpressionNode }>((tie) => ({
  term: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("call")),
  call: fc
    .record({
      name: functionName,
      args: fc.array(fc.option(fc.oneof(tie("term"), comparisonOf(tie("term"))), { nil: null }), {
        maxLength: 5,
      }),
    })
    // `Name()` means no arguments, so a single empty slot cannot be written.
    .filter(({ args }) => !(args.length === 1 && args[0] === null))
    .map(({ name: n, args }) => ({ kind: "call" as const, name: n, args, offset: 0 })),
}));

function comparisonOf(side: fc.Arbitrary<ExpressionNode>): fc.Arbitrary<ExpressionNode> {
  return fc
    .record({ left: side, right: side, operator: fc.constantFrom(...operators) })
    .map(({ left, right, operator }) => ({ kind: "comparison" as const, operator, left, right, offset: 0 }));
}

const expression = fc.oneof(term, comparisonOf(term));

describe("parser properties", () => {
  it("parses the printed form of any AST back to the same AST", () => {
    fc.assert(
      fc.property(expression, (ast) => {
        const printed = printExpression(ast);
        expect(withoutOffsets(parseExpression(printed))).toEqual(withoutOffsets(ast));
        expect(printExpression(parseExpression(printed))).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ExpressionSyntaxError for any input string", () => {
    const alphabet = fc.constantFrom(...'()[],"\\&H=<>-0123456789 \nabcIFJoin'.split(""));
    const input = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: alphabet, maxLength: 40 }));
    fc.assert(
      fc.property(input, (text) => {
        try {
          parseExpression(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("makes compileExpression throw only syntax or compile errors", () => {
    const alphabet = fc.constantFrom(...'()[],"&H=<>-019 abxLeftJoinIIFSwitchReplace'.split(""));
    const input = fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), expression.map(printExpression));
    fc.assert(
      fc.property(input, (text) => {
        try {
          compileExpression(text);
        } catch (error) {
          expect(error instanceof ExpressionSyntaxError || error instanceof ExpressionCompileError).toBe(
            true,
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("makes evaluation throw only ExpressionEvaluationError, whatever the attribute values", () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom("1", "-3", "2021-08-25", "8/25/2021 5:41:18 PM", "True", ""),
      fc.integer({ min: -1000, max: 1000 }),
      fc.boolean(),
      fc.constant(null),
    );
    const value: fc.Arbitrary<ExprValue> = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
    const compiles = expression.map(printExpression).filter((text) => {
      try {
        compileExpression(text);
        return true;
      } catch {
        return false;
      }
    });
    fc.assert(
      fc.property(compiles, fc.dictionary(fc.string({ maxLength: 12 }), value), (text, source) => {
        const compiled = compileExpression(text);
        const attributes: Record<string, ExprValue> = {};
        compiled.references.forEach((ref, i) => {
          attributes[ref] = Object.values(source)[i] ?? null;
        });
        try {
          compiled.evaluate(contextOf(attributes, new Date("2025-07-30T00:00:00Z"), seededRandom(7)));
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionEvaluationError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
