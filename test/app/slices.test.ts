import { describe, expect, it } from "vitest";
import { slices } from "../../src/app/slices.js";

describe("slices", () => {
  it("cuts a list into consecutive slices, the last one shorter", () => {
    expect([...slices([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...slices([1, 2, 3, 4], 2)]).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect([...slices([], 3)]).toEqual([]);
  });

  it("pulls a lazy source one slice at a time", () => {
    let pulled = 0;
    function* source() {
      for (let n = 0; n < 10; n++) {
        pulled++;
        yield n;
      }
    }
    const iterator = slices(source(), 3);
    expect(iterator.next().value).toEqual([0, 1, 2]);
    expect(pulled).toBe(3);
    expect(iterator.next().value).toEqual([3, 4, 5]);
    expect(pulled).toBe(6);
  });
});
