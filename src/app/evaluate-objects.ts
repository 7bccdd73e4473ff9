import type PQueue from "p-queue";
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
import { type MapContext, type MappedObject, mapObject, resolveUniqueValues } from "../pipeline/map.js";
import { type MatchResult, matchObject } from "../pipeline/match.js";
import { type ScopeDecision, scopeGroup, scopeUser } from "../pipeline/scope.js";
import type { SourceView } from "../pipeline/source-view.js";
import type { ObjectEvaluation } from "../plan/evaluation.js";
import type { LinkRecord } from "../state/link.js";
import type { CycleLinks } from "./cycle-links.js";
import { slices } from "./slices.js";

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
 * Runs map and match for a batch of candidates of one type. Matching queries (reads only) run through the
 * cycle's bounded request queue.
 */
function evaluateBatch(
  definition: ObjectTypeDefinition,
  candidates: readonly Candidate[],
  linkOf: (id: SourceId) => LinkRecord | undefined,
  target: TargetConnector,
  appName: string,
  ctx: MapContext,
  queue: PQueue,
): Promise<ObjectEvaluation[]> {
  const type: ObjectType = definition.type;
  const kind = type === "user" ? "User" : "Group";
  return Promise.all(
    candidates.map(async (c): Promise<ObjectEvaluation> => {
      const link = linkOf(c.id);
      const active = c.scope !== null && !c.scope.isSoftDeleted && c.removed === undefined;
      const needsValues = active || link !== undefined;
      let mapped: MappedObject | undefined = needsValues ? mapObject(definition, c.reader, ctx) : undefined;
      let match: MatchResult | undefined;
      if (active && !link && mapped && mapped.errors.length === 0 && !mapped.objectIgnored) {
        const resolved = await resolveUniqueValues(mapped, async (path, value) => {
          const hits = await queue.add(() => target.query(type, path, value, [path]));
          return (hits ?? []).length > 0;
        });
        mapped =
          resolved.exhausted.length > 0
            ? {
                ...resolved.mapped,
                errors: [`SelectUniqueValue: every candidate for ${resolved.exhausted.join(", ")} is taken`],
              }
            : resolved.mapped;
        const ready = mapped;
        if (ready.errors.length === 0)
          match = await queue.add(() => matchObject(definition, ready.attributes, target, appName));
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

/** Which objects a cycle evaluates. */
export interface Subjects {
  /** Users and groups to evaluate; every one must be in the view. Null = everything in the view. */
  readonly userIds: readonly SourceId[] | null;
  readonly groupIds: readonly SourceId[] | null;
  /**
   * Full reads: linked objects absent from the view are gone from the tenant and are evaluated as such.
   * Incremental reads see only what changed, so absence means nothing.
   */
  readonly linkedAbsentAreGone: boolean;
}

function userCandidate(job: JobDefinition, view: SourceView, u: SourceUser): Candidate {
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
}

function groupCandidate(job: JobDefinition, view: SourceView, g: SourceGroup): Candidate {
  const scope = scopeGroup(job, view, g);
  const name = typeof g.attributes.displayName === "string" ? g.attributes.displayName : g.id;
  return {
    id: g.id,
    displayName: name,
    scope,
    removed: g.removed,
    reader: groupAttributeReader(g, scope.isSoftDeleted),
  };
}

/** An object read from the source, or a linked object that did not come back from a full read. */
type Entry<T> = { readonly object: T } | { readonly gone: LinkRecord };

/**
 * The objects of one type a cycle evaluates, in order, produced as they are consumed: a full read's users
 * come out of the spool a batch at a time instead of all at once.
 */
function* entries<T>(
  ids: readonly SourceId[] | null,
  objects: {
    get(id: SourceId): T | undefined;
    has(id: SourceId): boolean;
    values(): Iterable<T>;
  },
  linkOf: (id: SourceId) => LinkRecord | undefined,
  linked: Iterable<SourceId> | null,
): Generator<Entry<T>> {
  if (ids === null) for (const object of objects.values()) yield { object };
  else
    for (const id of ids) {
      const object = objects.get(id);
      if (object !== undefined) yield { object };
    }
  for (const id of linked ?? []) {
    const link = objects.has(id) ? undefined : linkOf(id);
    if (link) yield { gone: link };
  }
}

function candidateOf<T>(entry: Entry<T>, build: (object: T) => Candidate): Candidate {
  if ("object" in entry) return build(entry.object);
  const link = entry.gone;
  return {
    id: link.sourceId,
    displayName: link.displayName,
    scope: null,
    removed: undefined,
    reader: goneReader,
  };
}

/** One batch of evaluations, users first, then groups. */
export interface EvaluationBatch {
  readonly type: ObjectType;
  readonly evaluations: ObjectEvaluation[];
}

export interface EvaluateOptions {
  /** The cycle's request queue (matching queries). */
  readonly queue: PQueue;
  /** Objects per batch: what a cycle holds evaluated at once. */
  readonly batchSize: number;
}

/**
 * Scope, map and match for the chosen subjects of a view, a batch at a time: the caller plans (and
 * applies) a batch before asking for the next, so evaluations never pile up for a whole tenant.
 */
export async function* evaluateInBatches(
  job: JobDefinition,
  view: SourceView,
  subjects: Subjects,
  links: CycleLinks,
  target: TargetConnector,
  ctx: MapContext,
  options: EvaluateOptions,
): AsyncGenerator<EvaluationBatch> {
  const appName = job.template.displayName;
  const gone = subjects.linkedAbsentAreGone;
  const { queue, batchSize } = options;
  async function* batchesOf<T>(
    definition: ObjectTypeDefinition,
    all: Iterable<Entry<T>>,
    build: (object: T) => Candidate,
  ): AsyncGenerator<EvaluationBatch> {
    for (const slice of slices(all, batchSize)) {
      const batch = slice.map((e) => candidateOf(e, build));
      const linkOf = (id: SourceId) => links.get(definition.type, id);
      const evaluations = await evaluateBatch(definition, batch, linkOf, target, appName, ctx, queue);
      yield { type: definition.type, evaluations };
    }
  }
  const linked = (type: ObjectType) => (gone ? links.targets[type].keys() : null);
  const users = entries(subjects.userIds, view.users, (id) => links.get("user", id), linked("user"));
  yield* batchesOf(job.users, users, (u) => userCandidate(job, view, u));
  if (!job.groups) return;
  const groups = entries(subjects.groupIds, view.groups, (id) => links.get("group", id), linked("group"));
  yield* batchesOf(job.groups, groups, (g) => groupCandidate(job, view, g));
}
