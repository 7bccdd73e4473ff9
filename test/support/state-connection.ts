import type Database from "better-sqlite3";
import type { EngineEnv } from "./engine-env.js";

/**
 * The state file's own SQLite connection. Tests reach it to cap the file's size with `max_page_count`, so
 * that SQLite itself answers SQLITE_FULL, exactly as on a full disk.
 */
export const stateConnection = (env: EngineEnv): Database.Database =>
  (env.deps.store as unknown as { db: Database.Database }).db;
