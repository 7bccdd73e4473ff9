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

/** SQLite's answers to a state file (or its folder) this user may not write: the path is what to fix. */
const NOT_WRITABLE = /^SQLITE_(?:CANTOPEN|READONLY|PERM|AUTH)/;

/**
 * Opening the state file failed because it, or its folder, cannot be written. SQLite's own message ("unable
 * to open database file") does not say which file, so this one does, and what to change.
 */
export class StateFileNotWritableError extends Error {
  override readonly name = "StateFileNotWritableError";
  constructor(
    readonly path: string,
    override readonly cause: SqliteError,
  ) {
    super(
      `Expected to open the state file ${path} for writing, got ${cause.code} (${cause.message}): give this user write access to the file and its folder (SQLite writes -wal and -shm files beside it), or choose another path (the config's state.path or ENTRA_SYNC_STATE_DIR)`,
    );
  }
}

/** Runs `open` (opening and setting up a connection to `path`), naming the path if it cannot be written. */
export function openingStateFile<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (isStateFailure(error) && NOT_WRITABLE.test(error.code))
      throw new StateFileNotWritableError(path, error);
    throw error;
  }
}
