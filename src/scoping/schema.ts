import { z } from "zod";
import { compileClause } from "./clause.js";
import { scopingOperators } from "./operators.js";
import type { ScopingFilter } from "./types.js";

/**
 * One clause as written in config. A number is accepted for `value` (YAML `value: 1000000`) and kept as
 * its decimal text. Whether the clause can compile (value present or absent as the operator needs,
 * regex valid, integer bound) is checked by compiling it, so validation and evaluation cannot disagree.
 */
const clauseSchema = z
  .strictObject({
    attribute: z.string().min(1),
    operator: z.enum(scopingOperators),
    value: z
      .union([z.string(), z.number().int()])
      .transform((v) => String(v))
      .optional(),
  })
  .superRefine((clause, ctx) => {
    try {
      compileClause(clause);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message, path: ["value"] });
    }
  });

/** Zod schema for ONE scoping filter; a config holds `z.array(scopingFilterSchema)`. */
export const scopingFilterSchema: z.ZodType<ScopingFilter> = z.strictObject({
  clauses: z.array(clauseSchema).min(1),
});
