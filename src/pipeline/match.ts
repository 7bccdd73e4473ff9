import type { ObjectTypeDefinition } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { TargetConnector, TargetResource } from "../domain/target.js";
import type { FlatAttributes } from "../domain/values.js";
import { REDACTED } from "../plan/redaction.js";

/** What the matching queries found for one object. */
export type MatchResult =
  | {
      readonly kind: "found";
      readonly resource: TargetResource;
      readonly attribute: string;
      readonly step: ProvisioningStep;
    }
  | { readonly kind: "absent"; readonly step: ProvisioningStep }
  | {
      readonly kind: "duplicate";
      readonly attribute: string;
      readonly count: number;
      readonly step: ProvisioningStep;
    }
  | { readonly kind: "noValue"; readonly step: ProvisioningStep }
  | { readonly kind: "error"; readonly error: ConnectorError; readonly step: ProvisioningStep };

/** Entra's matching step (named `EntryImport`, typed `matching`), for every way an object is looked up in the app. */
export const matchingStep = (
  status: ProvisioningStep["status"],
  description: string,
  details: Record<string, string> = {},
): ProvisioningStep => ({ name: "EntryImport", type: "matching", status, description, details });

/**
 * The app's current value of each mapped attribute, as JSON text, for a matching step's details (Entra
 * shows the target's attributes there); Redact() attributes as `[Redact]`, as everywhere people look.
 */
export function appValueDetails(
  attributes: FlatAttributes,
  redactedPaths: ReadonlySet<string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).map(([path, value]) => [
      path,
      redactedPaths.has(path) ? REDACTED : JSON.stringify(value),
    ]),
  );
}

/**
 * Entra's matching: try each matching attribute in precedence order with one `eq` query; the first
 * attribute that finds something decides. Several hits are `DuplicateTargetEntries`; no value for any
 * matching attribute is `ImportSkipped`. Job-level failures (credentials, wrong URL) are rethrown so the
 * cycle stops; anything else is a per-object error.
 */
export async function matchObject(
  definition: ObjectTypeDefinition,
  desired: FlatAttributes,
  target: TargetConnector,
  appName: string,
): Promise<MatchResult> {
  let queried = false;
  for (const mapping of definition.matching) {
    const value = desired[mapping.target];
    if (typeof value !== "string" || value === "") continue;
    queried = true;
    let hits: TargetResource[];
    try {
      hits = await target.query(definition.type, mapping.target, value, definition.targetPaths);
    } catch (error) {
      if (error instanceof ConnectorError && error.scope !== "job") {
        return {
          kind: "error",
          error,
          step: matchingStep("failure", `Failed to query ${appName}: ${error.message}`),
        };
      }
      throw error;
    }
    if (hits.length > 1) {
      return {
        kind: "duplicate",
        attribute: mapping.target,
        count: hits.length,
        step: matchingStep(
          "failure",
          `${hits.length} entries in ${appName} match ${mapping.target} eq "${value}"`,
        ),
      };
    }
    const [hit] = hits;
    if (hit) {
      return {
        kind: "found",
        resource: hit,
        attribute: mapping.target,
        step: matchingStep("success", `Retrieved '${value}' from ${appName}`, {
          id: hit.id,
          matchedOn: mapping.target,
          ...appValueDetails(hit.attributes, definition.redactedPaths),
        }),
      };
    }
  }
  if (!queried) {
    const names = definition.matching.map((m) => m.target).join(", ");
    return {
      kind: "noValue",
      step: matchingStep("skipped", `No value for any matching attribute (${names})`),
    };
  }
  return { kind: "absent", step: matchingStep("success", `No matching entry found in ${appName}`) };
}
