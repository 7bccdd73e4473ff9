import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SourceId, TargetId } from "../src/domain/ids.js";
import type { ProvisioningLogEntry, ProvisioningStep } from "../src/domain/provisioning-log.js";
import { SqliteStateStore } from "../src/state/sqlite-store.js";

/**
 * `node --import tsx bench/log-write.ts [entries]`: the cost of recording provisioning-log entries shaped
 * like an initial cycle's creates (four steps, twelve modified properties, ~2 KB of JSON), written through
 * `recordBatch` in batches of 1,000 into a fresh state file. Prints µs per entry.
 */

const step = (name: string): ProvisioningStep => ({
  name,
  type: "processing",
  status: "success",
  description: `Step ${name} for user someone@contoso.test in the tenant`,
  details: { a: "b" },
});

function entry(i: number): ProvisioningLogEntry {
  return {
    id: randomUUID(),
    jobName: "bench",
    cycleId: "cycle",
    changeId: randomUUID(),
    activityDateTime: new Date().toISOString(),
    durationInMilliseconds: 3,
    action: "Create",
    status: "Success",
    errorCode: null,
    reason: "User 'x' was created in App",
    objectType: "user",
    sourceId: randomUUID() as SourceId,
    sourceDisplayName: `user${i}@contoso.test`,
    targetId: randomUUID() as TargetId,
    steps: ["EntryImport", "EntrySynchronizationScoping", "EntryMatching", "EntryExportAdd"].map(step),
    modifiedProperties: Array.from({ length: 12 }, (_, k) => ({
      displayName: `attribute${k}`,
      oldValue: null,
      newValue: JSON.stringify(`value ${k} of user ${i}`),
    })),
  };
}

const count = Number(process.argv[2] ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), "entra-sync-log-bench-"));
const store = new SqliteStateStore(join(dir, "state.db"));
try {
  const started = performance.now();
  for (let done = 0; done < count; done += 1000) {
    const logEntries = Array.from({ length: Math.min(1000, count - done) }, (_, k) => entry(done + k));
    store.recordBatch("bench", {
      links: [],
      removedLinks: [],
      managers: [],
      escrows: [],
      clearedEscrows: [],
      logEntries,
    });
  }
  const ms = performance.now() - started;
  const bytes = JSON.stringify(entry(0)).length;
  console.log(
    `${count} entries of ${bytes} bytes: ${(ms / 1000).toFixed(2)} s, ${((ms * 1000) / count).toFixed(1)} µs/entry`,
  );
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
