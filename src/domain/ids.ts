/**
 * Branded identifiers. A source id (Entra objectId) can never be passed where a target id (the SCIM `id`
 * the app assigned) is expected, and vice versa.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Entra object id (users, groups, service principals). */
export type SourceId = Brand<string, "SourceId">;
/** The `id` a SCIM app assigned to a resource. */
export type TargetId = Brand<string, "TargetId">;

export const sourceId = (value: string): SourceId => value as SourceId;
export const targetId = (value: string): TargetId => value as TargetId;

/** The two object types the engine provisions. */
export type ObjectType = "user" | "group";

/** SCIM resource type name for an object type (`User` / `Group`). */
export const scimResourceType = (type: ObjectType): "User" | "Group" => (type === "user" ? "User" : "Group");
