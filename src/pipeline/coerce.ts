import type { AttributeDefinition } from "../config/mapping-schema.js";
import type { AttrValue } from "../domain/values.js";
import type { ExprValue } from "../expressions/index.js";

/** The value cannot be turned into the target attribute's type. */
export class CoercionError extends Error {
  override readonly name = "CoercionError";
}

function scalar(value: ExprValue, attribute: AttributeDefinition): AttrValue | undefined {
  if (value === null) return undefined;
  switch (attribute.type) {
    case "Boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === "true";
      throw new CoercionError(`Expected a boolean for ${attribute.name}, got ${JSON.stringify(value)}`);
    case "Integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
      throw new CoercionError(`Expected an integer for ${attribute.name}, got ${JSON.stringify(value)}`);
    case "Complex":
      return value as AttrValue;
    case "String":
    case "DateTime":
    case "Reference":
      if (typeof value === "string") return value === "" ? undefined : value;
      if (typeof value === "boolean") return value ? "True" : "False";
      if (typeof value === "number") return String(value);
      return value as AttrValue;
    default: {
      const never: never = attribute.type;
      return never;
    }
  }
}

/**
 * Turns a mapped value into what the target attribute holds. Null and empty strings become "no value"
 * (never sent); a multi-valued source into a single-valued target takes the first value, as Entra does;
 * `"True"`/`"False"` strings become booleans for Boolean attributes, so the diff is semantic and each PATCH
 * dialect can render booleans its own way.
 */
export function coerceToAttribute(value: ExprValue, attribute: AttributeDefinition): AttrValue | undefined {
  if (Array.isArray(value) && attribute.type !== "Complex") {
    const items = value.map((v) => scalar(v, attribute)).filter((v): v is AttrValue => v !== undefined);
    if (attribute.multiValued) return items.length > 0 ? items : undefined;
    return items[0];
  }
  return scalar(value, attribute);
}
