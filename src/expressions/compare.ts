import type { ComparisonOperator } from "./ast.js";
import { looksNumeric, single, toText, type Val } from "./values.js";

/**
 * Compares two values for `=`, `<>`, `<`, `<=`, `>`, `>=`: as numbers when both look numeric
 * (`[StatusRehire]=1`, `DateDiff(…) > 5`), as instants when both are DateTimes, otherwise as strings with
 * ordinal, case-sensitive comparison. Null reads as "", so `[x] = ""` holds for a missing attribute.
 */
export function compareValues(operator: ComparisonOperator, left: Val, right: Val): boolean {
  const a = single(left, "the left side of a comparison");
  const b = single(right, "the right side of a comparison");
  let order: number;
  if (a instanceof Date && b instanceof Date) order = a.getTime() - b.getTime();
  else if (looksNumeric(a) && looksNumeric(b)) order = Number(a) - Number(b);
  else {
    const x = toText(a, "the left side of a comparison");
    const y = toText(b, "the right side of a comparison");
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (operator) {
    case "=":
      return order === 0;
    case "<>":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    default: {
      const unreachable: never = operator;
      return unreachable;
    }
  }
}
