/** Scoping filters: which source objects are in scope. Semantics and decisions: docs/scoping-filters.md. */
export { compileScopingFilters } from "./compile.js";
export { type ScopingOperator, scopingOperators } from "./operators.js";
export { scopingFilterSchema } from "./schema.js";
export type { CompiledScoping, ScopingClause, ScopingFilter, ScopingResult } from "./types.js";
