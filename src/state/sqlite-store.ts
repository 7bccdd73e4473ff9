import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { ProvisioningLogEntry } from "../domain/provisioning-log.js";
import type { LinkRecord } from "./link.js";
import { MIGRATIONS } from "./migrations.js";
import type {
  CycleCommit,
  CycleRecord,
  EscrowRecord,
  JobState,
  LogQuery,
  StateStore,
} from "./state-store.js";

interface LinkRow {
  object_type: ObjectType;
  source_id: string;
  target_id: string;
  display_name: string;
  exported: string;
  manager_id: string | null;
  member_ids: string;
  disabled_reason: LinkRecord["disabledReason"];
}

const toLink = (r: LinkRow): LinkRecord => ({
  type: r.object_type,
  sourceId: r.source_id as SourceId,
  targetId: r.target_id as TargetId,
  displayName: r.display_name,
  exported: JSON.parse(r.exported),
  managerId: (r.manager_id as SourceId | null) ?? null,
  memberIds: JSON.parse(r.member_ids),
  disabledReason: r.disabled_reason ?? null,
});

interface EscrowRow {
  object_type: ObjectType;
  source_id: string;
  display_name: string;
  attempts: number;
  first_failed: string;
  last_failed: string;
  next_attempt: string;
  error_code: string;
  error_message: string;
  reference_failure: number;
}

const toEscrow = (r: EscrowRow): EscrowRecord => ({
  type: r.object_type,
  sourceId: r.source_id as SourceId,
  displayName: r.display_name,
  attempts: r.attempts,
  firstFailed: r.first_failed,
  lastFailed: r.last_failed,
  nextAttempt: r.next_attempt,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  referenceFailure: r.reference_failure === 1,
});

/**
 * The state store on a SQLite file (WAL mode). Everything one cycle learnt is written by
 * {@link SqliteStateStore.commitCycle} in a single transaction: a crash leaves either the old state or the
 * new one, never half of each.
 */
