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

/** What `entra-sync validate` checks beyond the table, kept here so the generated page says it. */
const VALIDATE_SECTION = [
  "## What `entra-sync validate` checks",
  "",
  "Every problem is reported at once, in file order, each with its YAML path, line and column; exit 0 when the",
  "file is valid, 1 otherwise. Besides the table above (types, ranges, required keys):",
  "",
  '- **Unknown keys**, one problem per key on the key\'s own line, with `did you mean "x"?` for a near miss (edit',
  "  distance, case-insensitive) or the list of keys the object accepts.",
  "- **Schedules**: `interval` and `cron` together are refused (set one); a malformed interval (`40m`) gets one",
  "  message asking for an ISO-8601 duration such as `PT40M`.",
  "- **Graph source attributes**: every attribute a mapping (direct or in an expression) or a scoping clause reads",
  "  must be a Microsoft Graph v1.0 `user` / `group` property (`src/config/graph-properties.ts`), one of Entra's",
  "  AD-style aliases the engine translates for users (`telephoneNumber`, `mobile`, `facsimileTelephoneNumber`,",
  "  `physicalDeliveryOfficeName`, `extensionAttribute1`…`15`), a computed attribute (`objectId`, `IsSoftDeleted`,",
  "  users' `manager`, `appRoleAssignments`, `originalUserPrincipalName`, groups' `members`) or a directory",
  "  extension `extension_<appId>_<name>`. Names are case-sensitive, as the engine reads them; a misspelling gets",
  "  the nearest name. Otherwise the first cycle's `$select` would be a Graph 400 that quarantines the job.",
  "- **Unfilled placeholders** from `entra-sync init`: all-zero `tenantId`, `clientId` and `servicePrincipalId`",
  "  (each message says which id it is and where the Entra admin center shows it) and `example.com`/`.net`/`.org`",
  "  URLs in `target.url` and notification webhooks. These are errors: a cycle would fail on each.",
  "- **Secret references** that would not resolve here: `env:NAME` unset or empty, `file:PATH` missing,",
  "  unreadable or empty (relative to the config file). The problem names the reference, never a value. These",
  "  are errors too (a config whose secret is missing is not ready to run); `validate --no-secrets` skips this one",
  "  check, for CI that validates the file without holding the secrets, and says so in its output.",
  "",
  "`sync`, `plan`, `daemon` and the other commands load the file with the same schema and attribute checks; the",
  "placeholder and secret checks are `validate`'s (the commands resolve secrets when they start and fail then).",
  "",
];

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
    ...VALIDATE_SECTION,
  ];
  return lines.join("\n");
}
