import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { attributeDefinitionSchema, mappingSchema } from "./mapping-schema.js";

const objectTypeTemplateSchema = z.strictObject({
  attributes: z.array(attributeDefinitionSchema).min(1),
  mappings: z.array(mappingSchema).min(1),
});

/**
 * A gallery app template: what an admin gets ready-made when picking the app in Entra's gallery. Jobs name
 * a template and override single mappings.
 */
export const appTemplateSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, "Expected a kebab-case template name"),
  displayName: z.string().min(1),
  description: z.string().default(""),
  /** Where the app documents its provisioning setup. */
  documentation: z.string().optional(),
  users: objectTypeTemplateSchema,
  /** Absent: the app has no group provisioning, and a job cannot enable it. */
  groups: objectTypeTemplateSchema.optional(),
  settings: z
    .strictObject({
      /** Users whose only assignment is the "Default Access" role are out of scope (e.g. RFPIO's tutorial). */
      excludeDefaultAccessRole: z.boolean().default(false),
    })
    .prefault({}),
});
export type AppTemplate = z.output<typeof appTemplateSchema>;
export type ObjectTypeTemplate = z.output<typeof objectTypeTemplateSchema>;

/** The templates shipped in `config/apps/`, next to `src/` and `dist/` alike. */
export const BUILT_IN_TEMPLATE_DIR = fileURLToPath(new URL("../../config/apps/", import.meta.url));

export class TemplateError extends Error {
  override readonly name = "TemplateError";
}

/** Loads and validates every `*.yaml` template in `dir`, keyed by name. */
export function loadAppTemplates(dir: string = BUILT_IN_TEMPLATE_DIR): ReadonlyMap<string, AppTemplate> {
  const templates = new Map<string, AppTemplate>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const path = join(dir, file);
    const parsed = appTemplateSchema.safeParse(parseYaml(readFileSync(path, "utf8")));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new TemplateError(`Invalid app template ${path}: ${first?.path.join(".")}: ${first?.message}`);
    }
    if (parsed.data.name !== basename(file, ".yaml")) {
      throw new TemplateError(
        `Expected template ${path} to be named "${basename(file, ".yaml")}", got "${parsed.data.name}"`,
      );
    }
    templates.set(parsed.data.name, parsed.data);
  }
  return templates;
}
