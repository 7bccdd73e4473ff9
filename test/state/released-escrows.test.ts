import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceId } from "../../src/domain/ids.js";
import type { SourceUser } from "../../src/domain/source.js";
import { MIGRATIONS } from "../../src/state/migrations.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import type { CycleRecord, EscrowRecord } from "../../src/state/state-store.js";

const FAILED = "2026-11-01T00:00:00.000Z";
const NOW = "2026-11-02T00:00:00.000Z";
const alice = "alice" as SourceId;
const bob = "bob" as SourceId;

const escrow = (sourceId: SourceId): EscrowRecord => ({
  type: "user",
  sourceId,
  displayName: `${sourceId}@contoso.test`,
  attempts: 2,
  firstFailed: FAILED,
  lastFailed: FAILED,
  nextAttempt: FAILED,
  errorCode: "InternalServerError",
  errorMessage: "POST /Users answered 500",
  referenceFailure: false,
});

const released = (sourceId: SourceId, releasedBy: string, at: string) => ({
  type: "user",
  sourceId,
  displayName: `${sourceId}@contoso.test`,
  firstFailed: FAILED,
  lastFailed: FAILED,
  errorCode: "InternalServerError",
  errorMessage: "POST /Users answered 500",
  releasedBy,
  released: at,
});

const cycle: CycleRecord = {
  cycleId: "c1",
  job: "job",
  kind: "initial",
  started: FAILED,
  ended: NOW,
  state: "EntryLevelErrors",
  counters: {},
  error: null,
};

const batch = (changes: object) => ({
  links: [],
  removedLinks: [],
  managers: [],
  escrows: [],
  clearedEscrows: [],
  logEntries: [],
  ...changes,
});

describe("released escrows: failed objects whose retries stopped, kept for the next cycle", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "entra-sync-released-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates a state file made before them, and a restart there moves its escrows into them", () => {
    const path = join(dir, "state.db");
    const before = MIGRATIONS.findIndex((sql) => sql.includes("CREATE TABLE released_escrows"));
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, before)) old.exec(sql);
    old.pragma(`user_version = ${before}`);
    old
      .prepare(
        `INSERT INTO escrows (job, object_type, source_id, display_name, attempts, first_failed, last_failed,
           next_attempt, error_code, error_message, reference_failure)
         VALUES ('job', 'user', 'alice', 'alice@contoso.test', 2, ?, ?, ?, 'InternalServerError', 'POST /Users answered 500', 0)`,
      )
      .run(FAILED, FAILED, FAILED);
    old.close();

    const store = new SqliteStateStore(path);
    expect(store.releasedEscrows("job")).toEqual([]);
    store.reset("job", ["escrows"], NOW);
    expect(store.escrows("job")).toEqual([]);
    expect(store.releasedEscrows("job")).toEqual([released(alice, "restart", NOW)]);
    store.close();
  });

  it("takes the escrows an initial cycle prunes, stamped with the cycle's end", () => {
    const store = new SqliteStateStore(join(dir, "state.db"));
    store.startCycle({ ...cycle, ended: null, state: "Running" });
    store.recordBatch("job", batch({ escrows: [escrow(alice)] }));
    store.commitCycle({ cycle, mirror: null, jobState: null, pruneEscrows: true });
    expect(store.escrows("job")).toEqual([]);
    expect(store.releasedEscrows("job")).toEqual([released(alice, "escrowsPruned", NOW)]);
    store.close();
  });

  it("are written and settled by a cycle's batches", () => {
    const store = new SqliteStateStore(join(dir, "state.db"));
    store.recordBatch(
      "job",
      batch({ releasedEscrows: [released(alice, "expired", NOW), released(bob, "expired", NOW)] }),
    );
    expect(store.releasedEscrows("job").map((r) => r.sourceId)).toEqual([alice, bob]);
    store.recordBatch("job", batch({ clearedReleases: [{ type: "user", sourceId: alice }] }));
    expect(store.releasedEscrows("job").map((r) => r.sourceId)).toEqual([bob]);
    store.close();
  });

  it("lose the objects a full read no longer finds in the tenant: nothing is left to provision", () => {
    const store = new SqliteStateStore(join(dir, "state.db"));
    store.recordBatch(
      "job",
      batch({ releasedEscrows: [released(alice, "restart", NOW), released(bob, "restart", NOW)] }),
    );
    const users = new Map<SourceId, SourceUser>([[bob, { id: bob, attributes: {}, managerId: null }]]);
    store.startCycle({ ...cycle, ended: null, state: "Running" });
    store.commitCycle({
      cycle,
      mirror: { kind: "replace", users, groups: [], assignments: [] },
      jobState: null,
    });
    expect(store.releasedEscrows("job").map((r) => r.sourceId)).toEqual([bob]);
    store.close();
  });
});
