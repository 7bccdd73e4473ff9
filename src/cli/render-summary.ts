import type { CycleSummary } from "../app/run-cycle.js";
import { tallyTotal } from "../executor/outcome-tally.js";

/** A word the shell reads as itself: a path with spaces or quotes is single-quoted. */
const shellWord = (word: string) =>
  /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;

/**
 * One paragraph per cycle: what was done, what failed, where to look. Its "N changes" counts what the
 * progress line counted (`outcomeCategory`), so the two agree. `configPath` (the `-c` the command
 * was given) makes the approval command for held deletions one that can be pasted as it is.
 */
export function renderSummary(summary: CycleSummary, configPath = "FILE"): string {
  const { cycle, tally: t } = summary;
  const lines = [
    `Job "${cycle.job}" cycle ${cycle.cycleId} (${cycle.kind}): ${cycle.state}`,
    `  ${tallyTotal(t)} changes: ${t.created} created, ${t.updated} updated, ${t.disabled} disabled, ` +
      `${t.deleted} deleted, ${t.references} reference updates, ${t.unchanged} unchanged, ${t.skipped} skipped, ` +
      `${t.failed} failed${t.held > 0 ? `, ${t.held} held` : ""}` +
      `${t.notAttempted > 0 ? `, ${t.notAttempted} not attempted` : ""}`,
  ];
  if (cycle.error) lines.push(`  error: ${cycle.error}`);
  const guard = summary.deletionGuard;
  if (guard.tripped) {
    lines.push(
      `  deletions held: ${guard.planned} disables/deletes exceed the threshold of ${guard.threshold}, so none ` +
        "was sent; to approve them for the next cycle: " +
        `entra-sync restart -c ${shellWord(configPath)} --job ${shellWord(cycle.job)} --reset force-deletes`,
    );
  }
  if (summary.quarantine) {
    const q = summary.quarantine;
    lines.push(
      `  quarantined: ${q.reason} since ${q.currentBegan}; next attempt ${q.nextAttempt ?? "none (disabled)"}`,
    );
  }
  for (const f of t.failures) lines.push(`  ✗ ${f.type} ${f.displayName}: ${f.code}: ${f.message}`);
  const unnamed = t.failed - t.failures.length;
  if (unnamed > 0) lines.push(`  … ${unnamed} more failed: entra-sync logs --status Failure`);
  return lines.join("\n");
}
