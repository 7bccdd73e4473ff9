/**
 * Entra's attribute-mapping expression language: parse → AST → compile → evaluate (pure; the clock and
 * the random source come from the EvalContext). Semantics and decisions: docs/expressions.md.
 */
export type { ComparisonOperator, ExpressionNode } from "./ast.js";
export { compileExpression } from "./compile.js";
export { compileDotNetRegex, type DotNetRegex, translateDotNetRegex } from "./dotnet-regex.js";
export { ExpressionCompileError, ExpressionEvaluationError, ExpressionSyntaxError } from "./errors.js";
export { MAX_EXPRESSION_LENGTH, parseExpression } from "./parser.js";
export { printExpression } from "./printer.js";
export type { CompiledExpression, EvalContext, EvalOutcome, ExprValue } from "./types.js";
export { exprValueToText } from "./values.js";
