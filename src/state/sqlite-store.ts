import type Database from "better-sqlite3";
import type { ObjectType, SourceId, TargetId } from "../domain/ids.js";
import type { ProvisioningLogEntry } from "../domain/provisioning-log.js";
import type { AppRoleAssignment, SourceGroup, SourceUser } from "../domain/source.js";
import type { UserCollection } from "../domain/user-collection.js";
import { toBatchRows, writeBatchRows } from "./batch-rows.js";
import type { LinkRecord } from "./link.js";
import { MIGRATIONS } from "./migrations.js";
import type { MirrorWrite, SourceMirror } from "./source-mirror.js";
import { openDatabase, statementCache } from "./sqlite-connection.js";
import type {
  BatchRecord,
  CycleCommit,
  CycleRecord,
  EscrowRecord,
  EscrowRelease,
  JobState,
  JobStatus,
  LogQuery,
  ReleasedEscrow,
  ResetPart,
  StateStore,
} from "./state-store.js";
import { CREATE_USER_SPOOL, SqliteUserSpool } from "./user-spool.js";

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

/** The columns an escrow and a released escrow share: which object failed, when and how. */
type FailureRow = Omit<EscrowRow, "attempts" | "next_attempt" | "reference_failure">;

const failureOf = (r: FailureRow) => ({
  type: r.object_type,
  sourceId: r.source_id as SourceId,
  displayName: r.display_name,
  firstFailed: r.first_failed,
  lastFailed: r.last_failed,
  errorCode: r.error_code,
  errorMessage: r.error_message,
});

const toEscrow = (r: EscrowRow): EscrowRecord => ({
  ...failureOf(r),
  attempts: r.attempts,
  nextAttempt: r.next_attempt,
  referenceFailure: r.reference_failure === 1,
});

/** A released escrow's row: the failure, and why and when its retries stopped. */
type ReleasedRow = FailureRow & { released_by: EscrowRelease; released: string };

const toReleased = (r: ReleasedRow): ReleasedEscrow => ({
  ...failureOf(r),
  releasedBy: r.released_by,
  released: r.released,
});

/** Moves every escrow of a job into the released escrows, stamped with why and when. */
const RELEASE_ESCROWS = `INSERT OR REPLACE INTO released_escrows (job, object_type, source_id, display_name, first_failed,
    last_failed, error_code, error_message, released_by, released)
  SELECT job, object_type, source_id, display_name, first_failed, last_failed, error_code, error_message, @by, @now
  FROM escrows WHERE job = @job`;

/**
 * The state store on a SQLite file (WAL mode). What a batch of a cycle learnt (links, escrows, log
 * entries) is written by {@link SqliteStateStore.recordBatch} in one transaction, and the cycle's end (its
 * record, the connector data store, the watermark) by {@link SqliteStateStore.commitCycle} in another: a
 * crash loses at most a batch in flight, and never advances the watermark past unrecorded work.
 */
export class SqliteStateStore implements StateStore, SourceMirror {
  private readonly db: Database.Database;

  private readonly sql: (text: string) => Database.Statement;

  /** Each job's current user spool (see {@link userSpool}). */
  private readonly spools = new Map<string, SqliteUserSpool>();

  /**
   * @param options.logRetentionDays provisioning-log entries and finished cycles older than this, counted
   *   back from the end of the cycle being committed, are deleted in its commit. Undefined keeps everything.
   */
  constructor(
    readonly path: string,
    private readonly options: { readonly logRetentionDays?: number } = {},
  ) {
    this.db = openDatabase(path);
    this.sql = statementCache(this.db);
    this.migrate();
    this.db.exec(CREATE_USER_SPOOL);
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
    const row = this.sql("SELECT fingerprint, watermark, status FROM job_state WHERE job = ?").get(job) as
      | { fingerprint: string | null; watermark: string | null; status: string }
      | undefined;
    return {
      fingerprint: row?.fingerprint ?? null,
      watermark: row?.watermark ? JSON.parse(row.watermark) : null,
      status: row ? JSON.parse(row.status) : {},
    };
  }

  saveJobState(job: string, state: JobState): void {
    this.sql(
      `INSERT INTO job_state (job, fingerprint, watermark, status) VALUES (?, ?, ?, ?)
         ON CONFLICT(job) DO UPDATE SET fingerprint = excluded.fingerprint, watermark = excluded.watermark, status = excluded.status`,
    ).run(
      job,
      state.fingerprint,
      state.watermark ? JSON.stringify(state.watermark) : null,
      JSON.stringify(state.status),
    );
  }

