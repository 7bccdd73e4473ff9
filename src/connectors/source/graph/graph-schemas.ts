import { z } from "zod";

/**
 * The shapes the reader relies on, parsed at the edge. Only the fields used are named; anything else
 * Graph sends passes through (attributes are whatever was selected).
 */

const removedSchema = z.object({ reason: z.string() });

export const linkSchema = z.object({
  "@odata.type": z.string().optional(),
  id: z.string(),
  "@removed": removedSchema.optional(),
});
export type GraphLink = z.infer<typeof linkSchema>;

/** A user or group in a delta page; extra keys are the selected properties. */
export const deltaObjectSchema = z
  .object({
    id: z.string(),
    "@removed": removedSchema.optional(),
    "members@delta": z.array(linkSchema).optional(),
    "manager@delta": z.array(linkSchema).optional(),
  })
  .catchall(z.unknown());
export type DeltaObject = z.infer<typeof deltaObjectSchema>;

export const deltaPageSchema = z.object({
  value: z.array(deltaObjectSchema),
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
});

/** A user or group from `/users/{id}` or `/groups/{id}`. */
export const directoryObjectSchema = z
  .object({ id: z.string(), "@odata.type": z.string().optional() })
  .catchall(z.unknown());

export const listPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), "@odata.nextLink": z.string().optional() });

export const appRoleSchema = z.object({
  id: z.string(),
  value: z.string().nullable().default(null),
  displayName: z.string(),
  isEnabled: z.boolean(),
});

export const servicePrincipalSchema = z.object({ id: z.string(), appRoles: z.array(appRoleSchema) });

export const assignmentSchema = z.object({
  id: z.string(),
  principalId: z.string(),
  principalType: z.enum(["User", "Group", "ServicePrincipal"]),
  appRoleId: z.string(),
});
