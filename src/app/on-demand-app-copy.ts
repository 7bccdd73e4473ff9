import type { JobDefinition } from "../config/job-definition.js";
import { ConnectorError } from "../domain/errors.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { SourceUser } from "../domain/source.js";
import type { TargetConnector, TargetResource } from "../domain/target.js";
import type { FlatAttributes } from "../domain/values.js";
import { appValueDetails, matchingStep } from "../pipeline/match.js";
import type { LinkRecord } from "../state/link.js";
import type { StateStore } from "../state/state-store.js";

/**
 * What the app holds for the on-demand subject, read before anything is planned: Entra's on demand matches
 * the user and shows the app's current values, and updates what differs from them, not only what changed
 * since the last export. A user the engine has not linked yet is matched by the pipeline itself (its
 * matching query), so nothing is read here for it.
 */
export type AppCopy =
  | { readonly kind: "unlinked" }
  | {
      readonly kind: "found";
      readonly link: LinkRecord;
      readonly resource: TargetResource;
      /** The resource's non-reference attributes: what the planner compares with (references go apart). */
      readonly held: FlatAttributes;
    }
  | { readonly kind: "gone"; readonly link: LinkRecord }
  | { readonly kind: "unreadable"; readonly link: LinkRecord; readonly error: ConnectorError };

/** `GET /Users/{id}` of the linked user. Job-level failures (credentials, wrong URL) stop the run. */
export async function readAppCopy(
  store: StateStore,
  target: TargetConnector,
  job: JobDefinition,
  user: SourceUser,
): Promise<AppCopy> {
  const link = store.link(job.name, "user", user.id);
  if (!link) return { kind: "unlinked" };
  try {
    const resource = await target.get("user", link.targetId, job.users.targetPaths);
    if (!resource) return { kind: "gone", link };
    const references = new Set(job.users.mappings.filter((m) => m.reference !== null).map((m) => m.target));
    const held = Object.fromEntries(
      Object.entries(resource.attributes).filter(([path]) => !references.has(path)),
    );
    return { kind: "found", link, resource, held };
  } catch (error) {
    if (error instanceof ConnectorError && error.scope !== "job") return { kind: "unreadable", link, error };
    throw error;
  }
}

/**
 * The link as the planner should see it: what the app holds now stands in for what was last exported, so
 * the plan sends exactly what differs in the app (an attribute changed there directly included).
 */
export function linkAsHeld(link: LinkRecord, copy: AppCopy): LinkRecord {
  return copy.kind === "found" ? { ...link, exported: copy.held } : link;
}

/**
 * Entra's matching step for a linked user: found by its linked id (with the app's current values, Redact()
 * attributes shown as `[Redact]`), gone from the app, or unreadable. Null for a user not linked yet.
 */
export function appCopyStep(copy: AppCopy, job: JobDefinition, upn: string): ProvisioningStep | null {
  const app = job.template.displayName;
  switch (copy.kind) {
    case "unlinked":
      return null;
    case "found":
      return matchingStep("success", `Retrieved '${upn}' from ${app} by its linked id`, {
        id: copy.resource.id,
        matchedOn: "linked id",
        ...appValueDetails(copy.resource.attributes, job.users.redactedPaths),
      });
    case "gone":
      return matchingStep(
        "warning",
        `The entry linked to '${upn}' (id ${copy.link.targetId}) is no longer in ${app}`,
        { id: copy.link.targetId, matchedOn: "linked id" },
      );
    case "unreadable":
      return matchingStep("failure", `Failed to read '${upn}' from ${app}: ${copy.error.message}`, {
        id: copy.link.targetId,
      });
  }
}
