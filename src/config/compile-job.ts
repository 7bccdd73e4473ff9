import type { ObjectType } from "../domain/ids.js";
import { type CompiledMapping, compileMapping } from "../mapping/compiled-mapping.js";
import {
  ALWAYS_SELECTED_GROUP_ATTRIBUTES,
  ALWAYS_SELECTED_USER_ATTRIBUTES,
  graphPropertiesFor,
} from "../mapping/source-attributes.js";
import { compileScopingFilters } from "../scoping/index.js";
import type { AppTemplate, ObjectTypeTemplate } from "./app-template.js";
import { type Diagnostic, formatPath } from "./diagnostics.js";
import { fingerprintOf, type JobDefinition, type ObjectTypeDefinition } from "./job-definition.js";
import type { MappingConfig } from "./mapping-schema.js";
import type { JobConfig, ObjectTypeSettings } from "./schema.js";
import { unknownSourceAttributeProblem } from "./source-attribute-check.js";

type Path = readonly PropertyKey[];
type Report = (path: Path, message: string) => void;

/** Where a merged mapping came from, so problems point at the line the admin wrote. */
interface SourcedMapping {
  readonly mapping: MappingConfig;
  readonly path: Path;
}

/** Template mappings with the job's overrides applied (same target replaces, `remove: true` drops). */
function mergeMappings(
  template: ObjectTypeTemplate,
  settings: ObjectTypeSettings,
  templatePath: Path,
  jobPath: Path,
  report: Report,
): SourcedMapping[] {
  const merged = new Map<string, SourcedMapping>();
  template.mappings.forEach((mapping, i) => {
    merged.set(mapping.target, { mapping, path: [...templatePath, "mappings", i] });
  });
  settings.mappings.forEach((override, i) => {
    const path = [...jobPath, "mappings", i];
    if ("remove" in override) {
      if (!merged.delete(override.target))
        report(path, `Expected a template mapping for "${override.target}" to remove`);
    } else {
      merged.set(override.target, { mapping: override, path });
    }
  });
  return [...merged.values()];
}

function compileObjectType(
  type: ObjectType,
  template: ObjectTypeTemplate,
  settings: ObjectTypeSettings,
  templateName: string,
  jobPath: Path,
  report: Report,
): ObjectTypeDefinition | null {
  const attributes = new Map(template.attributes.map((a) => [a.name, a]));
  const compiled: CompiledMapping[] = [];
  const templatePath = [`template ${templateName}`, type === "user" ? "users" : "groups"];
  for (const { mapping, path } of mergeMappings(template, settings, templatePath, jobPath, report)) {
    const attribute = attributes.get(mapping.target);
    if (!attribute) {
      const known = [...attributes.keys()].join(", ");
      report(
        [...path, "target"],
        `Expected a target attribute of the app (${known}), got "${mapping.target}"`,
      );
      continue;
    }
    if (mapping.matching !== undefined && !attribute.filterable) {
      report(
        [...path, "matching"],
        `Expected a matching attribute the app supports filtering on, got "${mapping.target}" (not filterable)`,
      );
    }
    try {
      const compiledMapping = compileMapping(type, mapping, attribute);
      compiled.push(compiledMapping);
      const where = [...path, mapping.source !== undefined ? "source" : "expression"];
      for (const name of compiledMapping.valueSource.references) {
        const problem = unknownSourceAttributeProblem(type, name);
        if (problem) report(where, problem);
      }
    } catch (error) {
      const position = error as { line?: number; column?: number };
      const where = position.column !== undefined ? ` (expression column ${position.column})` : "";
      report([...path, "expression"], `${(error as Error).message}${where}`);
    }
  }
  const matching = compiled
    .filter((m) => m.matchingPrecedence !== undefined)
    .sort((a, b) => (a.matchingPrecedence ?? 0) - (b.matchingPrecedence ?? 0));
  if (matching.length === 0)
    report([...jobPath, "mappings"], `Expected at least one matching attribute for ${type}s`);
  settings.scopingFilters.forEach((filter, i) => {
    filter.clauses.forEach((clause, j) => {
      const problem = unknownSourceAttributeProblem(type, clause.attribute);
      if (problem) report([...jobPath, "scopingFilters", i, "clauses", j, "attribute"], problem);
    });
  });
  let scoping: ObjectTypeDefinition["scoping"];
  try {
    scoping = compileScopingFilters(settings.scopingFilters);
  } catch (error) {
    report([...jobPath, "scopingFilters"], (error as Error).message);
    return null;
  }
  const referenced = new Set<string>();
  for (const m of compiled) for (const r of m.valueSource.references) referenced.add(r);
  for (const filter of settings.scopingFilters)
    for (const clause of filter.clauses) referenced.add(clause.attribute);
  const always = type === "user" ? ALWAYS_SELECTED_USER_ATTRIBUTES : ALWAYS_SELECTED_GROUP_ATTRIBUTES;
  return {
    type,
    attributes: template.attributes,
    mappings: compiled,
    matching,
    scoping,
    hasScopingFilters: settings.scopingFilters.length > 0,
    actions: settings.actions,
    sourceAttributes: graphPropertiesFor(referenced, always),
    targetPaths: compiled.map((m) => m.target),
    redactedPaths: new Set(compiled.filter((m) => m.redacted).map((m) => m.target)),
  };
}

/**
 * Builds a {@link JobDefinition} from a job's config and the templates, reporting every problem (unknown
 * template, unknown target attribute, non-filterable matching attribute, bad expression, groups on an app
 * without group provisioning) instead of stopping at the first.
 */
export function compileJob(
  job: JobConfig,
  jobIndex: number,
  templates: ReadonlyMap<string, AppTemplate>,
  diagnostics: Diagnostic[],
): JobDefinition | null {
  const base = ["jobs", jobIndex] as const;
  const before = diagnostics.length;
  const report: Report = (keys, message) => diagnostics.push({ path: formatPath(keys), keys, message });
  const template = templates.get(job.app);
  if (!template) {
    report(
      [...base, "app"],
      `Expected one of the app templates (${[...templates.keys()].join(", ")}), got "${job.app}"`,
    );
    return null;
  }
  const users = compileObjectType(
    "user",
    template.users,
    job.users,
    template.name,
    [...base, "users"],
    report,
  );
  if (job.users.enabled !== undefined) {
    // Entra lets admins turn group provisioning off, never user provisioning.
    report(
      [...base, "users", "enabled"],
      `Expected no users.enabled: user provisioning cannot be turned off, got ${job.users.enabled}`,
    );
  }
  let groups: ObjectTypeDefinition | null = null;
  if (template.groups && job.groups.enabled !== false) {
    groups = compileObjectType(
      "group",
      template.groups,
      job.groups,
      template.name,
      [...base, "groups"],
      report,
    );
  } else if (!template.groups && job.groups.enabled === true) {
    report(
      [...base, "groups", "enabled"],
      `Expected groups.enabled to be false or absent, got true: ${template.displayName} does not support group provisioning`,
    );
  } else if (!template.groups && (job.groups.mappings.length > 0 || job.groups.scopingFilters.length > 0)) {
    report(
      [...base, "groups"],
      `Expected no group settings: ${template.displayName} does not support group provisioning`,
    );
  }
  if (!users || diagnostics.length > before) return null;
  return { name: job.name, config: job, template, users, groups, fingerprint: fingerprintOf(job, template) };
}
