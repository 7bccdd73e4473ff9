import { describe, expect, it } from "vitest";
import { createMemoryStore, StoreError } from "../../../src/emulators/scim/memory-store.js";

const clash = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error instanceof StoreError ? error.status : error;
  }
  return "no error";
};

describe("the demo app's memory store", () => {
  it("finds a resource by its unique attribute in any case, and keeps the index through renames and removals", () => {
    const store = createMemoryStore();
    const alice = store.save("User", undefined, { userName: "Alice@Contoso.test" });
    expect(store.findUnique("User", "alice@contoso.TEST")?.id).toBe(alice.id);
    expect(clash(() => store.save("User", undefined, { userName: "ALICE@contoso.test" }))).toBe(409);

    const renamed = store.save("User", alice.id, { userName: "alice.new@contoso.test" });
    expect(renamed.id).toBe(alice.id);
    expect(store.findUnique("User", "alice@contoso.test")).toBeUndefined();
    expect(store.findUnique("User", "ALICE.NEW@contoso.test")?.id).toBe(alice.id);
    // The old name is free again; saving under the same name is no clash with itself.
    const other = store.save("User", undefined, { userName: "alice@contoso.test" });
    expect(store.save("User", alice.id, { userName: "alice.new@contoso.test", active: false }).active).toBe(
      false,
    );
    expect(clash(() => store.save("User", other.id, { userName: "Alice.New@contoso.test" }))).toBe(409);

    store.remove("User", alice.id);
    expect(store.findUnique("User", "alice.new@contoso.test")).toBeUndefined();
    expect(store.save("User", undefined, { userName: "alice.new@contoso.test" }).id).not.toBe(alice.id);
    expect(clash(() => store.remove("User", alice.id))).toBe(404);
    // Groups are unique by displayName, independently of users.
    store.save("Group", undefined, { displayName: "alice@contoso.test" });
    expect(store.findUnique("Group", "ALICE@contoso.test")?.displayName).toBe("alice@contoso.test");
  });
});
