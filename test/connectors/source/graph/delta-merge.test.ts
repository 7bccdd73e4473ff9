import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GroupRoundMerger, UserRoundMerger } from "../../../../src/connectors/source/graph/delta-merge.js";
import { deltaPageSchema } from "../../../../src/connectors/source/graph/graph-schemas.js";
import { sourceId } from "../../../../src/domain/ids.js";
import { SqliteStateStore } from "../../../../src/state/sqlite-store.js";

/** Documented Graph response bodies (a subset of the spec's graph-fixtures.json). */
const fixtures = JSON.parse(
  readFileSync(new URL("./graph-fixtures.json", import.meta.url), "utf8"),
) as Record<string, { body: unknown }>;
const page = (name: string) => deltaPageSchema.parse(fixtures[name]?.body).value;

describe("UserRoundMerger", () => {
  it("reads a later round's changed user and a soft-deleted one from the documented example", () => {
    const merger = new UserRoundMerger(false, false);
    merger.add(page("userDeltaWithRemovedUser"));
    expect(merger.result()).toEqual([
      {
        id: "25dcffff-959e-4ece-9973-e5d9b800e8cc",
        attributes: { displayName: "Testuser7", givenName: "Joe", surname: "Doe" },
      },
      { id: "8ffff70c-1c63-4860-b963-e34ec660931d", attributes: {}, removed: "soft" },
    ]);
  });

  it("drops @removed objects in the first round and merges replays of the same user", () => {
    const merger = new UserRoundMerger(true, true);
    merger.add([
      {
        id: "u1",
        displayName: "One",
        mail: null,
        "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: "m1" }],
      },
      { id: "u2", "@removed": { reason: "changed" } },
    ]);
    merger.add([{ id: "u1", jobTitle: "Engineer" }]);
    expect(merger.result()).toEqual([
      { id: "u1", attributes: { displayName: "One", jobTitle: "Engineer" }, managerId: "m1" },
    ]);
  });

  it("merges a first round into a SQLite spool exactly as in memory, replays and removals included", () => {
    const pages = [
      [
        {
          id: "u1",
          displayName: "One",
          "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: "m1" }],
        },
        { id: "u2", displayName: "Two" },
        { id: "u3", displayName: "Three" },
      ],
      [
        { id: "u2", "@removed": { reason: "changed" } },
        { id: "u1", jobTitle: "Engineer", displayName: "One again" },
        { id: "u2", displayName: "Two back" },
      ],
    ];
    const store = new SqliteStateStore(":memory:");
    try {
      const inMemory = new UserRoundMerger(true, true);
      const spooled = new UserRoundMerger(true, true, store.userSpool("job"));
      for (const objects of pages) {
        inMemory.add(objects);
        spooled.add(objects);
      }
      expect(spooled.result()).toEqual(inMemory.result());
      expect(spooled.result().map((u) => u.id)).toEqual(["u1", "u3", "u2"]);
      expect(spooled.users.get(sourceId("u1"))).toEqual({
        id: "u1",
        attributes: { displayName: "One again", jobTitle: "Engineer" },
        managerId: "m1",
      });
    } finally {
      store.close();
    }
  });

  it("reports a manager removed in a later round as null and an untouched one as undefined", () => {
    const merger = new UserRoundMerger(false, true);
    merger.add([
      {
        id: "u1",
        "manager@delta": [
          { "@odata.type": "#microsoft.graph.user", id: "m1", "@removed": { reason: "deleted" } },
        ],
      },
      { id: "u2", displayName: "Two" },
    ]);
    const [u1, u2] = merger.result();
    expect(u1?.managerId).toBeNull();
    expect(u2 && "managerId" in u2).toBe(false);
  });
});

describe("GroupRoundMerger", () => {
  it("merges members@delta of the documented first-round pages per group", () => {
    const merger = new GroupRoundMerger(true);
    merger.add(page("groupDeltaFirstPageWithMembers"));
    merger.add(page("groupDeltaMiddlePage"));
    merger.add(page("groupDeltaFinalPageWithDeltaLink"));
    const groups = merger.groupsResult();
    expect(groups).toHaveLength(6);
    expect(groups.find((group) => group.attributes.displayName === "All Company")?.memberIds).toEqual([
      "693acd06-2877-4339-8ade-b704261fe7a0",
      "49320844-be99-4164-8167-87ff5d047ace",
    ]);
    expect(groups.find((group) => group.attributes.displayName === "sg-HR")?.memberIds).toEqual([]);
  });

  it("reads added and removed members of the documented later round", () => {
    const merger = new GroupRoundMerger(false);
    merger.add(page("groupDeltaMembersAddAndRemove"));
    expect(merger.changesResult()).toEqual([
      {
        id: "2e5807ce-58f3-4a94-9b37-ffff2e085957",
        attributes: { displayName: "TestGroup3", description: "A test group for change tracking" },
        addedMemberIds: ["37de1ae3-408f-4702-8636-20824abda004"],
        removedMemberIds: ["632f6bb2-3ec8-4c1f-9073-0027a8c6859"],
      },
    ]);
  });

  it("keeps nested groups and other non-user members out of memberIds", () => {
    const merger = new GroupRoundMerger(true);
    merger.add([
      {
        id: "g1",
        displayName: "Parent",
        "members@delta": [
          { "@odata.type": "#microsoft.graph.group", id: "g2" },
          { "@odata.type": "#microsoft.graph.device", id: "d1" },
          { "@odata.type": "#microsoft.graph.user", id: "u1" },
        ],
      },
    ]);
    expect(merger.groupsResult()).toEqual([
      { id: "g1", attributes: { displayName: "Parent" }, memberIds: ["u1"] },
    ]);
  });

  it("nets a member added then removed within one round to a removal", () => {
    const merger = new GroupRoundMerger(false);
    const user = { "@odata.type": "#microsoft.graph.user", id: "u1" };
    merger.add([{ id: "g1", "members@delta": [user] }]);
    merger.add([{ id: "g1", "members@delta": [{ ...user, "@removed": { reason: "deleted" } }] }]);
    expect(merger.changesResult()[0]).toMatchObject({ addedMemberIds: [], removedMemberIds: ["u1"] });
  });

  it("counts member links without @odata.type as users, as the delta guideline writes removals", () => {
    const merger = new GroupRoundMerger(false);
    merger.add([
      {
        id: "g1",
        "members@delta": [{ id: "u1", "@removed": { reason: "deleted" } }, { id: "u2" }],
      },
    ]);
    expect(merger.changesResult()[0]).toMatchObject({ addedMemberIds: ["u2"], removedMemberIds: ["u1"] });
  });
});
