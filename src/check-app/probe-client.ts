import { createScimHttp, type HttpMethod, type ScimHttp } from "../connectors/target/scim/scim-http.js";
import { ConnectorError } from "../domain/errors.js";
import { BURST_CONCURRENCY } from "./checks/burst.js";
import type { Exchange } from "./types.js";

/** A response the checker can judge: the status, headers it cares about, and the parsed body if JSON. */
export interface ProbeResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly retryAfter: string | null;
  readonly text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  readonly json: unknown;
  readonly exchange: Exchange;
}

/** The checker ran out of its request budget: a bug in a check or a server that loops us; stops the run. */
export class RequestBudgetExceeded extends Error {
  override readonly name = "RequestBudgetExceeded";
}

/** No answer at all (refused, timeout, TLS): carries the exchange so the report can show it. */
export class NoResponseError extends Error {
  override readonly name = "NoResponseError";
  constructor(
    readonly exchange: Exchange,
    /** The certificate was not trusted: Entra refuses such an app outright (check 3). */
    readonly tls: boolean,
  ) {
    super(exchange.response);
  }
}

export interface ProbeClient {
  send(method: HttpMethod, path: string, body?: unknown): Promise<ProbeResponse>;
  /** Requests sent so far, over every client sharing the counter. */
  readonly sent: () => number;
  close(): Promise<void>;
}

export interface ProbeClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly caPem?: string;
  readonly timeoutMs: number;
  /** Shared between the right-token and wrong-token clients, so the budget bounds the whole run. */
  readonly counter: { sent: number; limit: number };
}

const MAX_SHOWN = 2000;

/**
 * Entra's SCIM client transport (same headers, no redirects followed, TLS verification on), with no retries
 * so every answer is seen as the app gave it, and a hard request budget so no check can loop.
 */
export function createProbeClient(options: ProbeClientOptions): ProbeClient {
  const http: ScimHttp = createScimHttp({
    baseUrl: options.baseUrl,
    token: options.token,
    caPem: options.caPem,
    timeoutMs: options.timeoutMs,
    maxRetries: 0,
    userAgent: "entra-sync check-app",
    // Enough connections that none of the burst's requests waits for a socket.
    maxConnections: BURST_CONCURRENCY,
    retryBaseDelayMs: 0,
    maxRetryDelayMs: 0,
    maxRetryAfterMs: 0,
    onRequest: undefined,
    random: Math.random,
    now: Date.now,
    sleep: async () => {},
  });
  return {
    async send(method, path, body) {
      if (options.counter.sent >= options.counter.limit) {
        throw new RequestBudgetExceeded(
          `Expected at most ${options.counter.limit} requests per run, got a check asking for more`,
        );
      }
      options.counter.sent++;
      const route = path.split("?")[0] ?? path;
      try {
        const response = await http.send({ method, path, route, ...(body === undefined ? {} : { body }) });
        const exchange: Exchange = {
          method,
          path,
          ...(body === undefined ? {} : { requestBody: body }),
          status: response.status,
          contentType: response.contentType,
          response: response.text.slice(0, MAX_SHOWN),
        };
        return { ...response, json: parseJson(response.text), exchange };
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        const exchange: Exchange = {
          method,
          path,
          ...(body === undefined ? {} : { requestBody: body }),
          status: null,
          contentType: null,
          response: error.message,
        };
        throw new NoResponseError(
          exchange,
          error.code === "WebExceptionProtocolError" && error.scope === "job",
        );
      }
    },
    sent: () => options.counter.sent,
    close: () => http.close(),
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
