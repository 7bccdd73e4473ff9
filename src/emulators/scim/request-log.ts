import type { NextFunction, Request, Response } from "express";

/** One request as the demo app received it. Headers are not kept, so the token never lands here. */
export interface RecordedRequest {
  readonly method: string;
  /** Path relative to the tenant URL: `/Users`, `/Groups/abc`. */
  readonly path: string;
  /** The decoded query parameters (`{ filter: 'userName eq "a"' }`). */
  readonly query: Readonly<Record<string, string>>;
  /** The raw query string without `?`, to check encoding and parameter order. */
  readonly rawQuery: string;
  /** The JSON body as it arrived (before any Entra-tolerance rewrite); undefined without a body. */
  readonly body: unknown;
  readonly status: number;
}

/**
 * Records every request once its response is finished. Mount it after `express.json()` so the body is
 * parsed, and before anything that rewrites the body (the log keeps what the client actually sent).
 */
export function recordRequests(log: RecordedRequest[], onRecord?: (entry: RecordedRequest) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const [path = "", rawQuery = ""] = req.url.split("?", 2);
    const body = req.body === undefined ? undefined : (JSON.parse(JSON.stringify(req.body)) as unknown);
    const query = Object.fromEntries(new URLSearchParams(rawQuery));
    res.on("finish", () => {
      const entry = { method: req.method, path, query, rawQuery, body, status: res.statusCode };
      log.push(entry);
      onRecord?.(entry);
    });
    next();
  };
}
