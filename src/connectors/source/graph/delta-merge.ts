import { type SourceId, sourceId } from "../../../domain/ids.js";
import type { SourceGroup, SourceGroupChange, SourceUser } from "../../../domain/source.js";
import { MemoryUsers, type UserCollection } from "../../../domain/user-collection.js";
import type { SourceValue } from "../../../domain/values.js";
import type { DeltaObject, GraphLink } from "./graph-schemas.js";

const USER_TYPE = "#microsoft.graph.user";

/**
 * The selected properties of a Graph object: every key but `id` and annotations (`@removed`,
 * `members@delta`, `@odata.type`…). Nulls are dropped, so "absent" is the one way of saying "not set"
 * (lists send null for unset properties, delta omits them).
 */
export function attributesOf(object: Readonly<Record<string, unknown>>): Record<string, SourceValue> {
  const attributes: Record<string, SourceValue> = {};
  for (const [key, value] of Object.entries(object)) {
    // Response bodies are parsed JSON, so every value is a JSON value (SourceValue).
    if (key !== "id" && !key.includes("@") && value !== null) attributes[key] = value as SourceValue;
  }
  return attributes;
}

/** `@removed.reason`: `changed` = soft delete (recycle bin), `deleted` = permanent. */
const removalOf = (object: DeltaObject): "soft" | "hard" | undefined =>
  object["@removed"] === undefined ? undefined : object["@removed"].reason === "deleted" ? "hard" : "soft";

/** The manager named by `manager@delta`: the last non-removed user link; null when only removals came. */
function managerFrom(links: readonly GraphLink[]): SourceId | null {
  // A manager can also be an orgContact, which the engine cannot reference.
  const current = links.filter(
    (link) => link["@removed"] === undefined && (link["@odata.type"] ?? USER_TYPE) === USER_TYPE,
  );
  const last = current[current.length - 1];
  return last === undefined ? null : sourceId(last.id);
}

/**
 * A member link that names a user. Graph's delta guideline shows removals without `@odata.type`
 * (`{"@removed":{"reason":"deleted"},"id":…}`), so an untyped link counts as a user, as for managers;
 * dropping it would keep a removed member in the group and in scope.
 */
const isUserLink = (link: GraphLink): boolean => (link["@odata.type"] ?? USER_TYPE) === USER_TYPE;

/**
 * Merges the user objects of one delta round. The same object may come several times in a round (Graph
 * replays; order is not guaranteed): later copies win, attribute by attribute.
 * - first round: `@removed` objects are dropped (they are not part of the tenant), and `managerId` is the
 *   manager, or null, when the manager was selected;
 * - later rounds: removals are kept with `removed`, and `managerId` is set only when `manager@delta`
 *   came (undefined = unchanged in this round).
 * The merged users live in `users`: a spool on disk for a full read of a large tenant.
 */
export class UserRoundMerger {
  constructor(
    private readonly firstRound: boolean,
    private readonly includeManager: boolean,
    readonly users: UserCollection = new MemoryUsers(),
  ) {}

  add(objects: readonly DeltaObject[]): void {
    this.users.page(() => this.merge(objects));
  }

  private merge(objects: readonly DeltaObject[]): void {
    for (const object of objects) {
      const removed = removalOf(object);
      if (removed !== undefined) {
        if (this.firstRound) this.users.delete(sourceId(object.id));
        else this.users.set({ id: sourceId(object.id), attributes: {}, removed });
        continue;
      }
      const previous = this.users.get(sourceId(object.id));
      const links = object["manager@delta"];
      const base = previous?.removed === undefined ? previous : undefined;
      const managerId = !this.includeManager
        ? undefined
        : links !== undefined
          ? managerFrom(links)
          : (base?.managerId ?? (this.firstRound ? null : undefined));
      this.users.set({
        id: sourceId(object.id),
        attributes: { ...base?.attributes, ...attributesOf(object) },
        ...(managerId !== undefined && { managerId }),
      });
    }
  }

  /** The round's users, for a delta round (small: what changed). */
  result(): SourceUser[] {
    return [...this.users.values()];
  }
}

interface GroupState {
  attributes: Record<string, SourceValue>;
  readonly added: Set<string>;
  readonly removedMembers: Set<string>;
  removed?: "soft" | "hard";
}

/**
 * Merges the group objects of one delta round. A large group's `members@delta` is split over several
 * copies of the group, so members are accumulated per group id across the whole round. Only user
 * members count: Entra provisions direct members and does not expand nested groups.
 */
export class GroupRoundMerger {
  private readonly groups = new Map<string, GroupState>();

  constructor(private readonly firstRound: boolean) {}

  add(objects: readonly DeltaObject[]): void {
    for (const object of objects) {
      const removed = removalOf(object);
      if (removed !== undefined) {
        if (this.firstRound) this.groups.delete(object.id);
        else
          this.groups.set(object.id, {
            attributes: {},
            added: new Set(),
            removedMembers: new Set(),
            removed,
          });
        continue;
      }
      let state = this.groups.get(object.id);
      if (state === undefined || state.removed !== undefined) {
        state = { attributes: {}, added: new Set(), removedMembers: new Set() };
        this.groups.set(object.id, state);
      }
      state.attributes = { ...state.attributes, ...attributesOf(object) };
      for (const link of object["members@delta"] ?? []) {
        if (!isUserLink(link)) continue;
        if (link["@removed"] === undefined) {
          state.added.add(link.id);
          state.removedMembers.delete(link.id);
        } else {
          state.added.delete(link.id);
          state.removedMembers.add(link.id);
        }
      }
    }
  }

  /** First round: each group with its current direct user members. */
  groupsResult(): SourceGroup[] {
    return [...this.groups].map(([id, state]) => ({
      id: sourceId(id),
      attributes: state.attributes,
      memberIds: [...state.added].map(sourceId),
    }));
  }

  /** Later rounds: each changed group with the members added and removed in the round. */
  changesResult(): SourceGroupChange[] {
    return [...this.groups].map(([id, state]) => ({
      id: sourceId(id),
      attributes: state.attributes,
      addedMemberIds: [...state.added].map(sourceId),
      removedMemberIds: [...state.removedMembers].map(sourceId),
      ...(state.removed !== undefined && { removed: state.removed }),
    }));
  }
}
