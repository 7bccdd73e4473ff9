import { badRequest, GraphHttpError } from "./graph-error.js";

/** Graph's page-size bounds for `/users`, `/groups` and `/members` ($top). */
export const MAX_PAGE_SIZE = 999;

/** Parses `$top`: 1..999, or a 400 with Graph's wording. */
export function parseTop(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw badRequest(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    );
  }
  return top;
}

/** Query options the emulator does not implement; Graph features the engine does not use (docs/tenant-format.md). */
const UNSUPPORTED = ["$filter", "$orderby", "$search", "$count", "$expand", "$skip"];

export function rejectUnsupported(query: URLSearchParams): void {
  for (const name of UNSUPPORTED) {
    if (query.has(name)) {
      throw new GraphHttpError(
        400,
        "Request_UnsupportedQuery",
        `The query option '${name}' is not supported by the emulator.`,
      );
    }
  }
}

/** A list `$skiptoken`: the slot offset of the next page, opaque to clients. */
export const encodeSkipToken = (offset: number): string =>
  Buffer.from(`o:${offset}`, "utf8").toString("base64url");

export function decodeSkipToken(raw: string | null): number {
  if (raw === null) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
  if (match?.[1] === undefined)
    throw badRequest(`Expected a $skiptoken issued by this service, got '${raw}'.`);
  return Number(match[1]);
}

/** Keeps `$` and `,` readable in links (as Graph's own links do); everything else is percent-encoded. */
const encodeQueryValue = (value: string): string =>
  encodeURIComponent(value).replace(/%24/g, "$").replace(/%2C/gi, ",");

/** An absolute link on the emulator's origin, with these query parameters in this order. */
export function buildLink(
  origin: string,
  pathname: string,
  params: ReadonlyArray<readonly [string, string]>,
): string {
  const query = params.map(([key, value]) => `${key}=${encodeQueryValue(value)}`).join("&");
  return `${origin}${pathname}${query === "" ? "" : `?${query}`}`;
}

/** The request's own query with `$skiptoken` replaced: Graph keeps every original option in a nextLink. */
export function nextPageLink(
  origin: string,
  pathname: string,
  query: URLSearchParams,
  offset: number,
): string {
  const params = [...query.entries()].filter(([key]) => key !== "$skiptoken");
  return buildLink(origin, pathname, [...params, ["$skiptoken", encodeSkipToken(offset)]]);
}
