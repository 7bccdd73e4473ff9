import { type AttributeChange, attrValuesEqual, type FlatAttributes } from "../domain/values.js";

/**
 * The attribute changes that turn `current` into `desired`. Only attributes with a desired value count:
 * Entra never clears a target attribute because the source value became empty (null provisioning is not
 * supported for outbound apps).
 */
export function diffAttributes(current: FlatAttributes, desired: FlatAttributes): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const [path, newValue] of Object.entries(desired)) {
    const oldValue = current[path];
    if (!attrValuesEqual(oldValue, newValue)) changes.push({ path, oldValue, newValue });
  }
  return changes;
}
