import { Agent, createServer, type IncomingHttpHeaders, type IncomingMessage, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { seededRandom } from "../../src/emulators/graph/seeded-random.js";

/**
 * - `throttle`: 429 with `Retry-After` in seconds, never forwarded (a throttled request was not processed);
 * - `serverError`: 500 with a SCIM error body;
 * - `timeout`: no answer until the request has been held `holdMs`, then the connection is dropped;
 * - `reset`: the connection is reset (TCP RST).
 * The last three hit either before the request reaches the app or after the app processed it (the answer
 * is lost), half and half by default: the second is the case that can duplicate accounts.
 */
export type FaultKind = "throttle" | "serverError" | "timeout" | "reset";

export const faultKinds: readonly FaultKind[] = ["throttle", "serverError", "timeout", "reset"];

export interface FaultProxyOptions {
  /** Origin of the real server (`http://127.0.0.1:PORT`); paths pass through unchanged. */
  readonly upstream: string;
  /** Share of requests that get a fault, in [0, 1]. Default 0. */
  readonly rate?: number;
  /** Seed of the fault draws, so a failing run can be replayed. Default 1. */
  readonly seed?: number;
  /** Default all four. */
  readonly kinds?: readonly FaultKind[];
  /** `Retry-After` of a throttle, in seconds. Default 1. */
  readonly retryAfterSeconds?: number;
  /** How long a `timeout` holds a request; make it longer than the client's timeout. Default 5,000 ms. */
  readonly holdMs?: number;
  /** Delay before every answer the app gave is passed on, to make a cycle slow. Default 0. */
  readonly latencyMs?: number;
  /** Most faults injected; later requests pass untouched, so a test always converges. Default unlimited. */
  readonly maxFaults?: number;
  /** Share of 500 / timeout / reset faults that hit after the app processed the request. Default 0.5. */
  readonly afterUpstreamShare?: number;
  /** Only requests this accepts may get a fault (all by default), to aim a fault at one request. */
  readonly only?: (request: {
    readonly method: string;
    readonly path: string;
    readonly body: string;
  }) => boolean;
  /** The proxy closes itself after this long, so a forgotten one cannot keep a test run alive. Default 120 s. */
  readonly lifetimeMs?: number;
}

/** One request as the proxy handled it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly fault: FaultKind | null;
  /** The app received and processed the request (false for faults injected before forwarding). */
  readonly forwarded: boolean;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The same URL (path and query kept) through the proxy. */
  urlFor(upstreamUrl: string): string;
  /** Faults injected by kind, and `passed` for requests answered untouched. */
  readonly counts: Readonly<Record<FaultKind | "passed", number>>;
  readonly requests: readonly ProxiedRequest[];
  /** Changes the fault rate or the latency from the next request on (e.g. to let a final run through). */
  set(settings: Partial<Pick<FaultProxyOptions, "rate" | "latencyMs">>): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length"]);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** A fault-injecting HTTP proxy on 127.0.0.1 between the engine and a SCIM server. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  let rate = options.rate ?? 0;
  let latencyMs = options.latencyMs ?? 0;
  const kinds = options.kinds ?? faultKinds;
  const holdMs = options.holdMs ?? 5_000;
  const random = seededRandom(options.seed ?? 1);
  const agent = new Agent({ keepAlive: true });
  const counts: Record<FaultKind | "passed", number> = {
    throttle: 0,
    serverError: 0,
    timeout: 0,
    reset: 0,
    passed: 0,
  };
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let injected = 0;

  function draw(eligible: boolean): { fault: FaultKind | null; afterUpstream: boolean } {
    // Three draws per request whatever the outcome, so one request's fault does not shift the next one's.
    const [hit, which, after] = [random.next(), random.next(), random.next()];
    if (!eligible || hit >= rate || injected >= (options.maxFaults ?? Number.POSITIVE_INFINITY))
      return { fault: null, afterUpstream: false };
    injected++;
    const fault = kinds[Math.floor(which * kinds.length)] ?? null;
    return { fault, afterUpstream: fault !== "throttle" && after < (options.afterUpstreamShare ?? 0.5) };
  }

  function forward(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
    return new Promise<UpstreamAnswer>((resolve, reject) => {
      const outgoing = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          agent,
          headers: { ...endToEnd(headers), "content-length": body.length },
        },
        (answer) => {
          readBody(answer).then(
            (data) =>
              resolve({ status: answer.statusCode ?? 502, headers: endToEnd(answer.headers), body: data }),
            reject,
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  const server = createServer(async (req, res) => {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const body = await readBody(req);
    const { fault, afterUpstream } = draw(
      options.only?.({ method, path, body: body.toString("utf8") }) ?? true,
    );
    const forwarded = fault === null || afterUpstream;
    requests.push({ method, path, fault, forwarded });
    if (fault) counts[fault]++;
    let answer: UpstreamAnswer | null = null;
    try {
      if (forwarded) answer = await forward(method, path, req.headers, body);
      if (latencyMs > 0) await sleep(latencyMs);
    } catch {
      res.writeHead(502).end();
      return;
    }
    const scimError = (status: number, detail: string) =>
      JSON.stringify({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: String(status),
        detail,
      });
    switch (fault) {
      case null:
        if (!answer) return;
        counts.passed++;
        res
          .writeHead(answer.status, { ...answer.headers, "content-length": answer.body.length })
          .end(answer.body);
        return;
      case "throttle":
        res
          .writeHead(429, {
            "content-type": "application/scim+json",
            "retry-after": String(options.retryAfterSeconds ?? 1),
          })
          .end(scimError(429, "injected throttle"));
        return;
      case "serverError":
        res.writeHead(500, { "content-type": "application/scim+json" }).end(scimError(500, "injected error"));
        return;
      case "timeout": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          req.socket.destroy();
        }, holdMs);
        timers.add(timer);
        return;
      }
      case "reset":
        req.socket.resetAndDestroy();
        return;
      default: {
        const never: never = fault;
        return never;
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      server.close(() => resolve());
    });
    return closing;
  };
  const lifetime = setTimeout(close, options.lifetimeMs ?? 120_000);
  lifetime.unref();

  return {
    origin,
    urlFor: (upstreamUrl) => {
      const url = new URL(upstreamUrl);
      return `${origin}${url.pathname}${url.search}`;
    },
    counts,
    requests,
    set: (settings) => {
      rate = settings.rate ?? rate;
      latencyMs = settings.latencyMs ?? latencyMs;
    },
    close,
  };
}
