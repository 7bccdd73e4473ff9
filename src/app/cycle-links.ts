import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { LinkRecord } from "../state/link.js";
import type { StateStore } from "../state/state-store.js";

/**
 * The links a cycle works with: every linked object's target id up front (small: which objects are
 * linked, and what apply resolves manager and member references to), the whole record (what was
 * exported, manager, members) only when its object is evaluated. A full cycle over a 100k-user tenant
 * never holds 100k exported attribute sets at once.
 */
export interface CycleLinks {
  readonly targets: Readonly<Record<ObjectType, ReadonlyMap<SourceId, TargetId>>>;
  get(type: ObjectType, id: SourceId): LinkRecord | undefined;
}

/** Every link of the job, records read from the store as objects are evaluated (full cycles). */
export function storedLinks(store: StateStore, job: string): CycleLinks {
  const targets = { user: store.linkTargets(job, "user"), group: store.linkTargets(job, "group") };
  return {
    targets,
    get: (type, id) => (targets[type].has(id) ? store.link(job, type, id) : undefined),
  };
}

/**
 * Links held in memory: the few an incremental cycle touches, or a plan's own. `referencedUsers` adds the
 * target ids of users the cycle only references (group members, managers), whose records it never reads.
 */
export function heldLinks(
  links: Readonly<Record<ObjectType, ReadonlyMap<SourceId, LinkRecord>>>,
  referencedUsers: ReadonlyMap<SourceId, TargetId> = new Map(),
): CycleLinks {
  const targetsOf = (map: ReadonlyMap<SourceId, LinkRecord>, start: ReadonlyMap<SourceId, TargetId>) => {
    const targets = new Map(start);
    for (const l of map.values()) targets.set(l.sourceId, l.targetId);
    return targets;
  };
  return {
    targets: { user: targetsOf(links.user, referencedUsers), group: targetsOf(links.group, new Map()) },
    get: (type, id) => links[type].get(id),
  };
}
