import type { ExpressionCompileError } from "../errors.js";
import type { Evaluator } from "../values.js";

/** What a function sees while it is being compiled: its arguments, compiled, and a way to report errors. */
export interface CompileSite {
  /** Number of argument slots written, empty ones included. */
  readonly argCount: number;
  /** Argument `index` (0-based); a compile error when that slot is empty or missing. */
  required(index: number): Evaluator;
  /** Argument `index`, or undefined when the slot is empty or missing ("not supplied"). */
  optional(index: number): Evaluator | undefined;
  /** The literal string at `index`, when the argument is a string constant (lets functions precompile). */
  constantString(index: number): string | undefined;
  /** A compile error positioned at the argument `index`, or at the call. */
  error(message: string, index?: number): ExpressionCompileError;
}

export interface FunctionSpec {
  /** Parameter names as documented, used in messages; for variadic functions the last one repeats. */
  readonly params: readonly string[];
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  compile(site: CompileSite): Evaluator;
}
