import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { heldLinks, storedLinks } from "../../src/app/cycle-links.js";
import type { SourceId, TargetId } from "../../src/domain/ids.js";
import type { LinkRecord } from "../../src/state/link.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";

const link = (id: string, type: "user" | "group" = "user"): LinkRecord => ({
  type,
  sourceId: id as SourceId,
  targetId: `t-${id}` as TargetId,
  displayName: id,
  exported: { userName: `${id}@contoso.test` },
  managerId: null,
  memberIds: [],
  disabledReason: null,
});

describe("a cycle's links", () => {
  it("from the store: every target id up front, whole records read one at a time", () => {
    const dir = mkdtempSync(join(tmpdir(), "entra-sync-links-"));
    const store = new SqliteStateStore(join(dir, "state.db"));
    try {
      store.recordBatch("job", {
        links: [link("a"), link("b"), link("g", "group")],
        removedLinks: [],
        escrows: [],
        clearedEscrows: [],
        managers: [],
        logEntries: [],
      });
      const links = storedLinks(store, "job");
      expect([...links.targets.user]).toEqual([
        ["a", "t-a"],
        ["b", "t-b"],
      ]);
      expect([...links.targets.group.keys()]).toEqual(["g"]);
      // Written after the links were opened: records are read when asked for, target ids are not.
      store.recordBatch("job", {
        links: [{ ...link("a"), exported: { userName: "renamed@contoso.test" } }, link("c")],
        removedLinks: [],
        escrows: [],
        clearedEscrows: [],
        managers: [],
        logEntries: [],
      });
      expect(links.get("user", "a" as SourceId)?.exported).toEqual({ userName: "renamed@contoso.test" });
      expect(links.get("user", "c" as SourceId)).toBeUndefined();
      expect(links.get("group", "a" as SourceId)).toBeUndefined();
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("held in memory: the given records and their target ids", () => {
    const links = heldLinks({ user: new Map([["a" as SourceId, link("a")]]), group: new Map() });
    expect([...links.targets.user]).toEqual([["a", "t-a"]]);
    expect(links.get("user", "a" as SourceId)?.targetId).toBe("t-a");
    expect(links.get("user", "b" as SourceId)).toBeUndefined();
  });

  it("held in memory with referenced users: their target ids, never a record", () => {
    const links = heldLinks(
      { user: new Map([["a" as SourceId, link("a")]]), group: new Map() },
      new Map([["m" as SourceId, "t-m" as TargetId]]),
    );
    expect(new Map(links.targets.user)).toEqual(
      new Map([
        ["a", "t-a"],
        ["m", "t-m"],
      ]),
    );
    expect(links.get("user", "m" as SourceId)).toBeUndefined();
  });
});
