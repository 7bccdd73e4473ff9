import Database from "better-sqlite3";

type SqliteError = InstanceType<typeof Database.SqliteError>;

/**
 * A failure of the state store itself (the SQLite file, its WAL, SQLite's temp files): the disk is full,
 * the file is read-only, not a database, or corrupt. The admin can act on it, so it is told in one line
 * with SQLite's own code rather than as a stack trace.
 */
export function isStateFailure(error: unknown): error is SqliteError {
  return error instanceof Database.SqliteError;
}

/** `State store failed: database or disk is full (SQLITE_FULL)`. */
export function describeStateFailure(error: SqliteError): string {
  return `State store failed: ${error.message} (${error.code})`;
}
