import type { ScimDialect } from "./patch-dialect.js";

/** The tenant URL split into where requests go and how PATCHes are written. */
export interface TenantEndpoint {
  /** Base for `/Users`, `/Groups`: no query, no trailing slash. */
  readonly baseUrl: string;
  readonly dialect: ScimDialect;
}

/** Entra's documented behaviour flags: the opt-in and its announced rollback key (scim-wire.md §2). */
const FLAGS: Readonly<Record<string, ScimDialect>> = {
  aadoptscim062020: "aadOptscim062020",
  azureadscimpatch2017: "entra-legacy",
};

/**
 * Parses an admin-entered tenant URL such as `https://app.example/scim/v2?aadOptscim062020`. The flag is
 * configuration, not part of the address: it is stripped and never forwarded on requests (the docs leave
 * forwarding open; sending it would put an unknown query key on every request). Any other query key is
 * rejected rather than silently dropped, and so is a user:password part, which would leak into logs.
 */
export function parseTenantUrl(tenantUrl: string): TenantEndpoint {
  let url: URL;
  try {
    url = new URL(tenantUrl);
  } catch {
    throw new Error(`Expected an absolute http(s) tenant URL, got ${JSON.stringify(tenantUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`Expected an http or https tenant URL, got protocol ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Error(
      "Expected a tenant URL without user:password (use the token option), got credentials in the URL",
    );
  }
  const dialects = new Set<ScimDialect>();
  for (const key of url.searchParams.keys()) {
    const dialect = FLAGS[key.toLowerCase()];
    if (dialect === undefined) {
      throw new Error(
        `Expected only the flags aadOptscim062020 or AzureAdScimPatch2017 in the tenant URL query, got ${key}`,
      );
    }
    dialects.add(dialect);
  }
  if (dialects.size > 1)
    throw new Error("Expected at most one PATCH dialect flag in the tenant URL, got both");
  const [dialect = "entra-legacy"] = dialects;
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, dialect };
}
