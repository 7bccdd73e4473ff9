import { Command } from "commander";
import {
  compileExpression,
  type EvalOutcome,
  type ExprValue,
  exprValueToText,
} from "../../expressions/index.js";

export interface ExprArgs {
  readonly expression: string;
  /** JSON object of source attribute values; default `{}`. */
  readonly source?: string;
  /** ISO instant that Now() returns; default the injected clock. */
  readonly now?: string;
  /** JSON array of values the target already holds (for SelectUniqueValue). */
  readonly taken?: string;
}

export interface ExprEnvironment {
  readonly now: Date;
  readonly random: () => number;
}

export interface ExprResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 1;
}

class UsageError extends Error {}

function parseJson(text: string, option: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`Expected ${option} to be JSON, got ${JSON.stringify(text)}`);
  }
}

function parseSource(text: string): Record<string, ExprValue> {
  const value = parseJson(text, "--source");
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`Expected --source to be a JSON object of attribute values, got ${text}`);
  }
  return value as Record<string, ExprValue>;
}

function parseTaken(text: string | undefined): string[] {
  if (text === undefined) return [];
  const value = parseJson(text, "--taken");
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new UsageError(`Expected --taken to be a JSON array of strings, got ${text}`);
  }
  return value;
}

function parseNow(text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`Expected --now to be an ISO 8601 instant, got ${JSON.stringify(text)}`);
  return date;
}

/**
 * The first candidate the target does not hold yet. Compared case-insensitively because the targets
 * SelectUniqueValue guards (AD sAMAccountName, UPN, mail) treat case-variants as the same value.
 */
function chooseUnique(candidates: readonly ExprValue[], taken: readonly string[]): object {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const free = candidates.find((c) => !used.has(exprValueToText(c).toLowerCase()));
  if (free !== undefined) return { value: free };
  const reason =
    candidates.length === 0
      ? "SelectUniqueValue produced no candidate value"
      : `Every SelectUniqueValue candidate is already taken: ${candidates.map((c) => JSON.stringify(c)).join(", ")}`;
  return { escrow: true, reason };
}

function render(outcome: EvalOutcome, taken: readonly string[]): object {
  switch (outcome.kind) {
    case "value":
      return { value: outcome.value };
    case "ignored":
      return outcome.object ? { ignored: true, object: true } : { ignored: true };
    case "selectUnique":
      return chooseUnique(outcome.candidates, taken);
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/**
 * `entra-sync expr`: evaluates one expression and returns exactly one JSON object for stdout
 * (`{"value": …}`, `{"ignored": true}`, or `{"escrow": true, "reason": "…"}`), or a message for stderr
 * with exit code 1. Pure: the clock and random source are parameters.
 */
export function runExpr(args: ExprArgs, env: ExprEnvironment): ExprResult {
  try {
    const source = parseSource(args.source ?? "{}");
    const taken = parseTaken(args.taken);
    const now = parseNow(args.now, env.now);
    const compiled = compileExpression(args.expression);
    const outcome = compiled.evaluate({
      attribute: (name) => (Object.hasOwn(source, name) ? source[name] : undefined),
      now,
      random: env.random,
    });
    return { stdout: `${JSON.stringify(render(outcome, taken))}\n`, stderr: "", exitCode: 0 };
  } catch (error) {
    return { stdout: "", stderr: `${(error as Error).message}\n`, exitCode: 1 };
  }
}

export const exprCommand = new Command("expr")
  .description(
    "Evaluate an attribute-mapping expression against source attribute values and print the result as JSON",
  )
  .argument("<expression>", "expression text, e.g. 'Join(\" \", [givenName], [surname])'")
  .option("--source <json>", "JSON object of source attribute values (arrays for multi-valued)", "{}")
  .option("--now <iso-instant>", "the instant Now() returns (default: the current time)")
  .option(
    "--taken <json-array>",
    "values the target already holds, checked by SelectUniqueValue (case-insensitive)",
  )
  .action((expression: string, options: { source: string; now?: string; taken?: string }) => {
    const result = runExpr({ expression, ...options }, { now: new Date(), random: Math.random });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  });
