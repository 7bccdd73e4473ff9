/** One live entry of an {@link IndexedList}, with the slot it occupies. */
export interface SlotEntry<T> {
  readonly slot: number;
  readonly key: string;
  readonly value: T;
}

/**
 * An insertion-ordered map that can also be read by position. Removal leaves a hole instead of shifting
 * later entries, so an offset handed out in a `$skiptoken` keeps pointing at the same place while the
 * tenant changes under a paging client, and a page costs O(page size), not O(n), even at 100k objects.
 */
export class IndexedList<T> {
  private readonly slots: (SlotEntry<T> | undefined)[] = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.index.size;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.slots[slot]?.value;
  }

  /** Appends a new key, or replaces the value of an existing key in place. */
  set(key: string, value: T): void {
    const existing = this.index.get(key);
    const slot = existing ?? this.slots.length;
    this.slots[slot] = { slot, key, value };
    if (existing === undefined) this.index.set(key, slot);
  }

  delete(key: string): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.slots[slot] = undefined;
    this.index.delete(key);
    return true;
  }

  /** The first live entry at or after `slot` that `keep` accepts (holes and rejected entries are skipped). */
  nextFrom(slot: number, keep: (value: T, key: string) => boolean = () => true): SlotEntry<T> | undefined {
    for (let i = Math.max(0, slot); i < this.slots.length; i++) {
      const entry = this.slots[i];
      if (entry !== undefined && keep(entry.value, entry.key)) return entry;
    }
    return undefined;
  }

  /**
   * Up to `limit` accepted entries from `offset`; `next` is the offset of the following page, or null when
   * nothing is left.
   */
  page(
    offset: number,
    limit: number,
    keep: (value: T, key: string) => boolean = () => true,
  ): { entries: SlotEntry<T>[]; next: number | null } {
    const entries: SlotEntry<T>[] = [];
    let cursor = offset;
    while (entries.length < limit) {
      const entry = this.nextFrom(cursor, keep);
      if (entry === undefined) return { entries, next: null };
      entries.push(entry);
      cursor = entry.slot + 1;
    }
    return { entries, next: this.nextFrom(cursor, keep) === undefined ? null : cursor };
  }

  *values(): IterableIterator<T> {
    for (const entry of this.slots) if (entry !== undefined) yield entry.value;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }
}
