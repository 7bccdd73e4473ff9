import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/**
 * A connection to the state file as every part of the engine opens it: WAL, so readers never wait for the
 * writer; NORMAL sync, durable at each checkpoint; and a busy timeout, so two processes (a daemon and the
 * CLI) wait for each other instead of failing.
 *
 * Checkpoints every 16,384 pages (64 MB of WAL) instead of SQLite's 1,000: each checkpoint fsyncs twice
 * and rewrites the log's hot index pages, and a large cycle writes ~250 MB. Measured with
 * `bench/log-write.ts`-shaped entries: 66–68 → 52–56 µs per entry (+3 µs for the last checkpoint). The WAL
 * file is cut back to 64 MB after each checkpoint (`journal_size_limit`).
 */
/** 64 MiB of WAL in SQLite's default 4 KiB pages. */
export const CHECKPOINT_PAGES = 16_384;
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

export function openDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
  db.pragma("busy_timeout = 5000");
  return db;
}

/** Prepared statements, compiled once per connection: preparing costs more than running a simple query. */
export function statementCache(db: Database.Database): (text: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
}
