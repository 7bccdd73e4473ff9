import { parseTenantUrl, type ScimDialect, scimDialects } from "../connectors/target/scim/index.js";
import { CheckAppCouldNotRun } from "./could-not-run.js";

/** The base URL and the dialects to check: those asked for, else the URL's flag, else both. */
export function checkedDialects(
  url: string,
  requested: readonly ScimDialect[] | undefined,
): { baseUrl: string; dialects: readonly ScimDialect[] } {
  let endpoint: ReturnType<typeof parseTenantUrl>;
  try {
    endpoint = parseTenantUrl(url);
  } catch (error) {
    throw new CheckAppCouldNotRun((error as Error).message);
  }
  const flagged = new URL(url).search !== "";
  return {
    baseUrl: endpoint.baseUrl,
    dialects: requested ?? (flagged ? [endpoint.dialect] : scimDialects),
  };
}
