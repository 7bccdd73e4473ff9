import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { openingStateFile } from "./state-failure.js";

/**
 * Page size of new state files. A create's provisioning-log entry is ~3 KB, so 4 KiB pages held one entry
 * each with a quarter left empty. Measured with `bench/log-write.ts`-shaped entries (100k, ~2 KB): 4 KiB
 * pages 45–50 µs per entry and a 420 MB file, 8 KiB 36–40 µs and 283 MB, 16 KiB 32–35 µs and 244 MB; in
 * the 30k-user initial cycle (two runs each) `record` took 3.0–3.1, 2.7–2.8 and 2.5–2.6 s. Point lookups
 * (links, the connector data store) read larger pages, from the same 16 MB page cache.
 */
export const PAGE_SIZE = 16_384;

/** The WAL grows to this much between checkpoints, and is cut back to it after one. */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * A connection to the state file as every part of the engine opens it: WAL, so readers never wait for the
 * writer; NORMAL sync, durable at each checkpoint; and a busy timeout, so two processes (a daemon and the
 * CLI) wait for each other instead of failing.
 *
 * Checkpoints every 64 MB of WAL instead of SQLite's 1,000 pages: each checkpoint fsyncs twice and rewrites
 * the log's hot index pages, and a large cycle writes hundreds of MB. Measured with 4 KiB pages and
 * `bench/log-write.ts`-shaped entries: 66–68 → 52–56 µs per entry (+3 µs for the last checkpoint).
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  return openingStateFile(path, () => configure(new Database(path)));
}

function configure(db: Database.Database): Database.Database {
  // Takes effect on a file without tables only (a new state file): older files keep their page size.
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${WAL_LIMIT_BYTES / pageSize}`);
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
