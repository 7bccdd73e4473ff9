import type { CallNode, ExpressionNode } from "./ast.js";
import { compareValues } from "./compare.js";
import { ExpressionCompileError } from "./errors.js";
import { functionSpecs } from "./functions/registry.js";
import type { CompileSite } from "./functions/spec.js";
import { IgnoreSignal } from "./ignore-signal.js";
import { parseExpression } from "./parser.js";
import type { CompiledExpression, EvalContext, EvalOutcome, ExprValue } from "./types.js";
import { type Evaluator, fromBigInt, isNullOrEmpty, toExprValue, type Val } from "./values.js";

/** Function names, upper-cased, for the "did you mean" hint (the language is case-sensitive). */
const canonicalNames = new Map(Object.keys(functionSpecs).map((name) => [name.toUpperCase(), name]));

/** The bare keywords Entra documents. vb* are VB's compare-mode constants (binary 0, text 1). */
const keywords: Readonly<Record<string, Evaluator>> = {
  vbBinaryCompare: () => 0,
  vbTextCompare: () => 1,
  IgnoreAttributeFlow: () => {
    throw new IgnoreSignal(false);
  },
  IgnoreObjectFlow: () => {
    throw new IgnoreSignal(true);
  },
};

interface CompileState {
  readonly text: string;
  readonly references: Set<string>;
  redacted: boolean;
}

/**
 * Parses `text`, resolves every function and checks its arguments, and returns an evaluator that walks
 * closures only (no AST, no re-parsing; constant regexes and date formats are compiled here, once).
 * Throws ExpressionSyntaxError or ExpressionCompileError.
 */
export function compileExpression(text: string): CompiledExpression {
  const root = parseExpression(text);
  const state: CompileState = { text, references: new Set(), redacted: false };
  const run = isSelectUnique(root) ? compileSelectUnique(root, state) : compileValue(root, state);
  return {
    text,
    references: [...state.references],
    redacted: state.redacted,
    evaluate(ctx: EvalContext): EvalOutcome {
      try {
        return run(ctx);
      } catch (error) {
        if (error instanceof IgnoreSignal)
          return error.object ? { kind: "ignored", object: true } : { kind: "ignored" };
        throw error;
      }
    },
  };
}

const isSelectUnique = (node: ExpressionNode): node is CallNode =>
  node.kind === "call" && node.name === "SelectUniqueValue";

function compileValue(root: ExpressionNode, state: CompileState): (ctx: EvalContext) => EvalOutcome {
  const evaluate = compileNode(root, state);
  return (ctx) => ({ kind: "value", value: toExprValue(evaluate(ctx)) });
}

/**
 * SelectUniqueValue(rule1, rule2, …): every rule is evaluated; rules giving no value or "" are dropped
 * because they can never be a unique value. The caller checks the candidates against the target in order.
 */
function compileSelectUnique(call: CallNode, state: CompileState): (ctx: EvalContext) => EvalOutcome {
  if (call.args.length < 2) {
    throw compileError(
      state,
      call.offset,
      `Expected at least 2 rules for SelectUniqueValue, got ${call.args.length}`,
    );
  }
  const rules = call.args.map((arg, index) => {
    if (arg === null)
      throw compileError(
        state,
        call.offset,
        `Expected a value for rule ${index + 1} of SelectUniqueValue, got an empty argument`,
      );
    return compileNode(arg, state);
  });
  return (ctx) => {
    const candidates: ExprValue[] = [];
    for (const rule of rules) {
      const value = rule(ctx);
      if (!isNullOrEmpty(value)) candidates.push(toExprValue(value));
    }
    return { kind: "selectUnique", candidates };
  };
}

function compileError(state: CompileState, offset: number, message: string): ExpressionCompileError {
  return new ExpressionCompileError(state.text, offset, message);
}

function compileNode(node: ExpressionNode, state: CompileState): Evaluator {
  switch (node.kind) {
    case "attribute": {
      const name = node.name;
      state.references.add(name);
      return (ctx) => readAttribute(ctx, name);
    }
    case "string": {
      const value = node.value;
      return () => value;
    }
    case "integer": {
      // A number when that loses nothing, else the exact text (FILETIMEs exceed 2^53; "007" keeps its zeros).
      const n = Number(node.text);
      const value = Number.isSafeInteger(n) && String(n) === node.text ? n : node.text;
      return () => value;
    }
    case "hex": {
      const value = fromBigInt(BigInt(`0x${node.digits}`));
      return () => value;
    }
    case "keyword": {
      const keyword = Object.hasOwn(keywords, node.name) ? keywords[node.name] : undefined;
      if (keyword === undefined) {
        throw compileError(
          state,
          node.offset,
          `Unknown keyword ${node.name} (expected a function call or one of ${Object.keys(keywords).join(", ")})`,
        );
      }
      return keyword;
    }
    case "comparison": {
      const left = compileNode(node.left, state);
      const right = compileNode(node.right, state);
      const operator = node.operator;
      return (ctx) => compareValues(operator, left(ctx), right(ctx));
    }
    case "call":
      return compileCall(node, state);
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

/** Missing, null and empty multi-valued attributes all read as null (no value). */
function readAttribute(ctx: EvalContext, name: string): Val {
  const value = ctx.attribute(name);
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

function compileCall(call: CallNode, state: CompileState): Evaluator {
  const { name, args } = call;
  if (name === "SelectUniqueValue") {
    throw compileError(state, call.offset, "SelectUniqueValue is only allowed as the whole expression");
  }
  const spec = Object.hasOwn(functionSpecs, name) ? functionSpecs[name] : undefined;
  if (spec === undefined) {
    const canonical = canonicalNames.get(name.toUpperCase());
    const hint = canonical === undefined ? "" : ` (names are case-sensitive: did you mean ${canonical}?)`;
    throw compileError(state, call.offset, `Unknown function ${name}${hint}`);
  }
  if (args.length < spec.minArgs || args.length > spec.maxArgs) {
    const expected =
      spec.minArgs === spec.maxArgs
        ? `${spec.minArgs}`
        : spec.maxArgs === Number.POSITIVE_INFINITY
          ? `at least ${spec.minArgs}`
          : `${spec.minArgs} to ${spec.maxArgs}`;
    throw compileError(
      state,
      call.offset,
      `Expected ${expected} arguments for ${name}(${spec.params.join(", ")}), got ${args.length}`,
    );
  }
  if (name === "Redact") state.redacted = true;
  const compiled = args.map((arg) => (arg === null ? undefined : compileNode(arg, state)));
  const paramName = (index: number): string => spec.params[Math.min(index, spec.params.length - 1)] ?? "?";
  const site: CompileSite = {
    argCount: args.length,
    required(index) {
      const evaluator = compiled[index];
      if (evaluator === undefined) {
        throw compileError(
          state,
          call.offset,
          `Expected a value for ${paramName(index)} (argument ${index + 1}) of ${name}, got an empty argument`,
        );
      }
      return evaluator;
    },
    optional: (index) => compiled[index],
    constantString(index) {
      const arg = args[index];
      return arg?.kind === "string" ? arg.value : undefined;
    },
    error: (message, index) =>
      compileError(state, (index === undefined ? null : args[index])?.offset ?? call.offset, message),
  };
  return spec.compile(site);
}
