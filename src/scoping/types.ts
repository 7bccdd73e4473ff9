import type { ExprValue } from "../expressions/index.js";
import type { ScopingOperator } from "./operators.js";

/** One condition: `attribute operator value` (no value for IS TRUE / IS FALSE / IS NULL / IS NOT NULL). */
export interface ScopingClause {
  attribute: string;
  operator: ScopingOperator;
  value?: string;
}

/** A scoping filter: all its clauses must hold (AND). Several filters are OR-ed. */
export interface ScopingFilter {
  clauses: ScopingClause[];
}

export interface ScopingResult {
  inScope: boolean;
  /** human-readable per-clause trace, for the provisioning log's scoping step */
  details: Record<string, string>;
  /**
   * Out of scope: the first clause each filter failed on, with the value it saw (`department EQUALS "Sales"
   * (value "R&D")`), so a person is told which clause to look at. Empty when in scope.
   */
  failed: readonly string[];
}

export interface CompiledScoping {
  evaluate(attribute: (name: string) => ExprValue | undefined): ScopingResult;
}