  links(job: string, type: ObjectType): Map<SourceId, LinkRecord> {
    const rows = this.sql("SELECT * FROM links WHERE job = ? AND object_type = ?").all(
      job,
      type,
    ) as LinkRow[];
    return new Map(rows.map((r) => [r.source_id as SourceId, toLink(r)]));
  }

  userSpool(job: string): UserCollection {
    const last = this.spools.get(job);
    if (last) this.discardSpool(last);
    const spool = new SqliteUserSpool(this.db, this.sql, job);
    this.spools.set(job, spool);
    return spool;
  }

  private discardSpool(spool: SqliteUserSpool): void {
    spool.discard();
    if (this.spools.get(spool.job) === spool) this.spools.delete(spool.job);
  }

  linkTargets(job: string, type: ObjectType): Map<SourceId, TargetId> {
    const rows = this.sql("SELECT source_id, target_id FROM links WHERE job = ? AND object_type = ?").all(
      job,
      type,
    ) as { source_id: SourceId; target_id: TargetId }[];
    return new Map(rows.map((r) => [r.source_id, r.target_id]));
  }

  link(job: string, type: ObjectType, sourceId: SourceId): LinkRecord | undefined {
    const row = this.sql("SELECT * FROM links WHERE job = ? AND object_type = ? AND source_id = ?").get(
      job,
      type,
      sourceId,
    ) as LinkRow | undefined;
    return row ? toLink(row) : undefined;
  }

  linkTarget(job: string, type: ObjectType, sourceId: SourceId): TargetId | undefined {
    return this.sql("SELECT target_id FROM links WHERE job = ? AND object_type = ? AND source_id = ?")
      .pluck()
      .get(job, type, sourceId) as TargetId | undefined;
  }

  countLinks(job: string, type: ObjectType): number {
    return this.sql("SELECT count(*) FROM links WHERE job = ? AND object_type = ?")
      .pluck()
      .get(job, type) as number;
  }

  escrows(job: string): EscrowRecord[] {
    const rows = this.sql("SELECT * FROM escrows WHERE job = ? ORDER BY next_attempt").all(
      job,
    ) as EscrowRow[];
    return rows.map(toEscrow);
  }

  releasedEscrows(job: string): ReleasedEscrow[] {
    const rows = this.sql("SELECT * FROM released_escrows WHERE job = ? ORDER BY released").all(
      job,
    ) as ReleasedRow[];
    return rows.map(toReleased);
  }

  /** Stops the retries of every escrow of the job, keeping its objects for the next cycle's evaluation. */
  private releaseEscrows(job: string, by: EscrowRelease, now: string): void {
    this.sql(RELEASE_ESCROWS).run({ job, by, now });
    this.sql("DELETE FROM escrows WHERE job = ?").run(job);
  }

  startCycle(record: CycleRecord): void {
    this.sql(
      "INSERT INTO cycles (cycle_id, job, kind, started, state, counters) VALUES (?, ?, ?, ?, ?, '{}')",
    ).run(record.cycleId, record.job, record.kind, record.started, record.state);
  }

