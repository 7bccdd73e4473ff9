import { createHash } from "node:crypto";
import type { ObjectType } from "../domain/ids.js";
import type { CompiledMapping } from "../mapping/compiled-mapping.js";
import type { CompiledScoping } from "../scoping/index.js";
import type { AppTemplate } from "./app-template.js";
import type { AttributeDefinition } from "./mapping-schema.js";
import type { JobConfig } from "./schema.js";

/** Everything the pipeline needs to provision one object type, compiled once at load. */
export interface ObjectTypeDefinition {
  readonly type: ObjectType;
  readonly attributes: readonly AttributeDefinition[];
  readonly mappings: readonly CompiledMapping[];
  /** Matching mappings in precedence order. */
  readonly matching: readonly CompiledMapping[];
  readonly scoping: CompiledScoping;
  readonly hasScopingFilters: boolean;
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
  /** Graph properties to `$select` (what mappings and scoping filters read). */
  readonly sourceAttributes: readonly string[];
  /** Target attribute paths the job maps, to flatten what the app returns. */
  readonly targetPaths: readonly string[];
  /** Target paths whose mapping calls Redact(): shown as `[Redact]` in logs and plans. */
  readonly redactedPaths: ReadonlySet<string>;
}

/** A validated, compiled job: its config, the template it builds on, and the merged per-type definitions. */
export interface JobDefinition {
  readonly name: string;
  readonly config: JobConfig;
  readonly template: AppTemplate;
  readonly users: ObjectTypeDefinition;
  /** Null when the app has no group provisioning or the job turned it off. */
  readonly groups: ObjectTypeDefinition | null;
  /**
   * Hash of everything that decides what the target should hold (template, mappings, scope, filters). When it
   * changes, the next cycle is an initial one, as Entra restarts after a mapping or scoping change.
   */
  readonly fingerprint: string;
}

export function fingerprintOf(config: JobConfig, template: AppTemplate): string {
  const relevant = {
    template,
    app: config.app,
    scope: config.scope,
    users: config.users,
    groups: config.groups,
    target: config.target.url,
  };
  return createHash("sha256").update(JSON.stringify(relevant)).digest("hex").slice(0, 16);
}

const NOTHING_REDACTED: ReadonlySet<string> = new Set();

/** The target paths of a type's Redact() mappings (none for groups when the job provisions none). */
export function redactedPathsOf(job: JobDefinition, type: ObjectType): ReadonlySet<string> {
  const definition = type === "user" ? job.users : job.groups;
  return definition?.redactedPaths ?? NOTHING_REDACTED;
}

/**
 * The attribute Entra's Test Connection queries with a random value: the users' first matching attribute
 * (default `userName`).
 */
export function probeAttributeOf(job: JobDefinition): string {
  return job.users.matching[0]?.target ?? "userName";
}
