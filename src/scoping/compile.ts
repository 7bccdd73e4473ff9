import type { ExprValue } from "../expressions/index.js";
import { compileClause } from "./clause.js";
import type { CompiledScoping, ScopingClause, ScopingFilter, ScopingResult } from "./types.js";

const MAX_SHOWN = 80;

/** How a value reads in the trace: JSON, shortened; "absent" when the object has no such attribute. */
function show(value: ExprValue | undefined): string {
  if (value === undefined) return "absent";
  const json = JSON.stringify(value);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
}

const describeClause = (c: ScopingClause): string =>
  `${c.attribute} ${c.operator}${c.value === undefined ? "" : ` ${JSON.stringify(c.value)}`}`;

/**
 * Compiles scoping filters once (regexes included) for evaluation against many objects. Clauses are
 * AND-ed within a filter, filters OR-ed; no filters means everything is in scope. Every clause is
 * evaluated so the trace is complete. Throws an Error naming the filter and clause that cannot compile.
 */
export function compileScopingFilters(filters: readonly ScopingFilter[]): CompiledScoping {
  const compiled = filters.map((filter, f) =>
    filter.clauses.map((clause, c) => {
      const key = `filter ${f + 1} clause ${c + 1}`;
      try {
        return { key, clause, label: describeClause(clause), test: compileClause(clause) };
      } catch (error) {
        throw new Error(`Scoping ${key} (${describeClause(clause)}): ${(error as Error).message}`);
      }
    }),
  );
  return {
    evaluate(attribute): ScopingResult {
      if (compiled.length === 0)
        return { inScope: true, details: { result: "passed: no scoping filters" }, failed: [] };
      const details: Record<string, string> = {};
      const passing: number[] = [];
      const firstFailures: string[] = [];
      compiled.forEach((clauses, f) => {
        let firstFailure: string | undefined;
        for (const { key, clause, label, test } of clauses) {
          const value = attribute(clause.attribute);
          const ok = test(value);
          if (!ok) firstFailure ??= `${key}: ${label} (value ${show(value)})`;
          details[key] = `${label}: ${ok} (value ${show(value)})`;
        }
        if (firstFailure === undefined) passing.push(f + 1);
        else firstFailures.push(firstFailure);
      });
      const inScope = passing.length > 0;
      details.result = inScope
        ? `passed: filter ${passing.join(", ")} matched`
        : `failed: none of ${compiled.length} filter(s) matched`;
      return { inScope, details, failed: inScope ? [] : firstFailures };
    },
  };
}
