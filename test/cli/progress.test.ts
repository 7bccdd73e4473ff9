import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";
import { ConnectorError } from "../../src/domain/errors.js";
import type { SourceId } from "../../src/domain/ids.js";
import type { Outcome } from "../../src/executor/outcome.js";
import type { Change } from "../../src/plan/change.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream, writes };
}

const change: Change = {
  kind: "create",
  subject: { type: "user", sourceId: "u1" as SourceId, displayName: "u1@x" },
  attributes: {},
  steps: [],
};
const created: Outcome = { kind: "success", change, targetId: null, durationMs: 1 };
const failed: Outcome = {
  kind: "failure",
  change,
  error: new ConnectorError("UnprocessableEntity", "bad", "object"),
  durationMs: 1,
};
const skipped: Outcome = {
  kind: "noop",
  change: {
    kind: "skip",
    subject: change.subject,
    reason: "NotEffectivelyEntitled",
    detail: "d",
    targetId: null,
    steps: [],
  },
};

describe("cycle progress on the terminal", () => {
  it("redraws one line on a TTY with changes done out of those planned so far, and ends it", () => {
    const { stream, writes } = fakeStream(true);
    const p = progressReporter(stream, "job");
    p.update(created, 1000, 1000);
    p.update(created, 1500, 2000);
    p.finish();
    expect(writes).toEqual([
      "\rjob: 1000/1000 changes done, 0 failed",
      "\rjob: 1500/2000 changes done, 0 failed",
      "\n",
    ]);
  });

  it("counts failed changes as done and says how many failed; a skip is done, not failed", () => {
    const { stream, writes } = fakeStream(true);
    const p = progressReporter(stream, "job");
    p.update(skipped, 1, 3);
    p.update(created, 2, 3);
    p.update(failed, 3, 3);
    p.update({ kind: "notAttempted", change }, 4, 4);
    expect(writes.at(-2)).toBe("\rjob: 3/3 changes done, 1 failed");
    expect(writes.at(-1)).toBe("\rjob: 4/4 changes done, 1 failed, 1 not attempted");
  });

  it("prints a plain line at most once per interval when the output is not a TTY, and the final count", () => {
    const { stream, writes } = fakeStream(false);
    let clock = 0;
    const p = progressReporter(stream, "job", { intervalMs: 10_000, now: () => clock });
    for (let i = 1; i <= 3000; i++) {
      clock = i * 10; // 30 s in all
      p.update(i === 1500 ? failed : created, i, i <= 1000 ? 1000 : 3000);
    }
    p.finish();
    expect(writes).toEqual([
      "job: 1000/1000 changes done, 0 failed\n",
      "job: 2000/3000 changes done, 1 failed\n",
      "job: 3000/3000 changes done, 1 failed\n",
      "job: 3000/3000 changes done, 1 failed\n",
    ]);
  });

  it("prints nothing for a cycle with nothing planned", () => {
    const { stream, writes } = fakeStream(false);
    progressReporter(stream, "job").finish();
    expect(writes).toEqual([]);
  });
});
