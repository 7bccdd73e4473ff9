import type { TenantStore } from "./tenant-store.js";

/** How an expired delta token is answered: 400 `syncStateNotFound` (documented) or 410 Gone + Location. */
export type DeltaExpiryMode = "syncStateNotFound" | "resync410";

/** What the route handlers share: the live tenant, paging settings and the delta-token generation. */
export interface EmulatorContext {
  readonly store: TenantStore;
  /** Page size of `/users`, `/groups`, `/members`, `/appRoleAssignedTo` without `$top`. */
  readonly pageSizeDefault: number;
  /** Objects per delta page without `$top`. */
  readonly deltaPageSize: number;
  /** Tokens carry the epoch they were issued in; bumping it expires every outstanding token. */
  readonly deltaTokens: { epoch: number; expiryMode: DeltaExpiryMode };
}
