import type { KeyedProblem } from "./diagnostics.js";
import type { Config } from "./schema.js";
import { describeSecretRef, resolveSecret, type SecretRef, SecretResolutionError } from "./secret-ref.js";

function isSecretRef(value: unknown): value is SecretRef {
  if (value === null || typeof value !== "object") return false;
  const ref = value as Record<string, unknown>;
  return (
    Object.keys(ref).length === 2 &&
    ((ref.kind === "env" && typeof ref.name === "string") ||
      (ref.kind === "file" && typeof ref.path === "string"))
  );
}

/** Every secret reference in the config with its YAML path, wherever the schema puts one. */
function secretRefsIn(value: unknown, keys: readonly PropertyKey[], out: [PropertyKey[], SecretRef][]) {
  if (isSecretRef(value)) out.push([[...keys], value]);
  else if (value !== null && typeof value === "object")
    for (const [key, child] of Object.entries(value))
      secretRefsIn(child, [...keys, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

/**
 * The secret references that would not resolve at run time (unset or empty variable, missing, unreadable or
 * empty file), each named by its reference; the values read are never kept or shown.
 */
export function unresolvedSecretProblems(
  config: Config,
  env: NodeJS.ProcessEnv,
  baseDir: string,
): KeyedProblem[] {
  const problems: KeyedProblem[] = [];
  for (const [keys, ref] of secretRefsIn(config, [], [])) {
    try {
      resolveSecret(ref, env, baseDir);
    } catch (error) {
      if (!(error instanceof SecretResolutionError)) throw error;
      problems.push({ keys, message: `${describeSecretRef(ref)} cannot be resolved: ${error.message}` });
    }
  }
  return problems;
}
