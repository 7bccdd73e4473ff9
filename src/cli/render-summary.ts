import type { CycleSummary } from "../app/run-cycle.js";

/** One paragraph per cycle: what was done, what failed, where to look. */
export function renderSummary(summary: CycleSummary): string {
  const { cycle, outcomes } = summary;
  const count = (pred: (o: CycleSummary["outcomes"][number]) => boolean) => outcomes.filter(pred).length;
  const done = (kind: string) => count((o) => o.kind === "success" && o.change.kind === kind);
  const failed = count((o) => o.kind === "failure" || (o.kind === "noop" && o.change.kind === "fail"));
  const unchanged = count(
    (o) =>
      o.kind === "noop" &&
      (o.change.kind === "update" || (o.change.kind === "skip" && o.change.reason === "RedundantExport")),
  );
  const lines = [
    `Job "${cycle.job}" cycle ${cycle.cycleId} (${cycle.kind}): ${cycle.state}`,
    `  ${done("create")} created, ${done("update")} updated, ${done("disable")} disabled, ${done("delete")} deleted, ` +
      `${done("manager") + done("members")} reference updates, ${unchanged} unchanged, ${failed} failed`,
  ];
  if (cycle.error) lines.push(`  error: ${cycle.error}`);
  if (summary.quarantine) {
    const q = summary.quarantine;
    lines.push(
      `  quarantined: ${q.reason} since ${q.currentBegan}; next attempt ${q.nextAttempt ?? "none (disabled)"}`,
    );
  }
  for (const o of outcomes) {
    if (o.kind === "failure")
      lines.push(
        `  ✗ ${o.change.subject.type} ${o.change.subject.displayName}: ${o.error.code}: ${o.error.message}`,
      );
  }
  return lines.join("\n");
}
