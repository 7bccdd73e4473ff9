import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A deliberately minimal SCIM 2.0 endpoint on raw `node:http`, so the benchmark measures the engine rather
 * than the app: resources live in Maps, the only filter is Entra's `<attr> eq "<value>"` on the unique
 * attribute (answered from a lower-cased index, O(1)), and PATCH understands just what the engine sends
 * (attribute replace/add, folded path-less replace, member add/remove, the manager in the enterprise
 * extension). No schema validation on purpose.
 */
export interface FastScimServer {
  /** `http://127.0.0.1:PORT/scim`: the tenant URL. */
  readonly url: string;
  readonly token: string;
  /** Requests answered so far, by method. */
  readonly requests: Readonly<Record<string, number>>;
  resetCounters(): void;
  close(): Promise<void>;
}

type Resource = Record<string, unknown> & { id: string };

interface Collection {
  /** `userName` or `displayName`: unique, case-insensitive, and the only filterable attribute. */
  readonly unique: string;
  readonly byId: Map<string, Resource>;
  readonly byKey: Map<string, string>;
}

const SCIM_JSON = "application/scim+json";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const EQ = /^\s*(\S+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;
const MEMBER_FILTER = /^members\[value eq "([^"]+)"\]$/i;

const keyOf = (collection: Collection, resource: Record<string, unknown>) =>
  String(resource[collection.unique] ?? "").toLowerCase();

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": SCIM_JSON, "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

const scimError = (response: ServerResponse, status: number, detail: string, scimType?: string) =>
  send(response, status, { schemas: [ERROR_SCHEMA], status: String(status), detail, scimType });

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0
    ? {}
    : (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
}

function listResponse(resources: readonly Resource[]) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function query(collection: Collection, filter: string | null): Resource[] | null {
  if (filter === null) return [...collection.byId.values()].slice(0, 100);
  const match = EQ.exec(filter);
  if (!match || match[1]!.toLowerCase() !== collection.unique.toLowerCase()) return null;
  const id = collection.byKey.get((JSON.parse(match[2]!) as string).toLowerCase());
  const found = id === undefined ? undefined : collection.byId.get(id);
  return found ? [found] : [];
}

function memberValues(value: unknown): string[] {
  return Array.isArray(value) ? value.map((m) => String((m as { value?: unknown }).value)) : [];
}

const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The manager as the legacy PATCH (`manager`) and the fixed one (the extension's URN path) address it. */
const MANAGER_PATHS = new Set(["manager", `${ENTERPRISE_USER}:manager`.toLowerCase()]);

/** Applies one PATCH operation the engine emits; a path it cannot place is stored under the path as is. */
function applyOperation(resource: Resource, operation: Record<string, unknown>): void {
  const remove = String(operation.op).toLowerCase() === "remove";
  const path = typeof operation.path === "string" ? operation.path : undefined;
  const filtered = path === undefined ? null : MEMBER_FILTER.exec(path);
  if (filtered || path?.toLowerCase() === "members") {
    const members = new Set(memberValues(resource.members));
    for (const id of filtered ? [filtered[1]!] : memberValues(operation.value)) {
      if (remove) members.delete(id);
      else members.add(id);
    }
    resource.members = [...members].map((value) => ({ value }));
  } else if (path !== undefined && MANAGER_PATHS.has(path.toLowerCase())) {
    // Stored where RFC 7643 puts it, so a later match query returns the manager as a real app would.
    const value = Array.isArray(operation.value) ? operation.value[0] : operation.value;
    const id = typeof value === "object" && value !== null ? (value as { value?: unknown }).value : value;
    const extension = (resource[ENTERPRISE_USER] ?? {}) as Record<string, unknown>;
    resource[ENTERPRISE_USER] = remove
      ? { ...extension, manager: undefined }
      : { ...extension, manager: { value: id } };
  } else if (path === undefined) {
    if (typeof operation.value === "object" && operation.value !== null)
      Object.assign(resource, operation.value);
  } else if (remove) delete resource[path];
  else resource[path] = operation.value;
}

export async function startFastScimServer(): Promise<FastScimServer> {
  const token = randomUUID();
  const collections: Record<string, Collection> = {
    Users: { unique: "userName", byId: new Map(), byKey: new Map() },
    Groups: { unique: "displayName", byId: new Map(), byKey: new Map() },
  };
  let requests: Record<string, number> = {};

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    requests[method] = (requests[method] ?? 0) + 1;
    if (request.headers.authorization !== `Bearer ${token}`) return scimError(response, 401, "Bad token");
    const url = new URL(request.url ?? "/", "http://localhost");
    const [, root, name, rawId] = url.pathname.split("/");
    const collection = root === "scim" && name ? collections[name] : undefined;
    if (!collection) return scimError(response, 404, `No endpoint ${url.pathname}`);
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    const existing = id === undefined ? undefined : collection.byId.get(id);
    if (id !== undefined && !existing) return scimError(response, 404, `${name} ${id} not found`);

    if (method === "GET" && existing) return send(response, 200, existing);
    if (method === "GET") {
      const found = query(collection, url.searchParams.get("filter"));
      if (found === null)
        return scimError(response, 400, "Only <unique attribute> eq filters", "invalidFilter");
      return send(response, 200, listResponse(found));
    }
    if (method === "POST" && !existing) {
      const body = await readJson(request);
      const key = keyOf(collection, body);
      if (key === "" || collection.byKey.has(key))
        return scimError(response, 409, `${collection.unique} in use`, "uniqueness");
      const now = new Date().toISOString();
      const created: Resource = { ...body, id: randomUUID(), meta: { created: now, lastModified: now } };
      collection.byId.set(created.id, created);
      collection.byKey.set(key, created.id);
      return send(response, 201, created);
    }
    if (method === "PATCH" && existing) {
      const body = await readJson(request);
      const before = keyOf(collection, existing);
      for (const operation of (body.Operations as Record<string, unknown>[]) ?? [])
        applyOperation(existing, operation);
      collection.byKey.delete(before);
      collection.byKey.set(keyOf(collection, existing), existing.id);
      return send(response, 204);
    }
    if (method === "DELETE" && existing) {
      collection.byId.delete(existing.id);
      collection.byKey.delete(keyOf(collection, existing));
      return send(response, 204);
    }
    return scimError(response, 405, `${method} not supported here`);
  }

  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => scimError(response, 400, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim`,
    token,
    get requests() {
      return requests;
    },
    resetCounters: () => {
      requests = {};
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
