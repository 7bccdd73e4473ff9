import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { type AppTemplate, loadAppTemplates } from "./app-template.js";
import { compileJob } from "./compile-job.js";
import {
  type Diagnostic,
  formatPath,
  type KeyedProblem,
  lineStartsOf,
  locate,
  locateKey,
  positionOf,
} from "./diagnostics.js";
import type { JobDefinition } from "./job-definition.js";
import { placeholderProblems } from "./placeholders.js";
import { type Config, configSchema } from "./schema.js";
import { schemaProblems } from "./schema-issues.js";
import { unresolvedSecretProblems } from "./secret-check.js";
import { withStateDir } from "./state-dir.js";

/** A config that passed validation: frozen, with its jobs compiled. */
export interface LoadedConfig {
  readonly config: Config;
  readonly jobs: readonly JobDefinition[];
  /** Directory of the config file: relative paths (state, CA and secret files) resolve against it. */
  readonly baseDir: string;
  readonly path: string;
}

export type LoadResult =
  | { readonly ok: true; readonly loaded: LoadedConfig }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Thrown by {@link loadConfigOrThrow}; carries every diagnostic. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`Invalid configuration (${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"})`);
  }
}

/**
 * `entra-sync validate`'s extra question: is the file ready to run, not only well-formed? Unfilled
 * placeholders are always checked; secret references only when `secretsFrom` is given (`--no-secrets`
 * leaves it out, for CI that holds no secrets).
 */
export interface ReadinessChecks {
  /** The environment `env:` references resolve in; absent: secrets are not checked. */
  readonly secretsFrom?: NodeJS.ProcessEnv;
}

/**
 * Parses and validates a YAML config text. Reports every problem at once (YAML syntax, schema and unknown
 * keys, templates, expressions, Graph source attributes, duplicate job names and, with `readiness`, unfilled
 * placeholders and unresolvable secrets), each with its YAML path and position, in file order. A file
 * that names no `state.path` gets `$ENTRA_SYNC_STATE_DIR/state.db` when `env` sets that variable
 * (state-dir.ts).
 */
export function parseConfig(
  text: string,
  path: string,
  templates: ReadonlyMap<string, AppTemplate> = loadAppTemplates(),
  env: NodeJS.ProcessEnv = process.env,
  readiness?: ReadinessChecks,
): LoadResult {
  const doc = parseDocument(text, { prettyErrors: false });
  const lineStarts = lineStartsOf(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => ({
        path: "(yaml)",
        message: e.message.split("\n")[0] ?? e.message,
        ...positionOf(lineStarts, e.pos[0]),
      })),
    };
  }
  // Template paths (`template rfpio.users…`) are not in this document: they keep no position.
  const withPosition = (d: Diagnostic): Diagnostic =>
    d.keys && !String(d.keys[0]).startsWith("template ") ? { ...d, ...locate(doc, lineStarts, d.keys) } : d;
  const keyed = (p: KeyedProblem): Diagnostic => withPosition({ path: formatPath(p.keys), ...p });
  const parsed = configSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const diagnostics = schemaProblems(parsed.error.issues, configSchema).map((p) =>
      p.unknownKey
        ? {
            path: formatPath(p.keys),
            keys: p.keys,
            message: p.message,
            ...locateKey(doc, lineStarts, p.keys.slice(0, -1), String(p.keys.at(-1))),
          }
        : keyed(p),
    );
    return { ok: false, diagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  parsed.data.jobs.forEach((job, i) => {
    const first = seen.get(job.name);
    if (first !== undefined) {
      diagnostics.push({
        path: `jobs[${i}].name`,
        keys: ["jobs", i, "name"],
        message: `Duplicate job name "${job.name}" (also jobs[${first}])`,
      });
    }
    seen.set(job.name, i);
  });
  const jobs = parsed.data.jobs.map((job, i) => compileJob(job, i, templates, diagnostics));
  const baseDir = dirname(resolve(path));
  if (readiness) {
    const problems = placeholderProblems(parsed.data, templates);
    if (readiness.secretsFrom)
      problems.push(...unresolvedSecretProblems(parsed.data, readiness.secretsFrom, baseDir));
    diagnostics.push(...problems.map((p) => ({ path: formatPath(p.keys), ...p })));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics: inLineOrder(diagnostics.map(withPosition)) };
  const config = deepFreeze(withStateDir(parsed.data, doc.hasIn(["state", "path"]), env));
  return { ok: true, loaded: { config, jobs: jobs as JobDefinition[], baseDir, path: resolve(path) } };
}

/** Reads, validates and compiles a config file; throws {@link ConfigError} with every diagnostic. */
/** The config file's text; a missing or unreadable file is a `ConfigError`, told in one line. */
export function readConfigFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError([
      {
        path: "(file)",
        message: `Expected a readable config file at ${path}, got ${(error as NodeJS.ErrnoException).code}`,
      },
    ]);
  }
}

export function loadConfigOrThrow(path: string): LoadedConfig {
  const result = parseConfig(readConfigFile(path), path);
  if (!result.ok) throw new ConfigError(result.diagnostics);
  return result.loaded;
}

/** Problems in the order of the file, as people read it; those without a position (templates) last. */
function inLineOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const lineOf = (d: Diagnostic) => d.line ?? Number.POSITIVE_INFINITY;
  return [...diagnostics].sort((a, b) => lineOf(a) - lineOf(b) || (a.column ?? 0) - (b.column ?? 0));
}

/** Config is frozen after validation so no stage can change settings under another's feet. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
