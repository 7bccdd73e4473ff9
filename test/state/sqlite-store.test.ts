import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceId } from "../../src/domain/ids.js";
import type { ProvisioningLogEntry } from "../../src/domain/provisioning-log.js";
import { MIGRATIONS } from "../../src/state/migrations.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import type { CycleRecord } from "../../src/state/state-store.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-22T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

function entry(id: string, time: string, cycleId: string): ProvisioningLogEntry {
  return {
    id,
    jobName: "job",
    cycleId,
    changeId: `change-${id}`,
    activityDateTime: time,
    durationInMilliseconds: 1,
    action: "Create",
    status: "Success",
    errorCode: null,
    reason: "created",
    objectType: "user",
    sourceId: `user-${id}` as SourceId,
    sourceDisplayName: `${id}@contoso.test`,
    targetId: null,
    steps: [],
    modifiedProperties: [],
  };
}

function cycle(cycleId: string, started: string, ended: string | null): CycleRecord {
  return {
    cycleId,
    job: "job",
    kind: "initial",
    started,
    ended,
    state: ended ? "Succeeded" : "Running",
    counters: {},
    error: null,
  };
}

/** Runs one cycle that logs one entry at `time` and ends at `ended`. */
function runCycleAt(store: SqliteStateStore, id: string, time: string, ended: string): void {
  store.startCycle(cycle(`c-${id}`, time, null));
  store.recordBatch("job", {
    links: [],
    removedLinks: [],
    escrows: [],
    clearedEscrows: [],
    managers: [],
    logEntries: [entry(id, time, `c-${id}`)],
  });
  store.commitCycle({ cycle: cycle(`c-${id}`, time, ended), mirror: null, jobState: null });
}

describe("the SQLite state store", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "entra-sync-store-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("deletes log entries and finished cycles older than the retention as a cycle ends, and keeps the rest", () => {
    const store = new SqliteStateStore(join(dir, "state.db"), { logRetentionDays: 30 });
    runCycleAt(store, "old", daysAgo(40), daysAgo(40));
    runCycleAt(store, "recent", daysAgo(29), daysAgo(29));
    expect(store.logs({ job: "job" }).map((e) => e.id)).toEqual(["recent", "old"]);
    runCycleAt(store, "now", daysAgo(0), daysAgo(0));
    expect(store.logs({ job: "job" }).map((e) => e.id)).toEqual(["now", "recent"]);
    expect(store.cycles("job").map((c) => c.cycleId)).toEqual(["c-now", "c-recent"]);
    store.close();
  });

  it("keeps every entry when no retention is set (the CLI's read-only uses)", () => {
    const store = new SqliteStateStore(join(dir, "state.db"));
    runCycleAt(store, "old", daysAgo(400), daysAgo(400));
    runCycleAt(store, "now", daysAgo(0), daysAgo(0));
    expect(store.logs({ job: "job" }).map((e) => e.id)).toEqual(["now", "old"]);
    store.close();
  });

  it("migrates a state file whose log was keyed by entry id without losing entries", () => {
    const path = join(dir, "state.db");
    const keyedById = MIGRATIONS.findIndex((sql) => sql.includes("provisioning_log_next"));
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, keyedById)) old.exec(sql);
    old.pragma(`user_version = ${keyedById}`);
    const logged = entry("kept", daysAgo(1), "c-kept");
    old
      .prepare(
        `INSERT INTO provisioning_log (id, job, cycle_id, time, action, status, object_type, source_id, source_name,
           target_id, error_code, entry) VALUES (?, 'job', 'c-kept', ?, 'Create', 'Success', 'user', ?, ?, NULL, NULL, ?)`,
      )
      .run(
        logged.id,
        logged.activityDateTime,
        logged.sourceId,
        logged.sourceDisplayName,
        JSON.stringify(logged),
      );
    old.close();

    const store = new SqliteStateStore(path, { logRetentionDays: 30 });
    expect(store.logs({ job: "job" })).toEqual([logged]);
    runCycleAt(store, "after", daysAgo(0), daysAgo(0));
    expect(store.logs({ job: "job" }).map((e) => e.id)).toEqual(["after", "kept"]);
    store.close();
  });

  it("keeps only the log index its queries use, on a new file and on one made before it was dropped", () => {
    const logIndexes = (path: string) => {
      const db = new Database(path, { readonly: true });
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'provisioning_log'")
        .pluck()
        .all();
      db.close();
      return names;
    };
    const fresh = join(dir, "fresh.db");
    new SqliteStateStore(fresh).close();
    expect(logIndexes(fresh)).toEqual(["provisioning_log_job_time"]);

    const older = join(dir, "older.db");
    const old = new Database(older);
    const dropping = MIGRATIONS.findIndex((sql) =>
      sql.includes("DROP INDEX IF EXISTS provisioning_log_source"),
    );
    for (const sql of MIGRATIONS.slice(0, dropping)) old.exec(sql);
    old.pragma(`user_version = ${dropping}`);
    old.close();
    expect(logIndexes(older)).toContain("provisioning_log_source");
    const store = new SqliteStateStore(older);
    expect(store.logs({ job: "job", object: "nobody" })).toEqual([]);
    store.close();
    expect(logIndexes(older)).toEqual(["provisioning_log_job_time"]);
  });
});
