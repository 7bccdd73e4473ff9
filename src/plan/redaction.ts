import type { ModifiedProperty } from "../domain/provisioning-log.js";
import type { AttributeChange, FlatAttributes } from "../domain/values.js";
import type { Change } from "./change.js";

/** What logs and plans show instead of a value mapped through Redact(), as Entra's logs do. */
export const REDACTED = "[Redact]";

function redactAttributes(attributes: FlatAttributes, paths: ReadonlySet<string>): FlatAttributes {
  const out: Record<string, FlatAttributes[string]> = {};
  for (const [path, value] of Object.entries(attributes)) out[path] = paths.has(path) ? REDACTED : value;
  return out;
}

const redactChanges = (changes: readonly AttributeChange[], paths: ReadonlySet<string>) =>
  changes.map((c) =>
    paths.has(c.path)
      ? { path: c.path, oldValue: c.oldValue === undefined ? undefined : REDACTED, newValue: REDACTED }
      : c,
  );

/**
 * A change as people may see it (provisioning log, `plan`): the values of Redact() attributes replaced by
 * `[Redact]`. Apply sends the change itself. Without redacted paths the change comes back as it is.
 */
export function redactChange(change: Change, paths: ReadonlySet<string>): Change {
  if (paths.size === 0) return change;
  switch (change.kind) {
    case "create":
      return { ...change, attributes: redactAttributes(change.attributes, paths) };
    case "update":
    case "disable":
      return {
        ...change,
        changes: redactChanges(change.changes, paths),
        exported: redactAttributes(change.exported, paths),
      };
    case "stagedDelete":
      return { ...change, held: redactChange(change.held, paths) as typeof change.held };
    default:
      return change;
  }
}

/**
 * Log entries' `modifiedProperties` with the values of Redact() attributes shown as `[Redact]`, bare as in
 * Entra's logs (other values are JSON text).
 */
export function redactModifiedProperties(
  properties: ModifiedProperty[],
  paths: ReadonlySet<string>,
): ModifiedProperty[] {
  if (paths.size === 0) return properties;
  return properties.map((p) =>
    paths.has(p.displayName)
      ? {
          displayName: p.displayName,
          oldValue: p.oldValue === null ? null : REDACTED,
          newValue: p.newValue === null ? null : REDACTED,
        }
      : p,
  );
}