export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `Expected a state file of schema version ≤ ${MIGRATIONS.length}, got ${version}: upgrade entra-sync`,
      );
    }
    this.db.transaction(() => {
      for (const sql of MIGRATIONS.slice(version)) this.db.exec(sql);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    })();
  }

  getJobState(job: string): JobState {
    const row = this.db
      .prepare("SELECT fingerprint, watermark, status FROM job_state WHERE job = ?")
      .get(job) as { fingerprint: string | null; watermark: string | null; status: string } | undefined;
    return {
      fingerprint: row?.fingerprint ?? null,
      watermark: row?.watermark ? JSON.parse(row.watermark) : null,
      status: row ? JSON.parse(row.status) : {},
    };
  }

  saveJobState(job: string, state: JobState): void {
    this.db
      .prepare(
        `INSERT INTO job_state (job, fingerprint, watermark, status) VALUES (?, ?, ?, ?)
         ON CONFLICT(job) DO UPDATE SET fingerprint = excluded.fingerprint, watermark = excluded.watermark, status = excluded.status`,
      )
      .run(
        job,
        state.fingerprint,
        state.watermark ? JSON.stringify(state.watermark) : null,
        JSON.stringify(state.status),
      );
  }

  links(job: string, type: ObjectType): Map<SourceId, LinkRecord> {
    const rows = this.db
      .prepare("SELECT * FROM links WHERE job = ? AND object_type = ?")
      .all(job, type) as LinkRow[];
    return new Map(rows.map((r) => [r.source_id as SourceId, toLink(r)]));
  }

  link(job: string, type: ObjectType, sourceId: SourceId): LinkRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM links WHERE job = ? AND object_type = ? AND source_id = ?")
      .get(job, type, sourceId) as LinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  escrows(job: string): EscrowRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM escrows WHERE job = ? ORDER BY next_attempt")
      .all(job) as EscrowRow[];
    return rows.map(toEscrow);
  }

  startCycle(record: CycleRecord): void {
    this.db
      .prepare(
        "INSERT INTO cycles (cycle_id, job, kind, started, state, counters) VALUES (?, ?, ?, ?, ?, '{}')",
      )
      .run(record.cycleId, record.job, record.kind, record.started, record.state);
  }

  cycles(job: string, limit = 20): CycleRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM cycles WHERE job = ? ORDER BY started DESC LIMIT ?")
      .all(job, limit) as {
      cycle_id: string;
      job: string;
      kind: CycleRecord["kind"];
      started: string;
      ended: string | null;
      state: CycleRecord["state"];
      counters: string;
      error: string | null;
    }[];
    return rows.map((r) => ({
      cycleId: r.cycle_id,
      job: r.job,
      kind: r.kind,
      started: r.started,
      ended: r.ended,
      state: r.state,
      counters: JSON.parse(r.counters),
      error: r.error,
    }));
  }

  /** Records one cycle's outcome atomically (links, escrows, log entries, cycle row, job state). */
  commitCycle(commit: CycleCommit): void {
    const upsertLink = this.db.prepare(
      `INSERT INTO links (job, object_type, source_id, target_id, display_name, exported, manager_id, member_ids, disabled_reason)
       VALUES (@job, @type, @sourceId, @targetId, @displayName, @exported, @managerId, @memberIds, @disabledReason)
       ON CONFLICT(job, object_type, source_id) DO UPDATE SET target_id = excluded.target_id,
         display_name = excluded.display_name, exported = excluded.exported, manager_id = excluded.manager_id,
         member_ids = excluded.member_ids, disabled_reason = excluded.disabled_reason`,
    );
    const deleteLink = this.db.prepare(
      "DELETE FROM links WHERE job = ? AND object_type = ? AND source_id = ?",
    );
    const upsertEscrow = this.db.prepare(
      `INSERT INTO escrows (job, object_type, source_id, display_name, attempts, first_failed, last_failed, next_attempt,
         error_code, error_message, reference_failure)
       VALUES (@job, @type, @sourceId, @displayName, @attempts, @firstFailed, @lastFailed, @nextAttempt, @errorCode,
         @errorMessage, @referenceFailure)
       ON CONFLICT(job, object_type, source_id) DO UPDATE SET display_name = excluded.display_name,
         attempts = excluded.attempts, last_failed = excluded.last_failed, next_attempt = excluded.next_attempt,
         error_code = excluded.error_code, error_message = excluded.error_message, reference_failure = excluded.reference_failure`,
    );
    const clearEscrow = this.db.prepare(
      "DELETE FROM escrows WHERE job = ? AND object_type = ? AND source_id = ?",
    );
    const insertLog = this.db.prepare(
      `INSERT INTO provisioning_log (id, job, cycle_id, time, action, status, object_type, source_id, source_name, target_id,
         error_code, entry) VALUES (@id, @jobName, @cycleId, @activityDateTime, @action, @status, @objectType, @sourceId,
         @sourceDisplayName, @targetId, @errorCode, @entry)`,
    );
    const job = commit.cycle.job;
    this.db.transaction(() => {
      for (const link of commit.links) {
        upsertLink.run({
          job,
          type: link.type,
          sourceId: link.sourceId,
          targetId: link.targetId,
          displayName: link.displayName,
          exported: JSON.stringify(link.exported),
          managerId: link.managerId,
          memberIds: JSON.stringify(link.memberIds),
          disabledReason: link.disabledReason,
        });
      }
      for (const gone of commit.removedLinks) deleteLink.run(job, gone.type, gone.sourceId);
      for (const e of commit.escrows)
        upsertEscrow.run({ job, ...e, referenceFailure: e.referenceFailure ? 1 : 0 });
      for (const cleared of commit.clearedEscrows) clearEscrow.run(job, cleared.type, cleared.sourceId);
      for (const entry of commit.logEntries) insertLog.run({ ...entry, entry: JSON.stringify(entry) });
      this.db
        .prepare("UPDATE cycles SET ended = ?, state = ?, counters = ?, error = ? WHERE cycle_id = ?")
        .run(
          commit.cycle.ended,
          commit.cycle.state,
          JSON.stringify(commit.cycle.counters),
          commit.cycle.error,
          commit.cycle.cycleId,
        );
      if (commit.jobState) this.saveJobState(job, commit.jobState);
    })();
  }

  logs(query: LogQuery): ProvisioningLogEntry[] {
    const where = ["job = @job"];
    if (query.action) where.push("action = @action");
    if (query.status) where.push("status = @status");
    if (query.since) where.push("time >= @since");
    if (query.until) where.push("time <= @until");
    if (query.cycleId) where.push("cycle_id = @cycleId");
    if (query.object)
      where.push("(source_id = @object OR source_name = @object COLLATE NOCASE OR target_id = @object)");
    const rows = this.db
      .prepare(
        `SELECT entry FROM provisioning_log WHERE ${where.join(" AND ")} ORDER BY time DESC, rowid DESC LIMIT @limit`,
      )
      .all({ ...query, limit: query.limit ?? 1000 }) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry));
  }

  close(): void {
    this.db.close();
  }
}
