/**
 * Scoping-filter operators, spelled as in the Entra portal and Graph `filterOperators`. Less_Than and
 * Less_Than_OR_EQUALS are our additions (Entra has no Less_Than); see docs/scoping-filters.md.
 */
export const scopingOperators = [
  "EQUALS",
  "NOT EQUALS",
  "IS TRUE",
  "IS FALSE",
  "IS NULL",
  "IS NOT NULL",
  "REGEX MATCH",
  "NOT REGEX MATCH",
  "Greater_Than",
  "Greater_Than_OR_EQUALS",
  "Less_Than",
  "Less_Than_OR_EQUALS",
  "Includes",
  "ENDS_WITH",
  "&",
  "!&",
] as const;
export type ScopingOperator = (typeof scopingOperators)[number];

/** Operators that take no value. */
export const unaryOperators: ReadonlySet<ScopingOperator> = new Set([
  "IS TRUE",
  "IS FALSE",
  "IS NULL",
  "IS NOT NULL",
]);
