import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream, writes };
}

describe("cycle progress on the terminal", () => {
  it("redraws one bar on a TTY and ends it with a newline", () => {
    const { stream, writes } = fakeStream(true);
    const p = progressReporter(stream, "job");
    p.update(1, 4);
    p.update(4, 4);
    expect(writes[0]).toBe("\rjob [########......................] 1/4 changes");
    expect(writes.at(-1)).toBe("\n");
  });

  it("prints a plain line per quarter when the output is not a TTY", () => {
    const { stream, writes } = fakeStream(false);
    const p = progressReporter(stream, "job");
    for (let i = 1; i <= 100; i++) p.update(i, 100);
    expect(writes).toEqual([
      "job: 25/100 changes applied\n",
      "job: 50/100 changes applied\n",
      "job: 75/100 changes applied\n",
      "job: 100/100 changes applied\n",
    ]);
  });
});
