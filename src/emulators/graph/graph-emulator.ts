import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createCertificate } from "./certificate.js";
import { addDeltaRoutes } from "./delta-routes.js";
import type { DeltaExpiryMode, EmulatorContext } from "./emulator-context.js";
import { GraphHttpError, graphErrorBody } from "./graph-error.js";
import { TokenIssuer } from "./oauth.js";
import { addReadRoutes } from "./read-routes.js";
import { type GraphReply, Router } from "./router.js";
import type { TenantData } from "./tenant-schema.js";
import { TenantStore } from "./tenant-store.js";
import { addWriteRoutes } from "./write-routes.js";

export interface GraphEmulatorOptions {
  readonly tenant: TenantData;
  /** 0 (default) = a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Where the CA PEM is written; default a fresh directory under the OS temp dir. */
  readonly certDir?: string;
  /** Objects per delta page when the first call has no `$top`; default 100. */
  readonly deltaPageSize?: number;
  /** Page size of list endpoints without `$top`; default 100 (Graph's default). */
  readonly pageSizeDefault?: number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The raw query string without `?` ("" when none). */
  readonly query: string;
  readonly status: number;
}

export interface GraphEmulator {
  /** `https://127.0.0.1:PORT`: the Graph base URL (requests go to `${url}/v1.0/…`). */
  readonly url: string;
  /** Same origin: the OAuth authority host for `ClientSecretCredential`. */
  readonly authorityHost: string;
  readonly caFile: string;
  readonly caPem: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly servicePrincipalId: string;
  /** The live tenant, for tests to inspect. */
  readonly store: TenantStore;
  readonly requestLog: readonly RequestLogEntry[];
  clearRequestLog(): void;
  /** Invalidates every delta token issued so far; later use answers per `mode` (default 400 syncStateNotFound). */
  expireDeltaTokens(mode?: DeltaExpiryMode): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts an HTTPS Microsoft Graph + Entra token endpoint emulator serving `options.tenant`. */
export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const now = () => new Date();
  const store = TenantStore.fromTenant(options.tenant, { now, newId: randomUUID });
  const context: EmulatorContext = {
    store,
    pageSizeDefault: options.pageSizeDefault ?? 100,
    deltaPageSize: options.deltaPageSize ?? 100,
    deltaTokens: { epoch: 0, expiryMode: "syncStateNotFound" },
  };
  const router = new Router();
  addDeltaRoutes(router, context);
  addReadRoutes(router, context);
  addWriteRoutes(router, context);
  const issuer = new TokenIssuer(
    {
      tenantId: store.tenantId,
      clientId: store.application.clientId,
      clientSecret: store.application.clientSecret,
    },
    now,
  );
  const certificate = await createCertificate(options.certDir);
  const requestLog: RequestLogEntry[] = [];
  let origin = "";

  const dispatch = (request: IncomingMessage, url: URL, body: string): GraphReply => {
    const segments = url.pathname.split("/").slice(1).map(decodeSegment);
    const method = request.method ?? "GET";
    const [first = "", ...rest] = segments;
    if (first === "v1.0") {
      const rejection = issuer.rejectBearer(request.headers.authorization);
      if (rejection !== undefined) {
        throw new GraphHttpError(401, "InvalidAuthenticationToken", rejection, {
          "WWW-Authenticate": 'Bearer realm=""',
        });
      }
      const { handler, params } = router.resolve(method, rest);
      return handler({
        method,
        params,
        query: url.searchParams,
        body: parseJson(body),
        origin,
        pathname: url.pathname,
      });
    }
    const route = rest.join("/");
    if (method === "GET" && route === "v2.0/.well-known/openid-configuration") {
      return issuer.openIdConfiguration(origin, first);
    }
    if (method === "POST" && route === "oauth2/v2.0/token") {
      return issuer.token(first, new URLSearchParams(body), request.headers.authorization);
    }
    throw new GraphHttpError(
      404,
      "Request_ResourceNotFound",
      `Expected a /v1.0 or OAuth path, got '${url.pathname}'.`,
    );
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", origin);
    const clientRequestId = headerValue(request.headers["client-request-id"]);
    let reply: GraphReply;
    try {
      reply = dispatch(request, url, await readBody(request));
    } catch (error) {
      reply = errorReply(error, clientRequestId);
    }
    requestLog.push({
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.search.slice(1),
      status: reply.status,
    });
    const headers: Record<string, string> = {
      "request-id": randomUUID(),
      "client-request-id": clientRequestId ?? randomUUID(),
      ...reply.headers,
    };
    if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    headers["Content-Type"] = "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8";
    response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  };

  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `https://${host}:${address.port}`;

  return {
    url: origin,
    authorityHost: origin,
    caFile: certificate.caFile,
    caPem: certificate.certPem,
    tenantId: store.tenantId,
    clientId: store.application.clientId,
    servicePrincipalId: store.application.servicePrincipalId,
    store,
    requestLog,
    clearRequestLog: () => {
      requestLog.length = 0;
    },
    expireDeltaTokens: (mode = "syncStateNotFound") => {
      context.deltaTokens.epoch += 1;
      context.deltaTokens.expiryMode = mode;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function errorReply(error: unknown, clientRequestId: string | undefined): GraphReply {
  const now = new Date();
  if (error instanceof GraphHttpError) {
    return {
      status: error.status,
      headers: error.headers,
      body: graphErrorBody(error.code, error.message, now, clientRequestId),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: graphErrorBody("generalException", message, now, clientRequestId) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GraphHttpError(
      400,
      "Request_BadRequest",
      `Expected a percent-encoded path segment, got '${segment}'.`,
    );
  }
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new GraphHttpError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new GraphHttpError(
        413,
        "Request_EntityTooLarge",
        `Expected a body of at most ${MAX_BODY_BYTES} bytes.`,
      );
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
