import { z } from "zod";
import { configSchema } from "./schema.js";

/** The slice of JSON Schema this renderer reads. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

interface Row {
  readonly key: string;
  readonly type: string;
  readonly defaultValue: string;
  readonly required: boolean;
  readonly description: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (schema.anyOf ?? schema.oneOf) return (schema.anyOf ?? schema.oneOf ?? []).map(typeOf).join(" \\| ");
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
  return Array.isArray(schema.type) ? schema.type.join(" \\| ") : (schema.type ?? "any");
}

function walk(
  schema: JsonSchema,
  key: string,
  required: boolean,
  defs: Record<string, JsonSchema>,
  rows: Row[],
): void {
  const resolved = schema.$ref ? { ...defs[schema.$ref.replace("#/$defs/", "")], ...schema } : schema;
  if (key !== "") {
    rows.push({
      key,
      type: typeOf(resolved),
      defaultValue: resolved.default === undefined ? "" : `\`${JSON.stringify(resolved.default)}\``,
      required,
      description: (resolved.description ?? "").replace(/\|/g, "\\|"),
    });
  }
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (variants) {
    for (const v of variants) {
      if (v.properties)
        for (const [name, child] of Object.entries(v.properties))
          walk(child, `${key}.${name}`, false, defs, rows);
    }
  }
  if (resolved.properties) {
    for (const [name, child] of Object.entries(resolved.properties)) {
      walk(
        child,
        key === "" ? name : `${key}.${name}`,
        resolved.required?.includes(name) ?? false,
        defs,
        rows,
      );
    }
  }
  if (resolved.type === "array" && resolved.items && (resolved.items.properties || resolved.items.$ref)) {
    const items = resolved.items.$ref ? defs[resolved.items.$ref.replace("#/$defs/", "")] : resolved.items;
    for (const [name, child] of Object.entries(items?.properties ?? {})) {
      walk(child, `${key}[].${name}`, items?.required?.includes(name) ?? false, defs, rows);
    }
  }
}

/**
 * docs/configuration.md, generated from the config schema (the single source of truth): every key with its
 * type, default, whether it is required and what it means.
 */
export function renderConfigurationDocs(): string {
  const json = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows: Row[] = [];
  walk(json, "", true, json.$defs ?? {}, rows);
  const lines = [
    "# Configuration reference",
    "",
    "Generated from the config schema (`src/config/schema.ts`) by `npm run docs:config`; a test fails when this",
    "file and the schema disagree. Secrets are references: `env:NAME` or `file:PATH`, never literal values.",
    "Unknown keys are errors. Mapping entries and scoping clauses are described in docs/app-templates.md,",
    "docs/expressions.md and docs/scoping-filters.md.",
    "",
    "| key | type | default | required | meaning |",
    "|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.key}\` | ${r.type} | ${r.defaultValue} | ${r.required ? "yes" : ""} | ${r.description} |`,
    ),
    "",
  ];
  return lines.join("\n");
}
