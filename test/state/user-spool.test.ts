import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type SourceId, sourceId } from "../../src/domain/ids.js";
import type { SourceUser } from "../../src/domain/source.js";
import { MemoryUsers, type ReadonlyUsers } from "../../src/domain/user-collection.js";
import { SqliteStateStore } from "../../src/state/sqlite-store.js";
import type { CycleRecord } from "../../src/state/state-store.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("spool");
const openStore = () => new SqliteStateStore(join(tempDir(), "state.db"));

const user = (n: number, extra: Partial<SourceUser> = {}): SourceUser => ({
  id: sourceId(`u${n}`),
  attributes: { userPrincipalName: `user${n}@contoso.com`, accountEnabled: n % 2 === 0 },
  ...extra,
});

const cycle = (): CycleRecord => ({
  cycleId: "c1",
  job: "job",
  kind: "initial",
  started: "2026-11-22T12:00:00.000Z",
  ended: null,
  state: "Running",
  counters: {},
  error: null,
});

const ids = (users: Iterable<SourceUser>) => [...users].map((u) => u.id as string);

describe("SqliteUserSpool", () => {
  it("returns what was set, by id and in read order, across many query chunks", () => {
    const store = openStore();
    const spool = store.userSpool("job");
    spool.page(() => {
      for (let n = 0; n < 1203; n++) spool.set(user(n, n === 7 ? { managerId: null } : {}));
    });
    expect(spool.size).toBe(1203);
    expect(ids(spool.values())).toEqual(Array.from({ length: 1203 }, (_, n) => `u${n}`));
    expect(spool.get(sourceId("u42"))).toEqual(user(42));
    // null (no manager) and undefined (not read) stay apart.
    expect(spool.get(sourceId("u7"))).toHaveProperty("managerId", null);
    expect(spool.get(sourceId("u8"))).not.toHaveProperty("managerId");
    expect(spool.has(sourceId("u1202"))).toBe(true);
    expect(spool.has(sourceId("nobody" as SourceId))).toBe(false);
    expect(spool.get(sourceId("nobody"))).toBeUndefined();
    store.close();
  });

  it("keeps a rewritten user's place and moves a deleted-then-added one to the end, as a Map does", () => {
    const store = openStore();
    const spool = store.userSpool("job");
    const map = new Map<SourceId, SourceUser>();
    const both = {
      set: (u: SourceUser) => {
        spool.set(u);
        map.set(u.id, u);
      },
      delete: (id: SourceId) => {
        spool.delete(id);
        map.delete(id);
      },
    };
    for (const n of [1, 2, 3, 4]) both.set(user(n));
    both.set(user(2, { removed: "soft" }));
    both.delete(sourceId("u3"));
    both.set(user(3));
    expect([...spool.values()]).toEqual([...map.values()]);
    expect(ids(spool.values())).toEqual(["u1", "u2", "u4", "u3"]);
    store.close();
  });

  it("writes a page all or nothing", () => {
    const store = openStore();
    const spool = store.userSpool("job");
    spool.set(user(1));
    expect(() =>
      spool.page(() => {
        spool.set(user(2));
        throw new Error("page rejected");
      }),
    ).toThrow("page rejected");
    expect(ids(spool.values())).toEqual(["u1"]);
    store.close();
  });

  it("becomes the connector data store at commit exactly as the same users held in memory would", () => {
    const users: SourceUser[] = [
      user(1, { managerId: sourceId("u2") }),
      user(2, { managerId: null }),
      {
        id: sourceId("u3"),
        attributes: {
          displayName: 'Zoë "Q" Ångström ✓',
          businessPhones: ["+1 425 555 0100", "+1 425 555 0101"],
          onPremisesExtensionAttributes: { extensionAttribute1: "a", extensionAttribute2: "" },
          employeeHireDate: "2020-01-01T00:00:00Z",
          accountEnabled: false,
          count: 12.5,
        },
      },
    ];
    const commitWith = (store: SqliteStateStore, held: ReadonlyUsers) => {
      store.startCycle(cycle());
      store.commitCycle({
        cycle: { ...cycle(), ended: "2026-11-22T12:01:00.000Z", state: "Succeeded" },
        mirror: { kind: "replace", users: held, groups: [], assignments: [] },
        jobState: null,
      });
    };
    const inMemory = openStore();
    commitWith(inMemory, new MemoryUsers(users));
    const spooled = openStore();
    const spool = spooled.userSpool("job");
    for (const u of users) spool.set(u);
    commitWith(spooled, spool);
    const everyone = users.map((u) => u.id);
    expect(spooled.mirrorUsers("job", everyone)).toEqual(inMemory.mirrorUsers("job", everyone));
    // Copied: the spool's rows and id index are gone.
    expect(() => spool.size).toThrow("discarded");
    expect(spooled.userSpool("job").size).toBe(0);
    expect(spooled.mirrorUsers("job", everyone).get(sourceId("u3"))?.attributes).toEqual(
      users[2]?.attributes,
    );
    inMemory.close();
    spooled.close();
  });

  it("discards the job's last spool when a new one opens, and leaves other jobs' alone", () => {
    const store = openStore();
    const first = store.userSpool("a");
    first.set(user(1));
    const b = store.userSpool("b");
    b.set(user(2));
    const again = store.userSpool("a");
    expect(again.size).toBe(0);
    expect(ids(again.values())).toEqual([]);
    expect(() => first.get(sourceId("u1"))).toThrow("discarded");
    expect(ids(b.values())).toEqual(["u2"]);
    store.close();
  });
});
