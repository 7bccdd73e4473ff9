import { z } from "zod";

/**
 * One attribute mapping, as an admin writes it (Entra's "Edit attribute" dialog). Exactly one of `source`
 * (Direct), `constant` (Constant) or `expression` (Expression) says where the value comes from.
 */
export const mappingSchema = z
  .strictObject({
    /** Target attribute path, e.g. `userName`, `emails[type eq "work"].value`. */
    target: z.string().min(1),
    /** Direct: the source (Graph) attribute name. */
    source: z.string().min(1).optional(),
    /** Constant: this literal value. */
    constant: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Expression: Entra's mapping language, e.g. `Join(" ", [givenName], [surname])`. */
    expression: z.string().min(1).optional(),
    /** Matching precedence (1 = tried first). Absent: not used for matching. */
    matching: z.number().int().min(1).optional(),
    /** Entra's "Apply this mapping": always, or only when the object is created. Default always. */
    apply: z.enum(["always", "onCreate"]).default("always"),
    /** Entra's "Default value if null": used on create only, when the source yields no value. */
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .superRefine((m, ctx) => {
    const kinds = [m.source, m.constant, m.expression].filter((k) => k !== undefined).length;
    if (kinds !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `Expected exactly one of source, constant or expression for target "${m.target}", got ${kinds}`,
      });
    }
  });
export type MappingConfig = z.output<typeof mappingSchema>;

/** A job's change to a template mapping: replace it (same target) or drop it (`remove: true`). */
export const mappingOverrideSchema = z.union([
  mappingSchema,
  z.strictObject({ target: z.string().min(1), remove: z.literal(true) }),
]);
export type MappingOverride = z.output<typeof mappingOverrideSchema>;

/** The kind of value a target attribute holds; decides coercion of mapped values. */
export const attributeTypeSchema = z.enum([
  "String",
  "Boolean",
  "Integer",
  "DateTime",
  "Reference",
  "Complex",
]);
export type AttributeType = z.output<typeof attributeTypeSchema>;

/** A target attribute definition (Entra's "Edit attribute list" for the app). */
export const attributeDefinitionSchema = z.strictObject({
  name: z.string().min(1),
  type: attributeTypeSchema.default("String"),
  /** The app supports `filter=<name> eq "…"` on it; only such attributes may be matching attributes. */
  filterable: z.boolean().default(false),
  /** The app refuses objects without it: such objects are skipped with `MandatoryFieldsMissing`. */
  required: z.boolean().default(false),
  multiValued: z.boolean().default(false),
  /**
   * A change of case alone is a change (Entra's "Exact case?"). Off by default, as in Graph: `alice@x` and
   * `Alice@x` are the same value and nothing is sent.
   */
  caseExact: z.boolean().optional(),
});
export type AttributeDefinition = z.output<typeof attributeDefinitionSchema>;
