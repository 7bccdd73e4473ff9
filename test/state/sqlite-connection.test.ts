import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, PAGE_SIZE, WAL_LIMIT_BYTES } from "../../src/state/sqlite-connection.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("connection");

const settings = (db: Database.Database) => {
  const setting = (name: string) => db.pragma(name, { simple: true });
  return {
    journalMode: setting("journal_mode"),
    synchronous: setting("synchronous"),
    busyTimeout: setting("busy_timeout"),
    pageSize: setting("page_size"),
    checkpointPages: setting("wal_autocheckpoint"),
    walLimit: setting("journal_size_limit"),
  };
};

describe("openDatabase", () => {
  it("creates a state file in WAL mode with NORMAL sync, a busy timeout, large pages and 64 MB checkpoints", () => {
    const db = openDatabase(join(tempDir(), "nested", "state.db"));
    expect(settings(db)).toEqual({
      journalMode: "wal",
      synchronous: 1,
      busyTimeout: 5000,
      pageSize: PAGE_SIZE,
      checkpointPages: WAL_LIMIT_BYTES / PAGE_SIZE,
      walLimit: WAL_LIMIT_BYTES,
    });
    db.close();
  });

  it("keeps an existing file's page size and checkpoints it at the same 64 MB", () => {
    const path = join(tempDir(), "old.db");
    const old = new Database(path);
    old.pragma("page_size = 4096");
    old.exec("CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('still here')");
    old.close();
    const db = openDatabase(path);
    expect(settings(db)).toMatchObject({ pageSize: 4096, checkpointPages: WAL_LIMIT_BYTES / 4096 });
    expect(db.prepare("SELECT x FROM kept").pluck().get()).toBe("still here");
    db.close();
  });
});
