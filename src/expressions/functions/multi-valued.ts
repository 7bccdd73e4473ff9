import { ExpressionEvaluationError } from "../errors.js";
import { toInteger, toText, type Val } from "../values.js";
import type { FunctionSpec } from "./spec.js";

/** A single value acts as a one-element collection. */
const asList = (value: Val): readonly Val[] => (Array.isArray(value) ? value : [value]);

export const multiValuedFunctions: Readonly<Record<string, FunctionSpec>> = {
  /** Number of values; null → 0, a single value → 1. */
  Count: {
    params: ["attribute"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const attribute = site.required(0);
      return (ctx) => {
        const value = attribute(ctx);
        return value === null ? 0 : asList(value).length;
      };
    },
  },
  /** 1-based; an index outside 1…Count fails the evaluation; null → null. */
  Item: {
    params: ["attribute", "index"],
    minArgs: 2,
    maxArgs: 2,
    compile(site) {
      const attribute = site.required(0);
      const index = site.required(1);
      return (ctx) => {
        const value = attribute(ctx);
        if (value === null) return null;
        const list = asList(value);
        const i = toInteger(index(ctx), "index");
        if (i < 1 || i > list.length) {
          throw new ExpressionEvaluationError(`Expected Item index between 1 and ${list.length}, got ${i}`);
        }
        return list[i - 1] as Val;
      };
    },
  },
  /**
   * Splits on every occurrence of the delimiter string, without trimming. Null or "" → no value; an empty
   * delimiter leaves the string whole.
   */
  Split: {
    params: ["source", "delimiter"],
    minArgs: 2,
    maxArgs: 2,
    compile(site) {
      const source = site.required(0);
      const delimiter = site.required(1);
      return (ctx) => {
        const text = toText(source(ctx), "source");
        if (text === "") return null;
        const separator = toText(delimiter(ctx), "delimiter");
        return separator === "" ? [text] : text.split(separator);
      };
    },
  },
  /** Keeps the first of each set of exactly equal (case-sensitive) values, in order. */
  RemoveDuplicates: {
    params: ["attribute"],
    minArgs: 1,
    maxArgs: 1,
    compile(site) {
      const attribute = site.required(0);
      return (ctx) => {
        const value = attribute(ctx);
        if (!Array.isArray(value)) return value;
        const seen = new Set<string>();
        return value.filter((item: Val) => {
          const key = typeof item === "string" ? `s${item}` : `j${JSON.stringify(item)}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      };
    },
  },
};
