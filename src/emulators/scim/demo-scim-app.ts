import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import SCIMMYRouters from "scimmy-routers";
import { normaliseEntraRequest } from "./entra-tolerance.js";
import { parseEqFilter } from "./eq-filter.js";
import { createMemoryStore, type StoredResource } from "./memory-store.js";
import { type RecordedRequest, recordRequests } from "./request-log.js";
import { type DemoScimContext, declareDemoResources } from "./scimmy-resources.js";

export interface DemoScimAppOptions {
  /** Default 0: the OS picks a free port (read it from `url`). */
  readonly port?: number;
  /** Default 127.0.0.1: the app is reachable from this machine only. */
  readonly host?: string;
  /** The bearer token clients must send. */
  readonly token: string;
  /** Also hand every finished request to this callback (the CLI prints them). */
  readonly onRequest?: (entry: RecordedRequest) => void;
}

export interface DemoScimApp {
  /** The tenant URL to configure in a job, e.g. `http://127.0.0.1:PORT/scim`. */
  readonly url: string;
  /** Every request received so far, oldest first (always recorded, for test assertions). */
  readonly requestLog: readonly RecordedRequest[];
  clearRequestLog(): void;
  users(): StoredResource[];
  groups(): StoredResource[];
  close(): Promise<void>;
}

const BASE_PATH = "/scim";

/**
 * The demo SCIM app: scimmy + scimmy-routers on express 5, users and groups in memory, the enterprise
 * extension enabled, a bearer-token check, 409 on a duplicate userName / group displayName (any case), and
 * tolerant of what Entra really sends (see `normaliseEntraRequest` and `parseEqFilter`).
 */
export async function startDemoScimApp(options: DemoScimAppOptions): Promise<DemoScimApp> {
  declareDemoResources();
  const store = createMemoryStore();
  const requestLog: RecordedRequest[] = [];
  const expected = digest(`Bearer ${options.token}`);
  const contexts = new WeakMap<Request, DemoScimContext>();

  const app = express();
  app.disable("x-powered-by");
  app.use(BASE_PATH, express.json({ type: ["application/scim+json", "application/json"], limit: "1mb" }));
  app.use(BASE_PATH, recordRequests(requestLog, options.onRequest));
  app.use(BASE_PATH, (req: Request, _res: Response, next: NextFunction) => {
    // Express 5 makes req.query a getter that re-parses on every access, so scimmy-routers' paging casts
    // would be lost; a plain writable copy fixes that (dependencies.md §8) and lets us take over `filter`.
    const query: Record<string, unknown> = { ...req.query };
    const eqFilter = typeof query.filter === "string" ? parseEqFilter(query.filter) : null;
    if (eqFilter) delete query.filter;
    Object.defineProperty(req, "query", { value: query, writable: true, configurable: true });
    contexts.set(req, { store, eqFilter });
    if (req.body !== undefined) req.body = normaliseEntraRequest(req.method, req.body);
    next();
  });
  app.use(
    BASE_PATH,
    new SCIMMYRouters({
      type: "bearer",
      handler: (req) => {
        const given = digest(req.header("Authorization") ?? "");
        if (!timingSafeEqual(given, expected)) throw new Error("Authorization failure: invalid bearer token");
        return "demo-admin";
      },
      context: (req) => contexts.get(req),
    }),
  );

  const server = app.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}${BASE_PATH}`,
    requestLog,
    clearRequestLog: () => {
      requestLog.length = 0;
    },
    users: () => store.list("User"),
    groups: () => store.list("Group"),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Hashing both sides first gives equal-length buffers, so the comparison is constant-time for any input. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