  cycles(job: string, limit = 20): CycleRecord[] {
    const rows = this.sql("SELECT * FROM cycles WHERE job = ? ORDER BY started DESC LIMIT ?").all(
      job,
      limit,
    ) as {
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
  recordBatch(job: string, batch: BatchRecord): void {
    writeBatchRows(this.db, this.sql, toBatchRows(job, batch));
  }

  commitCycle(commit: CycleCommit): void {
    const job = commit.cycle.job;
    this.db.transaction(() => {
      this.sql("UPDATE cycles SET ended = ?, state = ?, counters = ?, error = ? WHERE cycle_id = ?").run(
        commit.cycle.ended,
        commit.cycle.state,
        JSON.stringify(commit.cycle.counters),
        commit.cycle.error,
        commit.cycle.cycleId,
      );
      if (commit.mirror) this.writeMirror(job, commit.mirror);
      // A full read replaced the connector data store: a released object no longer in the tenant is gone,
      // and there is nothing left to provision.
      if (commit.mirror?.kind === "replace")
        this.sql(
          `DELETE FROM released_escrows WHERE job = @job AND NOT EXISTS (SELECT 1 FROM source_objects o
             WHERE o.job = @job AND o.object_type = released_escrows.object_type AND o.id = released_escrows.source_id)`,
        ).run({ job });
      if (commit.pruneEscrows)
        this.releaseEscrows(job, "escrowsPruned", commit.cycle.ended ?? commit.cycle.started);
      if (commit.jobState) this.saveJobState(job, commit.jobState);
      if (commit.cycle.ended) this.pruneHistory(job, commit.cycle.ended);
    })();
  }

  /** Deletes the job's log entries and finished cycles older than the retention before `now`. */
  private pruneHistory(job: string, now: string): void {
    const days = this.options.logRetentionDays;
    if (days === undefined) return;
    const cutoff = new Date(Date.parse(now) - days * 86_400_000).toISOString();
    this.sql("DELETE FROM provisioning_log WHERE job = ? AND time < ?").run(job, cutoff);
    this.sql("DELETE FROM cycles WHERE job = ? AND ended IS NOT NULL AND ended < ?").run(job, cutoff);
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
    const rows = this.sql(
      `SELECT entry FROM provisioning_log WHERE ${where.join(" AND ")} ORDER BY time DESC, rowid DESC LIMIT @limit`,
    ).all({ ...query, limit: query.limit ?? 1000 }) as { entry: string }[];
    return rows.map((r) => JSON.parse(r.entry));
  }

  reset(job: string, parts: readonly ResetPart[], now = new Date().toISOString()): void {
    this.db.transaction(() => {
      const state = this.getJobState(job);
      let status: JobStatus = state.status;
      let watermark = state.watermark;
      for (const part of parts) {
        switch (part) {
          case "watermark":
            // The next cycle is an initial one and rebuilds the connector data store.
            watermark = null;
            for (const table of ["source_objects", "source_members", "source_assignments"]) {
              this.sql(`DELETE FROM ${table} WHERE job = ?`).run(job);
            }
            break;
          case "escrows":
            this.releaseEscrows(job, "restart", now);
            break;
          case "quarantine": {
            const { quarantine: _dropped, ...rest } = status as JobStatus & { quarantine?: unknown };
            status = rest;
            break;
          }
          case "links":
            this.sql("DELETE FROM links WHERE job = ?").run(job);
            break;
          case "force-deletes":
            status = { ...status, approveDeletes: true };
            break;
          default: {
            const never: never = part;
            throw new Error(`Unknown reset part ${String(never)}`);
          }
        }
      }
      this.saveJobState(job, { ...state, watermark, status });
    })();
  }

  /** Mirror rows of one type by id, each turned into an object by `build`; unknown ids are left out. */
  private mirrorObjects<T>(
    job: string,
    type: ObjectType,
    ids: Iterable<SourceId>,
    build: (id: SourceId, row: MirrorRow, base: MirrorBase) => T,
  ): Map<SourceId, T> {
    const get = this.sql(
      "SELECT attributes, manager_id, removed FROM source_objects WHERE job = ? AND object_type = ? AND id = ?",
    );
    const out = new Map<SourceId, T>();
    for (const id of ids) {
      const row = get.get(job, type, id) as MirrorRow | undefined;
      if (!row) continue;
      const base: MirrorBase = {
        id,
        attributes: JSON.parse(row.attributes),
        ...(row.removed ? { removed: row.removed as "soft" | "hard" } : {}),
      };
      out.set(id, build(id, row, base));
    }
    return out;
  }

  mirrorUsers(job: string, ids: Iterable<SourceId>): Map<SourceId, SourceUser> {
    return this.mirrorObjects(job, "user", ids, (_id, row, base) => ({
      ...base,
      managerId: (row.manager_id as SourceId | null) ?? null,
    }));
  }

  mirrorGroups(job: string, ids: Iterable<SourceId>): Map<SourceId, SourceGroup> {
    const members = this.sql("SELECT member_id FROM source_members WHERE job = ? AND group_id = ?").pluck();
    return this.mirrorObjects(job, "group", ids, (id, _row, base) => ({
      ...base,
      memberIds: members.all(job, id) as SourceId[],
    }));
  }

  mirrorGroupsOfUsers(job: string, userIds: Iterable<SourceId>): Map<SourceId, SourceId[]> {
    const get = this.sql("SELECT group_id FROM source_members WHERE job = ? AND member_id = ?").pluck();
    const out = new Map<SourceId, SourceId[]>();
    for (const id of userIds) out.set(id, get.all(job, id) as SourceId[]);
    return out;
  }

  mirrorAssignments(job: string): AppRoleAssignment[] {
    const rows = this.sql(
      "SELECT id, principal_id, principal_type, app_role_id FROM source_assignments WHERE job = ?",
    ).all(job) as { id: string; principal_id: string; principal_type: string; app_role_id: string }[];
    return rows.map((r) => ({
      id: r.id,
      principalId: r.principal_id as SourceId,
      principalType: r.principal_type as AppRoleAssignment["principalType"],
      appRoleId: r.app_role_id,
    }));
  }

  /** Applies a mirror write; runs inside {@link commitCycle}'s transaction. */
  private writeMirror(job: string, write: MirrorWrite): void {
    const putObject = this.sql(
      `INSERT INTO source_objects (job, object_type, id, attributes, manager_id, removed) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(job, object_type, id) DO UPDATE SET attributes = excluded.attributes, manager_id = excluded.manager_id,
         removed = excluded.removed`,
    );
    const deleteObject = this.sql("DELETE FROM source_objects WHERE job = ? AND object_type = ? AND id = ?");
    const addMember = this.sql(
      "INSERT OR IGNORE INTO source_members (job, group_id, member_id) VALUES (?, ?, ?)",
    );
    const removeMember = this.sql(
      "DELETE FROM source_members WHERE job = ? AND group_id = ? AND member_id = ?",
    );
    const putUser = (u: SourceUser) =>
      putObject.run(job, "user", u.id, JSON.stringify(u.attributes), u.managerId ?? null, u.removed ?? null);
    const putGroup = (g: Omit<SourceGroup, "memberIds">) =>
      putObject.run(job, "group", g.id, JSON.stringify(g.attributes), null, g.removed ?? null);
    if (write.kind === "replace") {
      for (const table of ["source_objects", "source_members", "source_assignments"]) {
        this.sql(`DELETE FROM ${table} WHERE job = ?`).run(job);
      }
      if (write.users instanceof SqliteUserSpool && write.users.isOn(this.db) && write.users.job === job) {
        // The whole tenant, copied from the spool inside SQLite: nothing parsed or held in JavaScript.
        this.sql(COPY_SPOOL_TO_MIRROR).run(job);
        // Now in the connector data store: a daemon must not keep the rows and the id index until next time.
        this.discardSpool(write.users);
      } else for (const u of write.users.values()) putUser(u);
      for (const g of write.groups) {
        putGroup(g);
        for (const m of g.memberIds) addMember.run(job, g.id, m);
      }
    } else {
      for (const u of write.users) putUser(u);
      for (const id of write.deletedUsers) {
        deleteObject.run(job, "user", id);
        this.sql("DELETE FROM source_members WHERE job = ? AND member_id = ?").run(job, id);
      }
      for (const g of write.groups) putGroup(g);
      for (const id of write.deletedGroups) {
        deleteObject.run(job, "group", id);
        this.sql("DELETE FROM source_members WHERE job = ? AND (group_id = ? OR member_id = ?)").run(
          job,
          id,
          id,
        );
      }
      for (const m of write.memberAdds) addMember.run(job, m.groupId, m.memberId);
      for (const m of write.memberRemoves) removeMember.run(job, m.groupId, m.memberId);
      this.sql("DELETE FROM source_assignments WHERE job = ?").run(job);
    }
    const putAssignment = this.sql(
      "INSERT OR REPLACE INTO source_assignments (job, id, principal_id, principal_type, app_role_id) VALUES (?, ?, ?, ?, ?)",
    );
    for (const a of write.assignments)
      putAssignment.run(job, a.id, a.principalId, a.principalType, a.appRoleId);
  }

  close(): void {
    this.db.close();
  }
}

const COPY_SPOOL_TO_MIRROR = `INSERT INTO source_objects (job, object_type, id, attributes, manager_id, removed)
  SELECT job, 'user', id, attributes, manager_id, removed FROM temp.user_spool WHERE job = ? ORDER BY seq`;

type MirrorBase = Pick<SourceUser, "id" | "attributes" | "removed">;

interface MirrorRow {
  attributes: string;
  manager_id?: string | null;
  removed: string | null;
}
