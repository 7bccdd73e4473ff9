import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream, writes };
}

describe("cycle progress on the terminal", () => {
  it("redraws one line on a TTY with changes applied out of those planned so far, and ends it", () => {
    const { stream, writes } = fakeStream(true);
    const p = progressReporter(stream, "job");
    p.update(1000, 1000);
    p.update(1500, 2000);
    p.finish();
    expect(writes).toEqual([
      "\rjob: 1000/1000 planned changes applied",
      "\rjob: 1500/2000 planned changes applied",
      "\n",
    ]);
  });

  it("prints a plain line at most once per interval when the output is not a TTY, and the final count", () => {
    const { stream, writes } = fakeStream(false);
    let clock = 0;
    const p = progressReporter(stream, "job", { intervalMs: 10_000, now: () => clock });
    for (let i = 1; i <= 3000; i++) {
      clock = i * 10; // 30 s in all
      p.update(i, i <= 1000 ? 1000 : 3000);
    }
    p.finish();
    expect(writes).toEqual([
      "job: 1000/1000 planned changes applied\n",
      "job: 2000/3000 planned changes applied\n",
      "job: 3000/3000 planned changes applied\n",
      "job: 3000/3000 planned changes applied\n",
    ]);
  });

  it("prints nothing for a cycle with nothing planned", () => {
    const { stream, writes } = fakeStream(false);
    progressReporter(stream, "job").finish();
    expect(writes).toEqual([]);
  });
});
