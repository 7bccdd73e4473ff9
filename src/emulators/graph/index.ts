export type { DeltaExpiryMode } from "./emulator-context.js";
export { type GenerateTenantOptions, generateTenant } from "./generate-tenant.js";
export {
  type GraphEmulator,
  type GraphEmulatorOptions,
  type RequestLogEntry,
  startGraphEmulator,
} from "./graph-emulator.js";
export { loadTenantFile } from "./load-tenant-file.js";
export {
  parseTenant,
  type TenantData,
  type TenantGroup,
  type TenantInput,
  type TenantUser,
  tenantJsonSchema,
  tenantSchema,
} from "./tenant-schema.js";
export type { TenantStore } from "./tenant-store.js";
