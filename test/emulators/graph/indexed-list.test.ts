import { describe, expect, it } from "vitest";
import { IndexedList } from "../../../src/emulators/graph/indexed-list.js";

describe("IndexedList", () => {
  const list = () => {
    const items = new IndexedList<number>();
    for (let i = 0; i < 10; i++) items.set(`k${i}`, i);
    return items;
  };

  it("pages by offset and keeps later offsets stable when earlier entries are deleted", () => {
    const items = list();
    const first = items.page(0, 4);
    expect(first.entries.map((entry) => entry.value)).toEqual([0, 1, 2, 3]);
    items.delete("k1");
    const second = items.page(first.next ?? -1, 4);
    expect(second.entries.map((entry) => entry.value)).toEqual([4, 5, 6, 7]);
    const third = items.page(second.next ?? -1, 4);
    expect(third).toEqual({
      entries: [expect.objectContaining({ value: 8 }), expect.objectContaining({ value: 9 })],
      next: null,
    });
  });

  it("skips entries the filter rejects and reports no next page when only rejected ones remain", () => {
    const items = list();
    const page = items.page(0, 3, (value) => value % 2 === 0 && value < 5);
    expect(page).toEqual({ entries: page.entries, next: null });
    expect(page.entries.map((entry) => entry.value)).toEqual([0, 2, 4]);
  });

  it("replaces a value in place without moving it", () => {
    const items = list();
    items.set("k0", 100);
    expect(items.page(0, 1).entries[0]).toEqual({ slot: 0, key: "k0", value: 100 });
    expect(items.size).toBe(10);
  });
});
