import type { z } from "zod";
import { unknownKeyProblems } from "./unknown-keys.js";

/** One schema problem as people should read it; `unknownKey` problems are located at the key itself. */
export interface SchemaProblem {
  readonly keys: readonly PropertyKey[];
  readonly message: string;
  readonly unknownKey?: boolean;
}

/** The zod 4 issue fields read here (the union's per-branch issues, the unknown keys). */
type Issue = z.core.$ZodIssue;

/**
 * zod's issues turned into problems: one per unknown key (with a did-you-mean), and a union that matched no
 * branch and has no message of its own ("Invalid input") explained by the branch that came closest.
 */
export function schemaProblems(issues: readonly Issue[], schema: z.ZodType): SchemaProblem[] {
  return issues.flatMap((issue) => problemsOf(issue, schema));
}

function problemsOf(issue: Issue, schema: z.ZodType): SchemaProblem[] {
  if (issue.code === "unrecognized_keys") {
    return unknownKeyProblems(schema, issue.path, issue.keys).map(({ key, message }) => ({
      keys: [...issue.path, key],
      message,
      unknownKey: true,
    }));
  }
  if (issue.code === "invalid_union" && issue.message === "Invalid input" && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest.length > 0) {
      return closest.flatMap((inner) =>
        problemsOf({ ...inner, path: [...issue.path, ...inner.path] } as Issue, schema),
      );
    }
  }
  return [{ keys: issue.path, message: issue.message }];
}
