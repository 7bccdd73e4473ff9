import cron from "node-cron";
import { z } from "zod";
import { parseTenantUrl } from "../connectors/target/scim/tenant-url.js";
import { quarantineConfigSchema } from "../reliability/quarantine-thresholds.js";
import { parseIsoDuration } from "../scheduler/iso-duration.js";
import { scopingFilterSchema } from "../scoping/index.js";
import { didYouMean } from "./did-you-mean.js";
import { mappingOverrideSchema } from "./mapping-schema.js";
import { secretRefSchema } from "./secret-ref.js";

/**
 * The configuration file, as one zod schema: the single source of truth for config types, validation
 * (`entra-sync validate`), defaults and the generated docs/configuration.md. Every object is strict, so a
 * misspelt key is an error rather than a silently ignored setting.
 */

/**
 * The daemon's own parsers, so `validate` refuses exactly what the daemon would fail on at start-up. One
 * message per bad value: a malformed duration is not also called "a zero one".
 */
const isoDuration = z.string().superRefine((text, ctx) => {
  const problem = isoDurationProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

function isoDurationProblem(text: string): string | null {
  if (!/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/.test(text))
    return `Expected an ISO-8601 duration such as PT40M, got "${text}"`;
  try {
    parseIsoDuration(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A tenant URL as the SCIM client reads it (flags, no credentials): the client's own message on failure. */
function tenantUrlProblem(url: string): string | null {
  try {
    parseTenantUrl(url);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const graphSourceSchema = z
  .strictObject({
    tenantId: z.string().min(1).describe("Directory (tenant) id of the Entra tenant."),
    clientId: z
      .string()
      .min(1)
      .describe("Application (client) id of the app registration the engine signs in as."),
    clientSecret: secretRefSchema.describe(
      "Reference to the app registration's client secret (`env:NAME` or `file:PATH`).",
    ),
    servicePrincipalId: z
      .string()
      .min(1)
      .describe("Object id of the enterprise app (service principal) whose assignments define scope."),
    authorityHost: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe(
        "Token authority, for national clouds or the emulator. Default https://login.microsoftonline.com.",
      ),
    baseUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe("Graph endpoint, for national clouds or the emulator. Default https://graph.microsoft.com."),
    caFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "PEM file of an extra CA to trust for Graph and the authority (e.g. the emulator's). Verification stays on.",
      ),
  })
  .describe(
    "Where users and groups come from: Microsoft Graph with an app registration (client credentials).",
  );

const targetSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .superRefine((url, ctx) => {
      const problem = tenantUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(
      "The app's SCIM base URL (Entra's \"Tenant URL\"); append `?aadOptscim062020` for the RFC-compliant PATCH dialect.",
    ),
  token: secretRefSchema.describe('Reference to the bearer token (Entra\'s "Secret Token").'),
  caFile: z
    .string()
    .min(1)
    .optional()
    .describe("PEM file of an extra CA to trust for this app. Verification stays on."),
  timeoutSeconds: z.number().positive().max(600).default(30).describe("Per-request timeout in seconds."),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(8)
    .describe("Requests in flight at once against this app."),
});

const objectActionsSchema = z.strictObject({
  create: z.boolean().default(true).describe("Create objects the app does not have."),
  update: z.boolean().default(true).describe("Update (and disable) objects the app has."),
  delete: z.boolean().default(true).describe("Delete objects hard-deleted in Entra."),
});

const objectTypeSettingsSchema = z.strictObject({
  // Absent means the template's default, so an explicit `true` on an app without groups can be refused.
  enabled: z
    .boolean()
    .optional()
    .describe(
      "Groups only: provision groups (default: on when the app supports them). User provisioning cannot be turned off.",
    ),
  actions: objectActionsSchema.prefault({}).describe('Entra\'s "Target object actions".'),
  scopingFilters: z
    .array(scopingFilterSchema)
    .default([])
    .describe("Scoping filters: clauses in a filter are AND-ed, filters are OR-ed."),
  mappings: z
    .array(mappingOverrideSchema)
    .default([])
    .describe("Changes to the template's mappings, by target attribute."),
});

/** zod's own word for a schedule that matches neither form is "Invalid input": say which keys are wrong. */
function scheduleUnionMessage(input: unknown): string | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const has = (key: string) => key in input;
  if (has("interval") && has("cron")) return "Expected either interval or cron, not both: set one of them";
  if (!has("interval") && !has("cron")) {
    const [first, ...rest] = Object.keys(input);
    if (first === undefined) return "Expected interval or cron, got an empty schedule";
    const got = [first, ...rest].map((key) => `"${key}"`).join(", ");
    return `Expected interval or cron, got ${got}${didYouMean(first, ["interval", "cron"])}`;
  }
  return undefined;
}

const scheduleSchema = z.union(
  [
    z.strictObject({ interval: isoDuration.describe("ISO-8601 interval between cycles, e.g. PT40M.") }),
    z.strictObject({
      cron: z
        .string()
        .min(1)
        .refine(
          (expression) => cron.validate(expression),
          "Expected a valid cron expression, such as */40 * * * *",
        )
        .describe("Cron expression (node-cron, optional seconds field)."),
    }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? scheduleUnionMessage(issue.input) : undefined) },
);

/** Where Entra-style quarantine notifications go (Entra mails its "Notification Email"). */
const notificationsSchema = z.strictObject({
  webhooks: z
    .array(
      z.strictObject({
        url: z.url({ protocol: /^https?$/ }).describe("Where each notice is POSTed as JSON."),
        authorization: secretRefSchema
          .optional()
          .describe("Reference to an Authorization header value sent with the POST."),
      }),
    )
    .default([])
    .describe("JSON POSTs of each notice."),
  email: z
    .strictObject({
      host: z.string().min(1).describe("SMTP server host."),
      port: z.number().int().min(1).max(65535).default(587).describe("SMTP server port."),
      tls: z
        .enum(["implicit", "starttls", "none"])
        .default("starttls")
        .describe("TLS mode; credentials are never sent without TLS."),
      username: z.string().min(1).optional().describe("AUTH PLAIN user name."),
      password: secretRefSchema.optional().describe("Reference to the SMTP password."),
      caFile: z.string().min(1).optional().describe("PEM file of an extra CA to trust for the mail server."),
      from: z.string().min(3).describe("Sender address."),
      to: z.array(z.string().min(3)).min(1).describe("Recipients (Entra's Notification Email)."),
    })
    .optional()
    .describe("Mail over SMTP."),
});

const jobSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Expected letters, digits, '.', '_' or '-'")
    .describe("Unique job name (used in the CLI, state and logs)."),
  app: z.string().min(1).describe("App template from config/apps (see `entra-sync apps`)."),
  target: targetSchema.describe("The SCIM app: Entra's Tenant URL and Secret Token."),
  scope: z
    .enum(["assigned", "all"])
    .default("assigned")
    .describe("Entra's scope: only assigned users and groups, or every user and group in the tenant."),
  schedule: scheduleSchema
    .default({ interval: "PT40M" })
    .describe(
      "Cycle schedule: an ISO-8601 interval (Entra runs about every 40 minutes) or a cron expression.",
    ),
  users: objectTypeSettingsSchema.prefault({}).describe("User provisioning settings."),
  groups: objectTypeSettingsSchema
    .prefault({})
    .describe("Group provisioning settings (apps that support groups)."),
  skipOutOfScopeDeletions: z
    .boolean()
    .default(false)
    .describe(
      "Entra's SkipOutOfScopeDeletions: leave users that leave scope alone instead of disabling them.",
    ),
  deletionThreshold: z
    .number()
    .int()
    .min(0)
    .default(500)
    .describe("Accidental-deletion guard: most disables + deletes allowed in one cycle."),
  maxMembersPerRequest: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(100)
    .describe("Most group members added or removed in one PATCH."),
  quarantine: quarantineConfigSchema
    .prefault({})
    .describe("Entra's quarantine thresholds and back-off (docs/reliability.md)."),
  notifications: notificationsSchema
    .prefault({})
    .describe("Who hears about quarantine (once per series, and when the reason changes)."),
});

export const configSchema = z.strictObject({
  source: z.strictObject({ graph: graphSourceSchema }).describe("The Entra tenant."),
  jobs: z
    .array(jobSchema)
    .min(1)
    .describe("Provisioning jobs, one per app (Entra runs one job per enterprise app)."),
  state: z
    .strictObject({
      path: z
        .string()
        .min(1)
        .default(".entra-sync/state.db")
        .describe(
          "SQLite file holding links, watermarks, escrows and provisioning logs (relative to the config file). Left out: `$ENTRA_SYNC_STATE_DIR/state.db` when that environment variable is set (the container sets `/data`), else the default.",
        ),
      logRetentionDays: z
        .number()
        .int()
        .min(1)
        .max(3650)
        .default(30)
        .describe(
          "Days provisioning-log entries and finished cycle records are kept; older ones are deleted as each cycle ends (Entra keeps provisioning logs for 30 days).",
        ),
    })
    .prefault({})
    .describe("Where the engine keeps its state."),
  logging: z
    .strictObject({
      level: z
        .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
        .default("info")
        .describe(
          "Log level of the daemon when neither --log-level nor LOG_LEVEL is set (other commands: --log-level or LOG_LEVEL).",
        ),
    })
    .prefault({})
    .describe("Logging."),
});

export type Config = z.output<typeof configSchema>;
export type JobConfig = Config["jobs"][number];
export type GraphSourceConfig = Config["source"]["graph"];
export type TargetConfig = JobConfig["target"];
export type ObjectTypeSettings = JobConfig["users"];
