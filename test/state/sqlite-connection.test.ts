import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKPOINT_PAGES, openDatabase, WAL_LIMIT_BYTES } from "../../src/state/sqlite-connection.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("opens the state file in WAL mode with NORMAL sync, a busy timeout and 64 MB checkpoints", () => {
    const dir = mkdtempSync(join(tmpdir(), "entra-sync-connection-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "nested", "state.db"));
    const setting = (name: string) => db.pragma(name, { simple: true });
    expect(setting("journal_mode")).toBe("wal");
    expect(setting("synchronous")).toBe(1);
    expect(setting("busy_timeout")).toBe(5000);
    expect(setting("wal_autocheckpoint")).toBe(CHECKPOINT_PAGES);
    expect(setting("journal_size_limit")).toBe(WAL_LIMIT_BYTES);
    expect(CHECKPOINT_PAGES * (setting("page_size") as number)).toBe(WAL_LIMIT_BYTES);
    db.close();
  });
});
