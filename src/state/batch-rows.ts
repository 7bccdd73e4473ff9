import type Database from "better-sqlite3";
import type { BatchRecord } from "./state-store.js";

/** A batch of a cycle as SQL parameters: plain strings and numbers, JSON already serialised. */
export interface BatchRows {
  readonly job: string;
  readonly links: readonly Record<string, string | null>[];
  readonly removedLinks: readonly (readonly [string, string, string])[];
  readonly managers: readonly (readonly [string | null, string, string])[];
  readonly escrows: readonly Record<string, string | number>[];
  readonly clearedEscrows: readonly (readonly [string, string, string])[];
  readonly releasedEscrows: readonly Record<string, string>[];
  readonly clearedReleases: readonly (readonly [string, string, string])[];
  readonly logEntries: readonly Record<string, string | null>[];
}

/** Serialises a batch; consumes `logEntries` (built lazily, one at a time). */
export function toBatchRows(job: string, batch: BatchRecord): BatchRows {
  const logEntries: Record<string, string | null>[] = [];
  for (const entry of batch.logEntries) {
    logEntries.push({
      id: entry.id,
      job: entry.jobName,
      cycleId: entry.cycleId,
      time: entry.activityDateTime,
      action: entry.action,
      status: entry.status,
      objectType: entry.objectType,
      sourceId: entry.sourceId,
      sourceName: entry.sourceDisplayName,
      targetId: entry.targetId,
      errorCode: entry.errorCode,
      entry: JSON.stringify(entry),
    });
  }
  return {
    job,
    links: batch.links.map((link) => ({
      job,
      type: link.type,
      sourceId: link.sourceId,
      targetId: link.targetId,
      displayName: link.displayName,
      exported: JSON.stringify(link.exported),
      managerId: link.managerId,
      memberIds: JSON.stringify(link.memberIds),
      disabledReason: link.disabledReason,
    })),
    removedLinks: batch.removedLinks.map((gone) => [job, gone.type, gone.sourceId] as const),
    managers: batch.managers.map((m) => [m.managerId, job, m.sourceId] as const),
    escrows: batch.escrows.map((e) => ({ job, ...e, referenceFailure: e.referenceFailure ? 1 : 0 })),
    clearedEscrows: batch.clearedEscrows.map((cleared) => [job, cleared.type, cleared.sourceId] as const),
    releasedEscrows: (batch.releasedEscrows ?? []).map((r) => ({ job, ...r })),
    clearedReleases: (batch.clearedReleases ?? []).map(
      (cleared) => [job, cleared.type, cleared.sourceId] as const,
    ),
    logEntries,
  };
}

const UPSERT_LINK = `INSERT INTO links (job, object_type, source_id, target_id, display_name, exported, manager_id, member_ids, disabled_reason)
  VALUES (@job, @type, @sourceId, @targetId, @displayName, @exported, @managerId, @memberIds, @disabledReason)
  ON CONFLICT(job, object_type, source_id) DO UPDATE SET target_id = excluded.target_id,
    display_name = excluded.display_name, exported = excluded.exported, manager_id = excluded.manager_id,
    member_ids = excluded.member_ids, disabled_reason = excluded.disabled_reason`;
const DELETE_LINK = "DELETE FROM links WHERE job = ? AND object_type = ? AND source_id = ?";
const SET_MANAGER =
  "UPDATE links SET manager_id = ? WHERE job = ? AND object_type = 'user' AND source_id = ?";
const UPSERT_ESCROW = `INSERT INTO escrows (job, object_type, source_id, display_name, attempts, first_failed, last_failed, next_attempt,
    error_code, error_message, reference_failure)
  VALUES (@job, @type, @sourceId, @displayName, @attempts, @firstFailed, @lastFailed, @nextAttempt, @errorCode,
    @errorMessage, @referenceFailure)
  ON CONFLICT(job, object_type, source_id) DO UPDATE SET display_name = excluded.display_name,
    attempts = excluded.attempts, last_failed = excluded.last_failed, next_attempt = excluded.next_attempt,
    error_code = excluded.error_code, error_message = excluded.error_message, reference_failure = excluded.reference_failure`;
const CLEAR_ESCROW = "DELETE FROM escrows WHERE job = ? AND object_type = ? AND source_id = ?";
const UPSERT_RELEASED = `INSERT OR REPLACE INTO released_escrows (job, object_type, source_id, display_name, first_failed,
    last_failed, error_code, error_message, released_by, released)
  VALUES (@job, @type, @sourceId, @displayName, @firstFailed, @lastFailed, @errorCode, @errorMessage, @releasedBy,
    @released)`;
const CLEAR_RELEASED = "DELETE FROM released_escrows WHERE job = ? AND object_type = ? AND source_id = ?";
const INSERT_LOG = `INSERT INTO provisioning_log (id, job, cycle_id, time, action, status, object_type, source_id, source_name,
    target_id, error_code, entry)
  VALUES (@id, @job, @cycleId, @time, @action, @status, @objectType, @sourceId, @sourceName, @targetId, @errorCode, @entry)`;

/** Writes a batch in one transaction. */
export function writeBatchRows(
  db: Database.Database,
  sql: (text: string) => Database.Statement,
  rows: BatchRows,
): void {
  db.transaction(() => {
    for (const link of rows.links) sql(UPSERT_LINK).run(link);
    for (const gone of rows.removedLinks) sql(DELETE_LINK).run(...gone);
    for (const manager of rows.managers) sql(SET_MANAGER).run(...manager);
    for (const escrow of rows.escrows) sql(UPSERT_ESCROW).run(escrow);
    for (const cleared of rows.clearedEscrows) sql(CLEAR_ESCROW).run(...cleared);
    for (const cleared of rows.clearedReleases) sql(CLEAR_RELEASED).run(...cleared);
    for (const released of rows.releasedEscrows) sql(UPSERT_RELEASED).run(released);
    for (const entry of rows.logEntries) sql(INSERT_LOG).run(entry);
  })();
}
