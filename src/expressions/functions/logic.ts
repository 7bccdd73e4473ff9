import { IgnoreSignal } from "../ignore-signal.js";
import { type Evaluator, fromBigInt, isNullOrEmpty, toBigInt, toBool, toText, type Val } from "../values.js";
import type { FunctionSpec } from "./spec.js";

/** Conditionals, null tests and boolean helpers. */
export const logicFunctions: Readonly<Record<string, FunctionSpec>> = {
  /**
   * Only the chosen branch is evaluated. A null or empty attribute in the condition is not special-cased
   * (Entra documents such conditions as unsupported; we evaluate them the obvious way).
   */
  IIF: {
    params: ["condition", "valueIfTrue", "valueIfFalse"],
    minArgs: 3,
    maxArgs: 3,
    compile(site) {
      const condition = site.required(0);
      const ifTrue = site.required(1);
      const ifFalse = site.required(2);
      return (ctx) => (toBool(condition(ctx), "the IIF condition") ? ifTrue(ctx) : ifFalse(ctx));
    },
  },
  /**
   * Switch(source, defaultValue, key1, value1, …): exact, case-sensitive string comparison, first match
   * wins, a "" key also matches a null source, an empty default slot yields no value. Lazy: keys are
   * evaluated until one matches and only the selected value is evaluated.
   */
  Switch: {
    params: ["source", "defaultValue", "key", "value"],
    minArgs: 4,
    maxArgs: Number.POSITIVE_INFINITY,
    compile(site) {
      if (site.argCount % 2 !== 0) {
        throw site.error(
          `Expected Switch(source, defaultValue, key1, value1, …) with keys and values in pairs, got ${site.argCount} arguments`,
        );
      }
      const source = site.required(0);
      const fallback = site.optional(1);
      const pairs: { key: Evaluator; value: Evaluator }[] = [];
      for (let i = 2; i < site.argCount; i += 2)
        pairs.push({ key: site.required(i), value: site.required(i + 1) });
      return (ctx) => {
        const text = toText(source(ctx), "the Switch source");
        for (const pair of pairs) {
          if (toText(pair.key(ctx), "a Switch key") === text) return pair.value(ctx);
        }
        return fallback === undefined ? null : fallback(ctx);
      };
    },
  },
  /** First argument that is not null; "" counts as a value (documented). */
  Coalesce: {
    params: ["source"],
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    compile(site) {
      const sources = Array.from({ length: site.argCount }, (_, i) => site.required(i));
      return (ctx) => {
        for (const source of sources) {
          const value = source(ctx);
          if (value !== null && !(Array.isArray(value) && value.length === 0)) return value;
        }
        return null;
      };
    },
  },
  CBool: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => toBool(expression(ctx), "the CBool argument");
    },
  },
  /** "True" (any case) → False; anything else, null included → True. */
  Not: {
    params: ["source"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const source = site.required(0);
      return (ctx) => toText(source(ctx), "the Not argument").toLowerCase() !== "true";
    },
  },
  IsNull: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => expression(ctx) === null;
    },
  },
  IsNullOrEmpty: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => isNullOrEmpty(expression(ctx));
    },
  },
  IsPresent: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => !isNullOrEmpty(expression(ctx));
    },
  },
  /** True for one string, number, boolean or DateTime; false for null, several values or an object. */
  IsString: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => isScalar(expression(ctx));
    },
  },
  IgnoreFlowIfNullOrEmpty: {
    params: ["expression"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const expression = site.required(0);
      return (ctx) => {
        const value = expression(ctx);
        if (isNullOrEmpty(value)) throw new IgnoreSignal(false);
        return value;
      };
    },
  },
  /** 64-bit AND; `&H` literals are read as unsigned. */
  BitAnd: {
    params: ["value1", "value2"],
    minArgs: 2,
    maxArgs: 2,
    compile(site) {
      const a = site.required(0);
      const b = site.required(1);
      return (ctx) => fromBigInt(toBigInt(a(ctx), "value1 of BitAnd") & toBigInt(b(ctx), "value2 of BitAnd"));
    },
  },
};

function isScalar(value: Val): boolean {
  if (Array.isArray(value) && value.length !== 1) return false;
  const s = Array.isArray(value) ? value[0] : value;
  if (Array.isArray(s)) return false;
  return s !== null && s !== undefined && (typeof s !== "object" || s instanceof Date);
}
