import { z } from "zod";
import { quarantineConfigSchema } from "../reliability/quarantine-thresholds.js";
import { scopingFilterSchema } from "../scoping/index.js";
import { mappingOverrideSchema } from "./mapping-schema.js";
import { secretRefSchema } from "./secret-ref.js";

/**
 * The configuration file, as one zod schema: the single source of truth for config types, validation
 * (`entra-sync validate`), defaults and the generated docs/configuration.md. Every object is strict, so a
 * misspelt key is an error rather than a silently ignored setting.
 */

const isoDuration = z
  .string()
  .regex(/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/, "Expected an ISO-8601 duration such as PT40M");

const graphSourceSchema = z
  .strictObject({
    /** Directory (tenant) id of the Entra tenant. */
    tenantId: z.string().min(1),
    /** Application (client) id of the app registration the engine signs in as. */
    clientId: z.string().min(1),
    /** Reference to the app registration's client secret (`env:NAME` or `file:PATH`). */
    clientSecret: secretRefSchema,
    /** Object id of the enterprise app (service principal) whose assignments define scope. */
    servicePrincipalId: z.string().min(1),
    /** Token authority, for national clouds or the emulator. Default https://login.microsoftonline.com. */
    authorityHost: z.url({ protocol: /^https$/ }).optional(),
    /** Graph endpoint, for national clouds or the emulator. Default https://graph.microsoft.com. */
    baseUrl: z.url({ protocol: /^https$/ }).optional(),
    /** PEM file of an extra CA to trust for Graph and the authority (e.g. the emulator's). Verification stays on. */
    caFile: z.string().min(1).optional(),
  })
  .describe(
    "Where users and groups come from: Microsoft Graph with an app registration (client credentials).",
  );

const targetSchema = z.strictObject({
  /** The app's SCIM base URL (Entra's "Tenant URL"); append `?aadOptscim062020` for the RFC-compliant PATCH dialect. */
  url: z.url({ protocol: /^https?$/ }),
  /** Reference to the bearer token (Entra's "Secret Token"). */
  token: secretRefSchema,
  /** PEM file of an extra CA to trust for this app. Verification stays on. */
  caFile: z.string().min(1).optional(),
  /** Per-request timeout in seconds. */
  timeoutSeconds: z.number().positive().max(600).default(30),
  /** Requests in flight at once against this app. */
  concurrency: z.number().int().min(1).max(256).default(8),
});

const objectActionsSchema = z.strictObject({
  create: z.boolean().default(true),
  update: z.boolean().default(true),
  delete: z.boolean().default(true),
});

const objectTypeSettingsSchema = z.strictObject({
  /**
   * Provision this object type at all. Absent means the template's default (groups on when the app supports
   * them), so that an explicit `true` on an app without group provisioning can be refused.
   */
  enabled: z.boolean().optional(),
  /** Entra's "Target object actions". */
  actions: objectActionsSchema.prefault({}),
  /** Scoping filters: clauses in a filter are AND-ed, filters are OR-ed. */
  scopingFilters: z.array(scopingFilterSchema).default([]),
  /** Changes to the template's mappings, by target attribute. */
  mappings: z.array(mappingOverrideSchema).default([]),
});

const scheduleSchema = z.union([
  z.strictObject({ interval: isoDuration }),
  z.strictObject({ cron: z.string().min(1) }),
]);

/** Where Entra-style quarantine notifications go (Entra mails its "Notification Email"). */
const notificationsSchema = z.strictObject({
  /** JSON POSTs of each notice. */
  webhooks: z
    .array(
      z.strictObject({
        url: z.url({ protocol: /^https?$/ }),
        /** Reference to an Authorization header value sent with the POST. */
        authorization: secretRefSchema.optional(),
      }),
    )
    .default([]),
  /** Mail over SMTP. */
  email: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(587),
      tls: z.enum(["implicit", "starttls", "none"]).default("starttls"),
      username: z.string().min(1).optional(),
      /** Reference to the SMTP password. */
      password: secretRefSchema.optional(),
      /** PEM file of an extra CA to trust for the mail server. */
      caFile: z.string().min(1).optional(),
      from: z.string().min(3),
      to: z.array(z.string().min(3)).min(1),
    })
    .optional(),
});

const jobSchema = z.strictObject({
  /** Unique job name (used in the CLI, state and logs). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Expected letters, digits, '.', '_' or '-'"),
  /** App template from config/apps (see `entra-sync apps`). */
  app: z.string().min(1),
  target: targetSchema,
  /** Entra's scope: only assigned users and groups, or every user and group in the tenant. */
  scope: z.enum(["assigned", "all"]).default("assigned"),
  /** Cycle schedule: an ISO-8601 interval (Entra runs about every 40 minutes) or a cron expression. */
  schedule: scheduleSchema.default({ interval: "PT40M" }),
  users: objectTypeSettingsSchema.prefault({}),
  groups: objectTypeSettingsSchema.prefault({}),
  /** Entra's SkipOutOfScopeDeletions: leave users that leave scope alone instead of disabling them. */
  skipOutOfScopeDeletions: z.boolean().default(false),
  /** Accidental-deletion guard: most disables + deletes allowed in one cycle. */
  deletionThreshold: z.number().int().min(0).default(500),
  /** Most group members added or removed in one PATCH. */
  maxMembersPerRequest: z.number().int().min(1).max(10_000).default(100),
  /** Entra's quarantine thresholds and back-off (docs/reliability.md). */
  quarantine: quarantineConfigSchema.prefault({}),
  /** Who hears about quarantine (once per series, and when the reason changes). */
  notifications: notificationsSchema.prefault({}),
});

export const configSchema = z.strictObject({
  source: z.strictObject({ graph: graphSourceSchema }),
  jobs: z.array(jobSchema).min(1),
  state: z
    .strictObject({
      /** SQLite file holding links, watermarks, escrows and provisioning logs (relative to the config file). */
      path: z.string().min(1).default(".entra-sync/state.db"),
    })
    .prefault({}),
  logging: z
    .strictObject({
      level: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    })
    .prefault({}),
});

export type Config = z.output<typeof configSchema>;
export type JobConfig = Config["jobs"][number];
export type GraphSourceConfig = Config["source"]["graph"];
export type TargetConfig = JobConfig["target"];
export type ObjectTypeSettings = JobConfig["users"];
