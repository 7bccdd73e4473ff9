import { type AttributeChange, attrValuesEqual, type FlatAttributes } from "../domain/values.js";

const NO_PATHS: ReadonlySet<string> = new Set();

/**
 * The attribute changes that turn `current` into `desired`. Only attributes with a desired value count:
 * Entra never clears a target attribute because the source value became empty (null provisioning is not
 * supported for outbound apps). On `ignoreCase` paths (attributes not defined `caseExact`) a change of
 * case alone is no change, as in Entra.
 */
export function diffAttributes(
  current: FlatAttributes,
  desired: FlatAttributes,
  ignoreCase: ReadonlySet<string> = NO_PATHS,
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const [path, newValue] of Object.entries(desired)) {
    const oldValue = current[path];
    if (!attrValuesEqual(oldValue, newValue, ignoreCase.has(path)))
      changes.push({ path, oldValue, newValue });
  }
  return changes;
}
