import PQueue from "p-queue";
import type { JobDefinition, ObjectTypeDefinition } from "../config/job-definition.js";
import type { ObjectType, SourceId } from "../domain/ids.js";
import type { ProvisioningStep } from "../domain/provisioning-log.js";
import type { SourceGroup, SourceUser } from "../domain/source.js";
import type { TargetConnector } from "../domain/target.js";
import {
  type AttributeReader,
  appRoleAssignmentsValue,
  groupAttributeReader,
  userAttributeReader,
} from "../pipeline/attribute-reader.js";
import { type MapContext, type MappedObject, mapObject } from "../pipeline/map.js";
import { type MatchResult, matchObject } from "../pipeline/match.js";
import { type ScopeDecision, scopeGroup, scopeUser } from "../pipeline/scope.js";
import type { SourceView } from "../pipeline/source-view.js";
import type { ObjectEvaluation } from "../plan/evaluation.js";
import type { LinkRecord } from "../state/link.js";

const importStep = (kind: "User" | "Group", name: string): ProvisioningStep => ({
  name: "EntryImport",
  type: "import",
  status: "success",
  description: `Retrieved ${kind} '${name}' from Microsoft Entra ID`,
  details: {},
});

const missingStep = (kind: "User" | "Group", name: string): ProvisioningStep => ({
  name: "EntryImport",
  type: "import",
  status: "warning",
  description: `${kind} '${name}' is no longer in Microsoft Entra ID (deleted or in the recycle bin)`,
  details: {},
});

/** Only IsSoftDeleted is known about an object that is gone from the source. */
const goneReader: AttributeReader = (name) => (name === "IsSoftDeleted" ? true : undefined);

interface Candidate {
  readonly id: SourceId;
  readonly displayName: string;
  readonly scope: ScopeDecision | null;
  readonly removed: "soft" | "hard" | undefined;
  readonly reader: AttributeReader;
}

/**
 * Runs scope, map and match for every object of one type: the objects read from the source plus linked
 * objects that did not come back. Matching queries (reads only) run through a bounded queue.
 */
async function evaluateType(
  definition: ObjectTypeDefinition,
  candidates: readonly Candidate[],
  links: ReadonlyMap<SourceId, LinkRecord>,
  target: TargetConnector,
  appName: string,
  ctx: MapContext,
  concurrency: number,
): Promise<ObjectEvaluation[]> {
  const type: ObjectType = definition.type;
  const kind = type === "user" ? "User" : "Group";
  const queue = new PQueue({ concurrency });
  return Promise.all(
    candidates.map(async (c): Promise<ObjectEvaluation> => {
      const link = links.get(c.id);
      const active = c.scope !== null && !c.scope.isSoftDeleted && c.removed === undefined;
      const needsValues = active || link !== undefined;
      const mapped: MappedObject | undefined = needsValues ? mapObject(definition, c.reader, ctx) : undefined;
      let match: MatchResult | undefined;
      if (active && !link && mapped && mapped.errors.length === 0) {
        match = await queue.add(() => matchObject(definition, mapped.attributes, target, appName));
      }
      return {
        subject: { type, sourceId: c.id, displayName: link?.displayName ?? c.displayName },
        importStep: c.scope ? importStep(kind, c.displayName) : missingStep(kind, c.displayName),
        scope: c.scope,
        removed: c.removed,
        link,
        mapped,
        match,
      };
    }),
  );
}

export interface Evaluations {
  readonly users: ObjectEvaluation[];
  readonly groups: ObjectEvaluation[] | null;
}

/** Scope, map and match for a full read of the tenant. */
export async function evaluateFullRead(
  job: JobDefinition,
  view: SourceView,
  links: Readonly<Record<ObjectType, ReadonlyMap<SourceId, LinkRecord>>>,
  target: TargetConnector,
  ctx: MapContext,
): Promise<Evaluations> {
  const appName = job.template.displayName;
  const concurrency = job.config.target.concurrency;
  const userCandidates: Candidate[] = [...view.users.values()].map((u: SourceUser) => {
    const scope = scopeUser(job, view, u);
    const roles = appRoleAssignmentsValue(scope.assignments, view.appRoles);
    const upn = typeof u.attributes.userPrincipalName === "string" ? u.attributes.userPrincipalName : u.id;
    return {
      id: u.id,
      displayName: upn,
      scope,
      removed: u.removed,
      reader: userAttributeReader(u, scope.isSoftDeleted, roles),
    };
  });
  for (const link of links.user.values()) {
    if (!view.users.has(link.sourceId)) {
      userCandidates.push({
        id: link.sourceId,
        displayName: link.displayName,
        scope: null,
        removed: undefined,
        reader: goneReader,
      });
    }
  }
  const users = await evaluateType(job.users, userCandidates, links.user, target, appName, ctx, concurrency);
  if (!job.groups) return { users, groups: null };
  const groupCandidates: Candidate[] = [...view.groups.values()].map((g: SourceGroup) => {
    const scope = scopeGroup(job, view, g);
    const name = typeof g.attributes.displayName === "string" ? g.attributes.displayName : g.id;
    return {
      id: g.id,
      displayName: name,
      scope,
      removed: g.removed,
      reader: groupAttributeReader(g, scope.isSoftDeleted),
    };
  });
  for (const link of links.group.values()) {
    if (!view.groups.has(link.sourceId)) {
      groupCandidates.push({
        id: link.sourceId,
        displayName: link.displayName,
        scope: null,
        removed: undefined,
        reader: goneReader,
      });
    }
  }
  const groups = await evaluateType(
    job.groups,
    groupCandidates,
    links.group,
    target,
    appName,
    ctx,
    concurrency,
  );
  return { users, groups };
}
