import { GraphHttpError } from "./graph-error.js";

/** A parsed `/v1.0` request, as handlers see it. */
export interface GraphRequest {
  readonly method: string;
  /** Path parameters named in the route pattern (`:id`), percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  /** `https://127.0.0.1:PORT`: links in responses point here. */
  readonly origin: string;
  readonly pathname: string;
}

export interface GraphReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: GraphRequest) => GraphReply;

interface Route {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly handler: Handler;
}

/**
 * Matches decoded path segments against patterns such as `users/:id/manager/$ref`. Literal segments
 * compare case-insensitively (Graph URLs do); the first registered match wins, so register
 * `users/delta` before `users/:id`.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern: pattern.split("/"), handler });
    return this;
  }

  /** The handler and parameters for a request; a 404 or 405 Graph error when none fits. */
  resolve(method: string, segments: readonly string[]): { handler: Handler; params: Record<string, string> } {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPattern(route.pattern, segments);
      if (params === undefined) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    if (pathMatched)
      throw new GraphHttpError(
        405,
        "Request_BadRequest",
        `Expected a supported method for this resource, got ${method}.`,
      );
    throw new GraphHttpError(
      400,
      "Request_BadRequest",
      `Resource not found for the segment '${segments.join("/")}'.`,
    );
  }
}

function matchPattern(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

/** A path parameter the route pattern declares (so it is always present). */
export function param(request: GraphRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`Expected route parameter :${name}, got none`);
  return value;
}
