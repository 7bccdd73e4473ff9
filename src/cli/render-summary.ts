import type { CycleSummary } from "../app/run-cycle.js";

/** One paragraph per cycle: what was done, what failed, where to look. */
export function renderSummary(summary: CycleSummary): string {
  const { cycle, tally: t } = summary;
  const lines = [
    `Job "${cycle.job}" cycle ${cycle.cycleId} (${cycle.kind}): ${cycle.state}`,
    `  ${t.created} created, ${t.updated} updated, ${t.disabled} disabled, ${t.deleted} deleted, ` +
      `${t.references} reference updates, ${t.unchanged} unchanged, ${t.failed} failed`,
  ];
  if (cycle.error) lines.push(`  error: ${cycle.error}`);
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
