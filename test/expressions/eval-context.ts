import { compileExpression, type EvalContext, type ExprValue } from "../../src/expressions/index.js";

/** A deterministic [0,1) source (mulberry32), so random functions are reproducible in tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An evaluation context over a plain object of attribute values. */
export function contextOf(
  source: Readonly<Record<string, ExprValue>>,
  now = new Date("2025-07-30T00:00:00Z"),
  random = seededRandom(1),
): EvalContext {
  return { attribute: (name) => (Object.hasOwn(source, name) ? source[name] : undefined), now, random };
}

/** Compiles and evaluates `text`; returns the value, or fails the test when the outcome is not a value. */
export function evaluateToValue(
  text: string,
  source: Readonly<Record<string, ExprValue>> = {},
  now?: Date,
  random?: () => number,
): ExprValue {
  const outcome = compileExpression(text).evaluate(contextOf(source, now, random));
  if (outcome.kind !== "value")
    throw new Error(`Expected a value from ${text}, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}
