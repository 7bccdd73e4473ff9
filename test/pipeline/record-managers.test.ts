import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceId, TargetId } from "../../src/domain/ids.js";
import type { Outcome } from "../../src/executor/outcome.js";
import { recordOutcomes } from "../../src/pipeline/record.js";
import type { LinkRecord } from "../../src/state/link.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("managers");

const id = (value: string) => value as SourceId;
const subject = (name: string) => ({ type: "user" as const, sourceId: id(name), displayName: name });

const link = (name: string, managerId: string | null = null): LinkRecord => ({
  type: "user",
  sourceId: id(name),
  targetId: `t-${name}` as TargetId,
  displayName: name,
  exported: { userName: `${name}@contoso.test`, title: "Engineer" },
  managerId: managerId === null ? null : id(managerId),
  memberIds: [],
  disabledReason: null,
});

const managerSet = (name: string, manager: string): Outcome => ({
  kind: "success",
  change: {
    kind: "manager",
    subject: subject(name),
    managerId: id(manager),
    managerName: manager,
    steps: [],
  },
  targetId: `t-${name}` as TargetId,
  durationMs: 1,
});

const created = (name: string): Outcome => ({
  kind: "success",
  change: {
    kind: "create",
    subject: subject(name),
    attributes: { userName: `${name}@contoso.test` },
    steps: [],
  },
  targetId: `t-${name}` as TargetId,
  durationMs: 1,
});

function record(outcomes: Outcome[], linkOf: (name: string) => LinkRecord | undefined = () => undefined) {
  const lookups: string[] = [];
  const result = recordOutcomes(outcomes, {
    jobName: "job",
    cycleId: "c1",
    appName: "App",
    now: "2026-11-22T12:00:00.000Z",
    newId: () => "n",
    linkOf: (_type, sourceId) => {
      lookups.push(sourceId);
      return linkOf(sourceId);
    },
    escrows: new Map(),
    nextAttempt: () => "2026-11-22T13:00:00.000Z",
    escrowExpired: () => false,
    redactedPaths: () => new Set(),
    groupsInSyncLogged: true,
  });
  return { result, lookups };
}

describe("recording manager changes", () => {
  it("sets a stored link's manager as one-column updates, reading no link", () => {
    const { result, lookups } = record([managerSet("ann", "bob"), managerSet("cid", "bob")], (name) =>
      link(name),
    );
    expect(result.managers).toEqual([
      { sourceId: "ann", managerId: "bob" },
      { sourceId: "cid", managerId: "bob" },
    ]);
    expect(result.links).toEqual([]);
    expect(lookups).toEqual([]);
  });

  it("folds the manager into a link written earlier in the same batch", () => {
    const { result, lookups } = record([created("ann"), managerSet("ann", "bob")]);
    // A create has no stored link to read, and the manager found the new one in the batch.
    expect(lookups).toEqual([]);
    expect(result.managers).toEqual([]);
    expect(result.links).toHaveLength(1);
    expect(result.links[0]).toMatchObject({ sourceId: "ann", targetId: "t-ann", managerId: "bob" });
  });
});

describe("the store applying manager updates", () => {
  it("changes only manager_id of the linked users and leaves unlinked ids alone", () => {
    const store = new SqliteStateStore(join(tempDir(), "state.db"));
    try {
      const batch = { removedLinks: [], escrows: [], clearedEscrows: [], logEntries: [] };
      store.recordBatch("job", { ...batch, links: [link("ann", "old"), link("bob")], managers: [] });
      store.recordBatch("job", {
        ...batch,
        links: [],
        managers: [
          { sourceId: id("ann"), managerId: id("bob") },
          { sourceId: id("bob"), managerId: null },
          { sourceId: id("nobody"), managerId: id("bob") },
        ],
      });
      expect(store.link("job", "user", id("ann"))).toEqual(link("ann", "bob"));
      expect(store.link("job", "user", id("bob"))).toEqual(link("bob"));
      expect(store.link("job", "user", id("nobody"))).toBeUndefined();
      expect(store.countLinks("job", "user")).toBe(2);
    } finally {
      store.close();
    }
  });
});
