import { formatEntraDate, requireDate } from "./dates.js";
import { ExpressionEvaluationError } from "./errors.js";
import type { EvalContext, ExprValue } from "./types.js";

/**
 * A value during evaluation: an {@link ExprValue} or a DateTime. DateTimes stay `Date`s between functions
 * (no precision lost) and become Entra's text form when a string is needed or at the end.
 */
export type Val = string | number | boolean | null | Date | readonly Val[] | { readonly [key: string]: Val };

/** A compiled sub-expression. */
export type Evaluator = (ctx: EvalContext) => Val;

const describe = (v: Val): string =>
  v instanceof Date ? formatEntraDate(v) : Array.isArray(v) ? `${v.length} values` : JSON.stringify(v);

/** A one-element multi-valued value acts as that element; more than one cannot be used as a single value. */
export function single(v: Val, what: string): Exclude<Val, readonly Val[]> {
  if (!Array.isArray(v)) return v as Exclude<Val, readonly Val[]>;
  if (v.length === 0) return null;
  if (v.length === 1) return single(v[0] as Val, what);
  throw new ExpressionEvaluationError(`Expected ${what} to be a single value, got ${v.length} values`);
}

/**
 * String form, the way .NET converts: booleans become "True"/"False", DateTimes `M/d/yyyy h:mm:ss tt`,
 * null becomes "" (callers that must tell null from "" check first).
 */
export function toText(v: Val, what: string): string {
  const s = single(v, what);
  if (s === null) return "";
  if (typeof s === "string") return s;
  if (typeof s === "number") return String(s);
  if (typeof s === "boolean") return s ? "True" : "False";
  if (s instanceof Date) return formatEntraDate(s);
  throw new ExpressionEvaluationError(`Expected ${what} to be a single value, got an object`);
}

/** .NET-style text of one value (booleans "True"/"False"), for code outside the expression evaluator. */
export const exprValueToText = (value: ExprValue): string => toText(value, "the value");

/** Null, or a string/collection with nothing in it. */
export function isNullOrEmpty(v: Val): boolean {
  return v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
const INTEGER = /^\s*-?\d+\s*$/;

/** True for numbers and for strings that read as a decimal number ("5", "-10", "2.5"). */
export function looksNumeric(v: Val): boolean {
  return typeof v === "number" || (typeof v === "string" && NUMBER.test(v));
}

/** Truth value like .NET CBool: booleans, "True"/"False" (any case), non-zero numbers; null is false. */
export function toBool(v: Val, what: string): boolean {
  const s = single(v, what);
  if (s === null) return false;
  if (typeof s === "boolean") return s;
  if (typeof s === "number") return s !== 0;
  if (typeof s === "string") {
    const t = s.trim().toLowerCase();
    if (t === "true") return true;
    if (t === "false" || t === "") return false;
    if (NUMBER.test(t)) return Number(t) !== 0;
  }
  throw new ExpressionEvaluationError(`Expected ${what} to be True or False, got ${describe(s)}`);
}

/** An integer argument given as a number or as text ("10", quoted numbers are common in the docs). */
export function toInteger(v: Val, what: string): number {
  const s = single(v, what);
  if (typeof s === "number" && Number.isInteger(s)) return s;
  if (typeof s === "string" && INTEGER.test(s) && Number.isSafeInteger(Number(s))) return Number(s);
  throw new ExpressionEvaluationError(`Expected ${what} to be an integer, got ${describe(s)}`);
}

/** An integer of any size (FILETIME ticks, 64-bit flags). */
export function toBigInt(v: Val, what: string): bigint {
  const s = single(v, what);
  if (typeof s === "number" && Number.isInteger(s)) return BigInt(s);
  if (typeof s === "string" && INTEGER.test(s)) return BigInt(s.trim());
  throw new ExpressionEvaluationError(`Expected ${what} to be an integer, got ${describe(s)}`);
}

/** A bigint as a JS number when exact, else as its decimal text (so no digit is lost). */
export function fromBigInt(n: bigint): number | string {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

/** A DateTime argument: a DateTime value or date text. */
export function toDate(v: Val, what: string): Date {
  const s = single(v, what);
  return s instanceof Date ? s : requireDate(toText(s, what), what);
}

/** The public form of a result: DateTimes become Entra's text form. */
export function toExprValue(v: Val): ExprValue {
  if (v instanceof Date) return formatEntraDate(v);
  if (Array.isArray(v)) return v.map(toExprValue);
  if (v !== null && typeof v === "object") {
    const out: { [key: string]: ExprValue } = {};
    for (const [key, item] of Object.entries(v)) out[key] = toExprValue(item as Val);
    return out;
  }
  return v as string | number | boolean | null;
}
