import type { JobDefinition } from "../config/job-definition.js";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { SourceSelection, SourceWatermark } from "../domain/source.js";
import { buildSourceView, type SourceView } from "../pipeline/source-view.js";
import type { LinkRecord } from "../state/link.js";
import type { MirrorWrite } from "../state/source-mirror.js";
import { buildChangeSet } from "./change-set.js";
import type { CycleDeps } from "./cycle-deps.js";
import { type CycleLinks, heldLinks, storedLinks } from "./cycle-links.js";
import type { Subjects } from "./evaluate-objects.js";
import { type Outstanding, outstandingAt } from "./outstanding.js";

/** The read stage: a full read of the tenant, or Graph's changes since the watermark. */

export function selectionFor(job: JobDefinition): SourceSelection {
  return {
    userAttributes: job.users.sourceAttributes,
    groupAttributes: job.groups?.sourceAttributes ?? ["id", "displayName"],
    includeGroups: true,
    includeManager: job.users.mappings.some((m) => m.reference === "manager"),
  };
}

/** What the read stage produced, whichever way it read. */
export interface ReadResult {
  readonly kind: "initial" | "incremental";
  readonly view: SourceView;
  readonly subjects: Subjects;
  readonly links: CycleLinks;
  readonly watermark: SourceWatermark;
  readonly mirror: MirrorWrite;
  readonly imported: number;
  /** Objects the engine knows it has not provisioned: which this cycle evaluates again, which wait. */
  readonly outstanding: Outstanding;
  /** Reference changes (manager, group members) in an incremental read's delta; 0 for a full read. */
  readonly importedReferenceDeltas: number;
}

export async function readFull(deps: CycleDeps, job: JobDefinition): Promise<ReadResult> {
  const [read, assignments] = await Promise.all([
    deps.source.readAll(selectionFor(job), deps.store.userSpool(job.name)),
    deps.source.readAssignments(deps.servicePrincipalId),
  ]);
  const links = storedLinks(deps.store, job.name);
  return {
    kind: "initial",
    view: buildSourceView(read.users, read.groups, assignments.appRoles, assignments.assignments),
    subjects: { userIds: null, groupIds: null, linkedAbsentAreGone: true },
    links,
    watermark: read.watermark,
    mirror: { kind: "replace", users: read.users, groups: read.groups, assignments: assignments.assignments },
    imported: read.users.size + read.groups.length,
    outstanding: outstandingAt(deps.store, job.name, deps.clock().toISOString(), true),
    importedReferenceDeltas: 0,
  };
}

/** Links of the given ids only: an incremental cycle never loads the whole link table. */
function linksOf(
  deps: CycleDeps,
  job: string,
  type: ObjectType,
  ids: Iterable<SourceId>,
): Map<SourceId, LinkRecord> {
  const out = new Map<SourceId, LinkRecord>();
  for (const id of ids) {
    const link = deps.store.link(job, type, id);
    if (link) out.set(id, link);
  }
  return out;
}

/** Null when Graph rejected the watermark (expired token, resync): the caller falls back to a full read. */
export async function readIncremental(
  deps: CycleDeps,
  job: JobDefinition,
  watermark: SourceWatermark,
): Promise<ReadResult | null> {
  const delta = await deps.source.readChanges(selectionFor(job), watermark);
  if (delta.kind === "expired") {
    deps.logger.warn(
      { job: job.name, reason: delta.reason },
      "delta token rejected; running a full (initial) cycle",
    );
    return null;
  }
  const assignments = await deps.source.readAssignments(deps.servicePrincipalId);
  const outstanding = outstandingAt(deps.store, job.name, deps.clock().toISOString(), false);
  const changes = buildChangeSet(
    job.name,
    deps.store,
    delta,
    assignments,
    outstanding.retry,
    job.groups !== null,
  );
  const userLinks = linksOf(deps, job.name, "user", changes.userIds);
  // Users only referenced (members of an evaluated group, managers) need their id in the app, not their
  // record: a group of 100k members made every cycle that touched one of them parse 100k records.
  const referenced = new Map<SourceId, TargetId>();
  for (const id of changes.referencedUserIds) {
    const target = userLinks.has(id) ? undefined : deps.store.linkTarget(job.name, "user", id);
    if (target) referenced.set(id, target);
  }
  const groupLinks = linksOf(deps, job.name, "group", changes.groupIds);
  const links = heldLinks({ user: userLinks, group: groupLinks }, referenced);
  return {
    kind: "incremental",
    view: changes.view,
    subjects: { userIds: changes.userIds, groupIds: changes.groupIds, linkedAbsentAreGone: false },
    links,
    watermark: delta.watermark,
    mirror: changes.mirror,
    imported: changes.imported,
    outstanding,
    importedReferenceDeltas: changes.importedReferenceDeltas,
  };
}
