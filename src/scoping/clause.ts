import {
  compileDotNetRegex,
  type ExprValue,
  exprValueToText,
  translateDotNetRegex,
} from "../expressions/index.js";
import type { ScopingOperator } from "./operators.js";
import { unaryOperators } from "./operators.js";
import type { ScopingClause } from "./types.js";

/** A value the clause tests: one string, number or boolean. */
type Scalar = string | number | boolean;

/** A compiled clause: true when the attribute value satisfies it. */
export type ClauseTest = (value: ExprValue | undefined) => boolean;

const INTEGER = /^-?\d+$/;

/** The attribute's integer, or undefined when it is not one ("12.5", "abc", 1.5 are not). */
function integerOf(value: Scalar): bigint | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === "string" && INTEGER.test(value)) return BigInt(value);
  return undefined;
}

function requireInteger(clause: ScopingClause, value: string): bigint {
  if (!INTEGER.test(value)) {
    throw new Error(`Expected an integer value for ${clause.operator}, got ${JSON.stringify(value)}`);
  }
  return BigInt(value);
}

/** True when `v` holds the boolean `flag`: a JSON boolean, or "true"/"false" in any case. */
const holdsBoolean = (v: Scalar, flag: boolean): boolean =>
  v === flag || (typeof v === "string" && v.toLowerCase() === String(flag));

/** The test for one non-empty single value. */
function scalarTest(clause: ScopingClause): (value: Scalar) => boolean {
  const operator: ScopingOperator = clause.operator;
  const expected = clause.value ?? "";
  const text = (v: Scalar): string => exprValueToText(v);
  const compare = (accept: (order: number) => boolean): ((v: Scalar) => boolean) => {
    const bound = requireInteger(clause, expected);
    return (v) => {
      const n = integerOf(v);
      return n !== undefined && accept(n < bound ? -1 : n > bound ? 1 : 0);
    };
  };
  switch (operator) {
    case "EQUALS":
      return (v) => text(v) === expected;
    case "NOT EQUALS":
      return (v) => text(v) !== expected;
    case "IS TRUE":
      return (v) => holdsBoolean(v, true);
    case "IS FALSE":
      return (v) => holdsBoolean(v, false);
    case "IS NULL":
      return () => false;
    case "IS NOT NULL":
      return () => true;
    case "REGEX MATCH":
    case "NOT REGEX MATCH": {
      let regex: RegExp;
      try {
        regex = compileDotNetRegex(translateDotNetRegex(expected));
      } catch (error) {
        throw new Error(`${operator} on ${clause.attribute}: ${(error as Error).message}`);
      }
      return operator === "REGEX MATCH" ? (v) => regex.test(text(v)) : (v) => !regex.test(text(v));
    }
    case "Greater_Than":
      return compare((order) => order > 0);
    case "Greater_Than_OR_EQUALS":
      return compare((order) => order >= 0);
    case "Less_Than":
      return compare((order) => order < 0);
    case "Less_Than_OR_EQUALS":
      return compare((order) => order <= 0);
    case "Includes":
      return (v) => text(v).includes(expected);
    case "ENDS_WITH":
      return (v) => text(v).endsWith(expected);
    case "&":
    case "!&": {
      const mask = requireInteger(clause, expected);
      const anySet = operator === "&";
      return (v) => {
        const n = integerOf(v);
        return n !== undefined && ((n & mask) !== 0n) === anySet;
      };
    }
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}

const isEmpty = (v: ExprValue | undefined): boolean =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * Compiles a clause (regexes and integer bounds once). Throws an Error saying what is wrong with the
 * clause (missing or unexpected value, invalid regex, non-integer bound).
 *
 * Null or empty values fail every operator except IS NULL (Entra: "scoping filters return false if the
 * value is null / empty"; NOT EQUALS and NOT REGEX MATCH included). A multi-valued attribute passes when
 * every value passes (Graph's default `multivaluedComparisonType: All`); objects never pass.
 */
export function compileClause(clause: ScopingClause): ClauseTest {
  const unary = unaryOperators.has(clause.operator);
  if (unary && clause.value !== undefined) {
    throw new Error(`Expected no value for ${clause.operator}, got ${JSON.stringify(clause.value)}`);
  }
  if (!unary && clause.value === undefined)
    throw new Error(`Expected a value for ${clause.operator}, got none`);
  const test = scalarTest(clause);
  const isNullTest = clause.operator === "IS NULL";
  const one = (v: ExprValue): boolean =>
    typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v !== "" && test(v) : false;
  return (value) => {
    if (isEmpty(value)) return isNullTest;
    if (isNullTest) return false;
    return Array.isArray(value) ? value.every(one) : one(value as ExprValue);
  };
}
