import type { SourceValue } from "../../domain/values.js";
import type { ChangeEntry } from "./change-log.js";
import type { DeltaState } from "./delta-token.js";
import { type EntityType, effectiveSelect, project } from "./properties.js";
import type { GroupRecord, MemberType, TenantStore } from "./tenant-store.js";

type Json = Record<string, SourceValue>;

/** An object a round reports. In a `changes` round it also carries which links were touched. */
type RoundObject =
  | { readonly kind: "user"; readonly id: string; managerAtStart?: string | null }
  | { readonly kind: "group"; readonly id: string; readonly touchedMembers: Map<string, MemberType> };

/** The objects of one round, addressed by a cursor (a slot index, or a position in the change list). */
interface RoundSource {
  at(cursor: number): { readonly position: number; readonly object: RoundObject } | undefined;
}

/** One page of a delta round, and the link that continues it. */
export interface DeltaPage {
  readonly value: Json[];
  readonly link: { readonly kind: "next" | "delta"; readonly state: DeltaState };
}

/**
 * Serves one page. Each object costs one item; a group whose `members@delta` exceeds the page size is
 * split into several items (same properties, a different slice of members), as Graph does.
 */
export function serveDeltaPage(store: TenantStore, state: DeltaState): DeltaPage {
  const select = effectiveSelect(state.select, state.type, true);
  const to = state.to ?? store.log.head;
  const source =
    state.phase === "initial"
      ? initialSource(store, state.type)
      : changeSource(store.log.slice(state.from, to), state.type, select);
  const value: Json[] = [];
  let { cursor, memberCursor } = state;
  while (value.length < state.pageSize) {
    const found = source.at(cursor);
    if (found === undefined) break;
    const rendered = render(
      store,
      found.object,
      select,
      state.phase === "initial",
      memberCursor,
      state.pageSize,
    );
    value.push(rendered.item);
    cursor = rendered.nextMember === null ? found.position + 1 : found.position;
    memberCursor = rendered.nextMember ?? 0;
  }
  if (source.at(cursor) === undefined) {
    const next: DeltaState = { ...state, phase: "changes", from: to, to: null, cursor: 0, memberCursor: 0 };
    return { value, link: { kind: "delta", state: next } };
  }
  return { value, link: { kind: "next", state: { ...state, to, cursor, memberCursor } } };
}

function initialSource(store: TenantStore, type: EntityType): RoundSource {
  return {
    at(cursor) {
      const entry = type === "user" ? store.users.nextFrom(cursor) : store.groups.nextFrom(cursor);
      if (entry === undefined) return undefined;
      const object: RoundObject =
        type === "user"
          ? { kind: "user", id: entry.key }
          : { kind: "group", id: entry.key, touchedMembers: new Map() };
      return { position: entry.slot, object };
    },
  };
}

/**
 * Folds the change-log window into one entry per object, in order of first change. Updates of
 * properties outside the selection do not make an object appear (Graph tracks only selected properties).
 */
function changeSource(
  entries: readonly ChangeEntry[],
  type: EntityType,
  select: readonly string[],
): RoundSource {
  const byId = new Map<string, RoundObject>();
  const relevant = (entry: { lifecycle: string; props: readonly string[] }) =>
    entry.lifecycle !== "updated" || entry.props.some((name) => select.includes(name));
  for (const entry of entries) {
    if (type === "user" && entry.kind === "user" && relevant(entry)) {
      const object = byId.get(entry.id) ?? { kind: "user", id: entry.id };
      if (
        object.kind === "user" &&
        entry.previousManagerId !== undefined &&
        object.managerAtStart === undefined
      ) {
        object.managerAtStart = entry.previousManagerId;
      }
      byId.set(entry.id, object);
    } else if (type === "group" && entry.kind === "group" && relevant(entry)) {
      if (!byId.has(entry.id)) byId.set(entry.id, { kind: "group", id: entry.id, touchedMembers: new Map() });
    } else if (type === "group" && entry.kind === "member" && select.includes("members")) {
      const object = byId.get(entry.groupId) ?? {
        kind: "group",
        id: entry.groupId,
        touchedMembers: new Map(),
      };
      if (object.kind === "group") object.touchedMembers.set(entry.memberId, entry.memberType);
      byId.set(entry.groupId, object);
    }
  }
  const objects = [...byId.values()];
  return {
    at: (cursor) =>
      cursor < objects.length ? { position: cursor, object: objects[cursor] as RoundObject } : undefined,
  };
}

const ref = (type: MemberType, id: string): Json => ({ "@odata.type": `#microsoft.graph.${type}`, id });
const removedRef = (type: MemberType, id: string): Json => ({
  ...ref(type, id),
  "@removed": { reason: "deleted" },
});

function render(
  store: TenantStore,
  object: RoundObject,
  select: readonly string[],
  initial: boolean,
  memberCursor: number,
  pageSize: number,
): { item: Json; nextMember: number | null } {
  switch (object.kind) {
    case "user": {
      const user = store.users.get(object.id);
      if (user === undefined)
        return { item: { id: object.id, "@removed": { reason: "deleted" } }, nextMember: null };
      if (user.deleted)
        return { item: { id: object.id, "@removed": { reason: "changed" } }, nextMember: null };
      const item = project("user", user.id, user.props, select, true);
      if (select.includes("manager")) {
        const start = initial ? null : object.managerAtStart;
        const links: Json[] = [];
        if (start !== undefined && start !== null && start !== user.managerId)
          links.push(removedRef("user", start));
        if (start !== undefined && user.managerId !== null && user.managerId !== start) {
          links.push(ref("user", user.managerId));
        }
        if (links.length > 0) item["manager@delta"] = links;
      }
      return { item, nextMember: null };
    }
    case "group": {
      const group = store.groups.get(object.id);
      if (group === undefined)
        return { item: { id: object.id, "@removed": { reason: "deleted" } }, nextMember: null };
      const item = project("group", group.id, group.props, select, true);
      if (!select.includes("members")) return { item, nextMember: null };
      const slice = initial
        ? currentMembers(group, memberCursor, pageSize)
        : touchedMembers(group, object.touchedMembers, memberCursor, pageSize);
      if (slice.links.length > 0) item["members@delta"] = slice.links;
      return { item, nextMember: slice.next };
    }
    default: {
      const unreachable: never = object;
      return unreachable;
    }
  }
}

function currentMembers(group: GroupRecord, cursor: number, pageSize: number) {
  const page = group.members.page(cursor, pageSize);
  return { links: page.entries.map((entry) => ref(entry.value, entry.key)), next: page.next };
}

/** Later rounds list each touched membership once, by its state now: present = added, gone = removed. */
function touchedMembers(
  group: GroupRecord,
  touched: Map<string, MemberType>,
  cursor: number,
  pageSize: number,
) {
  const ids = [...touched.entries()].slice(cursor, cursor + pageSize);
  const links = ids.map(([id, type]) => (group.members.has(id) ? ref(type, id) : removedRef(type, id)));
  return { links, next: cursor + pageSize < touched.size ? cursor + pageSize : null };
}
