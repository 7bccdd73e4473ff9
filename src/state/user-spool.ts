import type Database from "better-sqlite3";
import type { SourceId } from "../domain/ids.js";
import type { SourceUser } from "../domain/source.js";
import type { UserCollection } from "../domain/user-collection.js";

/**
 * A temp table (SQLite's temp file, dropped with the connection): full reads' users in read order (`seq`),
 * in the connector data store's columns so the store copies them without parsing. `manager_read` tells a
 * null manager (none) from an unread one. Its own page cache bounds the memory. No index on the user id:
 * with random object ids it cost 11 of 14 µs per insert, so each spool keeps its ids in memory instead.
 */
export const CREATE_USER_SPOOL = `CREATE TEMP TABLE IF NOT EXISTS user_spool (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  id TEXT NOT NULL,
  attributes TEXT NOT NULL,
  manager_id TEXT,
  manager_read INTEGER NOT NULL,
  removed TEXT
)`;

interface SpoolRow {
  readonly id: string;
  readonly attributes: string;
  readonly manager_id: string | null;
  readonly manager_read: 0 | 1;
  readonly removed: "soft" | "hard" | null;
}

const COLUMNS = "id, attributes, manager_id, manager_read, removed";

const toUser = (row: SpoolRow): SourceUser => ({
  id: row.id as SourceId,
  attributes: JSON.parse(row.attributes),
  ...(row.manager_read === 1 && { managerId: row.manager_id as SourceId | null }),
  ...(row.removed !== null && { removed: row.removed }),
});

/** Rows fetched per query while iterating: iteration never holds a statement open across other writes. */
const CHUNK = 500;

/**
 * One job's spooled users: the rows on disk, and in memory only each id's row number (~90 bytes a user).
 * The store discards a spool once the commit has copied it into the connector data store, or when it opens
 * the job's next one (a dry run's spool is never committed). Read cost: one JSON.parse per user.
 */
export class SqliteUserSpool implements UserCollection {
  /** Row of each user: the spool's index, and the guard against a second row for an id. */
  private readonly rows = new Map<SourceId, number>();

  private discarded = false;

  constructor(
    private readonly db: Database.Database,
    private readonly sql: (text: string) => Database.Statement,
    readonly job: string,
  ) {}

  /** Deletes the rows; any later use throws (a discarded spool is a bug, not an empty tenant). */
  discard(): void {
    this.sql("DELETE FROM temp.user_spool WHERE job = ?").run(this.job);
    this.rows.clear();
    this.discarded = true;
  }

  /** Whether this is a spool of `db`'s connection (its temp table can be read by SQL there). */
  isOn(db: Database.Database): boolean {
    this.ensureOpen();
    return this.db === db;
  }

  get size(): number {
    this.ensureOpen();
    return this.rows.size;
  }

  get(id: SourceId): SourceUser | undefined {
    this.ensureOpen();
    const seq = this.rows.get(id);
    if (seq === undefined) return undefined;
    const row = this.sql(`SELECT ${COLUMNS} FROM temp.user_spool WHERE seq = ?`).get(seq) as SpoolRow;
    return toUser(row);
  }

  has(id: SourceId): boolean {
    this.ensureOpen();
    return this.rows.has(id);
  }

  *values(): Generator<SourceUser> {
    this.ensureOpen();
    // NOT INDEXED: walk the rowid from `after` (the job filter then only skips other jobs' rows).
    const next = this.sql(
      `SELECT seq, ${COLUMNS} FROM temp.user_spool NOT INDEXED WHERE seq > ? AND job = ? ORDER BY seq LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = next.all(after, this.job, CHUNK) as (SpoolRow & { seq: number })[];
      for (const row of rows) yield toUser(row);
      if (rows.length < CHUNK) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  set(user: SourceUser): void {
    this.ensureOpen();
    const values = [
      JSON.stringify(user.attributes),
      user.managerId ?? null,
      user.managerId === undefined ? 0 : 1,
      user.removed ?? null,
    ];
    const seq = this.rows.get(user.id);
    if (seq !== undefined) {
      this.sql(
        "UPDATE temp.user_spool SET attributes = ?, manager_id = ?, manager_read = ?, removed = ? WHERE seq = ?",
      ).run(...values, seq);
      return;
    }
    const inserted = this.sql(`INSERT INTO temp.user_spool (job, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(
      this.job,
      user.id,
      ...values,
    );
    this.rows.set(user.id, Number(inserted.lastInsertRowid));
  }

  delete(id: SourceId): void {
    this.ensureOpen();
    const seq = this.rows.get(id);
    if (seq === undefined) return;
    this.sql("DELETE FROM temp.user_spool WHERE seq = ?").run(seq);
    this.rows.delete(id);
  }

  page(write: () => void): void {
    this.ensureOpen();
    this.db.transaction(write)();
  }

  private ensureOpen(): void {
    if (this.discarded)
      throw new Error(`The user spool of job ${this.job} was discarded: its read was committed or replaced`);
  }
}
