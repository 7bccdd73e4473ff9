import { z } from "zod";

/**
 * The tenant file: everything the Graph emulator serves. One zod schema is the source of the TypeScript
 * types, of load-time validation and of `config/tenant.schema.json` (a test keeps the file in step).
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const guid = z.string().regex(GUID, "Expected a GUID like 00000000-0000-0000-0000-000000000000");

/** Directory extension attribute names: `extension_<appId without dashes>_<name>`. */
export const EXTENSION_PATTERN = /^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/;

const extensionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type ExtensionValue = z.infer<typeof extensionValue>;

const text = z.string().min(1);

const appRoleSchema = z.object({
  id: guid,
  value: z.string().nullable(),
  displayName: text,
  isEnabled: z.boolean().default(true),
  description: z.string().optional(),
});

const applicationSchema = z.object({
  displayName: text,
  clientId: guid,
  /** Held by the emulator because it plays the server side; the engine only ever holds a secret reference. */
  clientSecret: z.string().min(8, "Expected a client secret of at least 8 characters"),
  servicePrincipalId: guid,
  appRoles: z.array(appRoleSchema).default([]),
});

const userShape = {
  id: guid,
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "Expected a userPrincipalName like alias@domain"),
  displayName: text,
  givenName: z.string().optional(),
  surname: z.string().optional(),
  mail: z.string().optional(),
  mailNickname: z.string().optional(),
  accountEnabled: z.boolean().default(true),
  userType: z.enum(["Member", "Guest"]).default("Member"),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  employeeId: z.string().optional(),
  employeeType: z.string().optional(),
  companyName: z.string().optional(),
  officeLocation: z.string().optional(),
  streetAddress: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  usageLocation: z.string().optional(),
  /** Served by Graph as `businessPhones: [telephoneNumber]`. */
  telephoneNumber: z.string().optional(),
  /** Served by Graph as `mobilePhone`. */
  mobile: z.string().optional(),
  preferredLanguage: z.string().optional(),
  /** Graph's complex `onPremisesExtensionAttributes`: Entra's `extensionAttribute1`…`15`. */
  onPremisesExtensionAttributes: z
    .strictObject(
      Object.fromEntries(
        Array.from({ length: 15 }, (_, i) => [
          `extensionAttribute${i + 1}`,
          z.string().nullable().optional(),
        ]),
      ),
    )
    .optional(),
  managerId: guid.optional(),
  /** Soft-deleted: in the recycle bin (`/directory/deletedItems`), absent from `/users`. */
  deleted: z.boolean().default(false),
};

const userSchema = z
  .object(userShape)
  .catchall(extensionValue)
  .superRefine((user, ctx) => {
    for (const key of Object.keys(user)) {
      if (!Object.hasOwn(userShape, key) && !EXTENSION_PATTERN.test(key)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `Expected a known user property or extension_<appIdWithoutDashes>_<name>, got "${key}"`,
        });
      }
    }
  });

const groupSchema = z.object({
  id: guid,
  displayName: text,
  description: z.string().optional(),
  mailNickname: text,
  mail: z.string().optional(),
  mailEnabled: z.boolean().default(false),
  securityEnabled: z.boolean().default(true),
  groupTypes: z.array(z.string()).default([]),
  /** Direct members: user or group ids. */
  members: z.array(guid).default([]),
});

const assignmentSchema = z.object({
  /** Optional; generated when absent. */
  id: z.string().min(1).optional(),
  principalId: guid,
  /** An app role id of the application, or 00000000-0000-0000-0000-000000000000 for Default Access. */
  appRoleId: guid,
});

export const tenantSchema = z.object({
  $schema: z.string().optional(),
  tenantId: guid,
  application: applicationSchema,
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  appRoleAssignments: z.array(assignmentSchema).default([]),
});

/** A validated tenant (defaults applied). */
export type TenantData = z.output<typeof tenantSchema>;
/** A tenant as written in a file or by {@link generateTenant} callers (defaults may be omitted). */
export type TenantInput = z.input<typeof tenantSchema>;
export type TenantUser = TenantData["users"][number];
export type TenantGroup = TenantData["groups"][number];
export type TenantAppRole = TenantData["application"]["appRoles"][number];

/** Validates a parsed JSON value; throws one error listing every problem with its JSON path. */
export function parseTenant(value: unknown, source = "tenant"): TenantData {
  const result = tenantSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(`Invalid ${source}:\n${problems.join("\n")}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    "$",
  );
}

/** The JSON Schema of the tenant file, as committed in `config/tenant.schema.json`. */
export function tenantJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(tenantSchema, {
    io: "input",
    override: (ctx) => {
      // zod has no "pattern properties"; the catchall is only valid for extension attribute names.
      if (ctx.zodSchema === userSchema) {
        const extension = ctx.jsonSchema.additionalProperties;
        if (extension !== undefined)
          ctx.jsonSchema.patternProperties = { [EXTENSION_PATTERN.source]: extension };
        ctx.jsonSchema.additionalProperties = false;
      }
    },
  });
  return {
    ...schema,
    $id: "https://entra-sync.dev/schemas/tenant.schema.json",
    title: "entra-sync tenant file",
  };
}
