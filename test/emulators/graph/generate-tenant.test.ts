import { describe, expect, it } from "vitest";
import { generateTenant, parseTenant, startGraphEmulator } from "../../../src/emulators/graph/index.js";

describe("generateTenant", () => {
  const tenant = generateTenant({ users: 3000, groups: 40, seed: 7 });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateTenant({ users: 3000, groups: 40, seed: 7 })).toEqual(tenant);
    const other = generateTenant({ users: 3000, groups: 40, seed: 8 });
    expect(other.users[0]?.id).not.toBe(tenant.users[0]?.id);
  });

  it("produces a valid tenant of the requested size with unique ids and UPNs", () => {
    expect(parseTenant(structuredClone(tenant))).toEqual(tenant);
    expect(tenant.users).toHaveLength(3000);
    expect(tenant.groups).toHaveLength(40);
    expect(new Set(tenant.users.map((user) => user.id)).size).toBe(3000);
    expect(new Set(tenant.users.map((user) => user.userPrincipalName.toLowerCase())).size).toBe(3000);
  });

  it("gives groups members, nests some groups, assigns most groups and some users, and sets managers", () => {
    const groupIds = new Set(tenant.groups.map((group) => group.id));
    const assigned = new Set(tenant.appRoleAssignments.map((assignment) => assignment.principalId));
    expect(tenant.groups.every((group) => group.members.length > 0)).toBe(true);
    expect(tenant.groups.some((group) => group.members.some((id) => groupIds.has(id)))).toBe(true);
    expect(tenant.groups.filter((group) => assigned.has(group.id)).length).toBeGreaterThan(
      tenant.groups.length / 2,
    );
    expect(tenant.users.some((user) => assigned.has(user.id))).toBe(true);
    expect(tenant.users.filter((user) => user.managerId !== undefined)).toHaveLength(2999);
    expect(
      tenant.users.some((user) => user.userType === "Guest" && user.userPrincipalName.includes("#EXT#")),
    ).toBe(true);
    expect(tenant.users.some((user) => !user.accountEnabled)).toBe(true);
  });

  it("loads into the emulator (every reference resolves)", async () => {
    const emulator = await startGraphEmulator({ tenant });
    try {
      expect(emulator.store.users.size).toBe(3000);
    } finally {
      await emulator.close();
    }
  });
});
