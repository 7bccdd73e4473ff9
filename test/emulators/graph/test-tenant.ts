import { readFileSync } from "node:fs";
import { parseTenant, type TenantData } from "../../../src/emulators/graph/index.js";

/** The committed demo tenant (config/demo/tenant.json), validated: tests share it read-only. */
export function demoTenant(): TenantData {
  const path = new URL("../../../config/demo/tenant.json", import.meta.url);
  return parseTenant(JSON.parse(readFileSync(path, "utf8")), "demo tenant");
}

/** A user of the tenant by display name (throws when absent, so a typo fails loudly). */
export function userNamed(tenant: TenantData, displayName: string): TenantData["users"][number] {
  const user = tenant.users.find((candidate) => candidate.displayName === displayName);
  if (user === undefined) throw new Error(`Expected a user named ${displayName} in the tenant, got none`);
  return user;
}

export function groupNamed(tenant: TenantData, displayName: string): TenantData["groups"][number] {
  const group = tenant.groups.find((candidate) => candidate.displayName === displayName);
  if (group === undefined) throw new Error(`Expected a group named ${displayName} in the tenant, got none`);
  return group;
}
