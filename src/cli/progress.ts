import type { Outcome } from "../executor/outcome.js";
import { outcomeCategory } from "../executor/outcome-tally.js";

/**
 * Progress of a long cycle on the terminal. A cycle plans and applies in batches, so the number of changes
 * grows while it runs: the reporter shows changes done out of those planned so far, never a percentage
 * that would reach 100% after the first batch. "Done" counts every change handled, failed or not, in the
 * buckets the summary uses (`outcomeCategory`), so the last line's count is the summary's "N changes" and
 * its failures are the summary's. On a TTY one line is redrawn; otherwise (logs, CI) a plain line at most
 * every `intervalMs`, and one at the end.
 */
export function progressReporter(
  stream: NodeJS.WriteStream,
  label: string,
  options: { readonly intervalMs?: number; readonly now?: () => number } = {},
) {
  const tty = stream.isTTY === true;
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? (() => performance.now());
  let lastLine = now();
  let last = { done: 0, planned: 0 };
  let failed = 0;
  let notAttempted = 0;
  const line = () =>
    `${label}: ${last.done}/${last.planned} changes done, ${failed} failed` +
    (notAttempted > 0 ? `, ${notAttempted} not attempted` : "");
  return {
    /** One more change handled: `done` of the `planned` handed to apply so far. */
    update(outcome: Outcome, done: number, planned: number): void {
      const category = outcomeCategory(outcome);
      if (category === "failed") failed++;
      else if (category === "notAttempted") notAttempted++;
      last = { done, planned };
      if (tty) {
        stream.write(`\r${line()}`);
        return;
      }
      if (now() - lastLine >= intervalMs) {
        lastLine = now();
        stream.write(`${line()}\n`);
      }
    },
    /** Ends the progress output: the TTY line is kept, and a non-TTY output gets the final count. */
    finish(): void {
      if (last.planned === 0) return;
      stream.write(tty ? "\n" : `${line()}\n`);
    },
  };
}
