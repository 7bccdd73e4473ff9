import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { type ObjectType, scimResourceType, type TargetId, targetId } from "../../../domain/ids.js";
import type { TargetConnector, TargetResource } from "../../../domain/target.js";
import { type AppRoleLookup, noAppRoles } from "./app-role-lookup.js";
import { buildCreateBody } from "./create-body.js";
import { buildMatchQuery } from "./filter.js";
import { flattenResource } from "./flatten-resource.js";
import { isJsonObject } from "./json-value.js";
import type { ScimDialect } from "./patch-dialect.js";
import { readJson, readListResponse, readSingleResource } from "./read-response.js";
import { renderMembersPatch, renderPatch } from "./render-patch.js";
import { createScimHttp, type HttpMethod, type ScimRequestInfo, type ScimResponse } from "./scim-http.js";
import { errorForStatus, incompatibleResponse, type NotFoundMeaning } from "./status-errors.js";
import { parseTenantUrl } from "./tenant-url.js";

export interface ScimTargetOptions {
  /** The tenant URL; a `?aadOptscim062020` flag selects that PATCH dialect and is never sent on requests. */
  readonly baseUrl: string;
  /** The bearer secret. Never logged; masked in what errors quote of a response (never in what is parsed). */
  readonly token: string;
  /** Extra CA (PEM) to trust on top of the system roots, e.g. for a self-signed test app. Verification stays on. */
  readonly caPem?: string;
  /** Per-attempt timeout in ms, covering headers and body. Default 30 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and resets (see `ScimHttp.send`). Default 4. */
  readonly maxRetries?: number;
  /** Default `entra-sync`. */
  readonly userAgent?: string;
  /** Keep-alive pool size towards the app; size it to the executor's concurrency. Default 16. */
  readonly maxConnections?: number;
  /** First back-off step in ms (doubled per retry, full jitter). Default 500. */
  readonly retryBaseDelayMs?: number;
  /** Cap of one back-off step in ms. Default 30 000. */
  readonly maxRetryDelayMs?: number;
  /** Cap of one wait, including a `Retry-After`, in ms. Default 120 000. */
  readonly maxRetryAfterMs?: number;
  /**
   * The service principal's app roles by value, so a legacy role PATCH carries the role's id and
   * displayName as Entra's does. Without it the role is sent with the mapped sub-attributes only.
   */
  readonly appRoles?: AppRoleLookup;
  /** Metrics hook, called once per attempt. */
  readonly onRequest?: (info: ScimRequestInfo) => void;
  /** Injected for tests: jitter source in [0, 1), wall clock in ms, and the wait between attempts. */
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The HTTP SCIM target: a `TargetConnector` that also says its dialect and owns a connection pool. */
export interface ScimTarget extends TargetConnector {
  readonly dialect: ScimDialect;
  close(): Promise<void>;
}

/** Entra's SCIM client over HTTP (scim-wire.md). Maps every failure to a `ConnectorError` (errors.ts). */
export function createScimTarget(options: ScimTargetOptions): ScimTarget {
  const { baseUrl, dialect } = parseTenantUrl(options.baseUrl);
  const appRoles = options.appRoles ?? noAppRoles;
  const http = createScimHttp({
    baseUrl,
    token: options.token,
    caPem: options.caPem,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 4,
    userAgent: options.userAgent ?? "entra-sync",
    maxConnections: options.maxConnections ?? 16,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
    onRequest: options.onRequest,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => delay(ms)),
  });

  /** Sends and returns the response when its status is one of `accept`; otherwise throws the mapped error. */
  async function call(
    method: HttpMethod,
    path: string,
    route: string,
    accept: readonly number[],
    notFound: NotFoundMeaning,
    body?: unknown,
  ): Promise<ScimResponse> {
    const request = { method, path, route, ...(body === undefined ? {} : { body }) };
    const response = await http.send(request);
    if (accept.includes(response.status)) return response;
    throw errorForStatus(request, response, notFound);
  }

  const collection = (type: ObjectType) => `/${scimResourceType(type)}s`;
  const member = (type: ObjectType, id: TargetId) => `${collection(type)}/${encodeURIComponent(id)}`;
  const memberRoute = (type: ObjectType) => `${collection(type)}/{id}`;
  const flatten = (resource: { id: string }, paths: readonly string[]): TargetResource => ({
    id: targetId(resource.id),
    attributes: flattenResource(resource, paths),
  });

  async function query(type: ObjectType, attribute: string, value: string, paths: readonly string[]) {
    const path = `${collection(type)}?${buildMatchQuery(type, attribute, value)}`;
    const response = await call("GET", path, collection(type), [200], "compliance");
    return readListResponse({ method: "GET", path }, response).map((resource) => flatten(resource, paths));
  }

  return {
    dialect,
    query,

    async get(type, id, paths) {
      const path = `${member(type, id)}${type === "group" ? "?excludedAttributes=members" : ""}`;
      const response = await call("GET", path, memberRoute(type), [200, 404], "anchor");
      if (response.status === 404) return null;
      const resource = readSingleResource({ method: "GET", path }, response);
      return resource === null ? null : flatten(resource, paths);
    },

    async create(type, attributes) {
      const path = collection(type);
      const response = await call(
        "POST",
        path,
        path,
        [200, 201],
        "compliance",
        buildCreateBody(type, attributes),
      );
      const body = readJson({ method: "POST", path }, response);
      const id = isJsonObject(body) ? body.id : undefined;
      if (typeof id !== "string" || id === "") {
        throw incompatibleResponse(
          { method: "POST", path },
          response.status,
          `Expected the created resource with a string id, got id ${response.redact(String(JSON.stringify(id)))}`,
        );
      }
      return targetId(id);
    },

    async update(type, id, changes) {
      if (changes.length === 0) return;
      // 200 with the resource or 204 without one are both fine (scim-targets.md); the body is not needed.
      await call(
        "PATCH",
        member(type, id),
        memberRoute(type),
        [200, 204],
        "anchor",
        renderPatch(dialect, type, changes, appRoles),
      );
    },

    async updateMembers(groupId, add, remove) {
      if (add.length === 0 && remove.length === 0) return;
      const body = renderMembersPatch(dialect, add, remove);
      await call("PATCH", member("group", groupId), memberRoute("group"), [200, 204], "anchor", body);
    },

    async delete(type, id) {
      // A 404 means someone else already deleted it: the goal is reached.
      await call("DELETE", member(type, id), memberRoute(type), [200, 204, 404], "anchor");
    },

    async testConnection(attribute) {
      const probe = randomUUID();
      const hits = await query("user", attribute, probe, []);
      if (hits.length > 0) {
        throw incompatibleResponse(
          { method: "GET", path: `/Users?filter=${attribute} eq "${probe}"` },
          200,
          `Expected no resource for a random ${attribute}, got ${hits.length}`,
        );
      }
    },

    close: () => http.close(),
  };
}
