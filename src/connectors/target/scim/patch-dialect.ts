/**
 * The two PATCH dialects of Entra's SCIM client (scim-wire.md §2):
 * - `entra-legacy`: the default. Capitalised ops, one op per attribute, booleans as "True"/"False",
 *   members removed by a `value` array.
 * - `aadOptscim062020`: chosen by appending that flag to the tenant URL. RFC-style lower-case ops, real
 *   booleans, simple attributes folded into one path-less replace, members removed by a value-filter path.
 */
export type ScimDialect = "entra-legacy" | "aadOptscim062020";

export const scimDialects: readonly ScimDialect[] = ["entra-legacy", "aadOptscim062020"];
