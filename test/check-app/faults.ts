import type { CheckStatus } from "../../src/check-app/index.js";
import type { ScimDialect } from "../../src/connectors/target/scim/index.js";
import { type Fault, madeUpId, type ProxiedAnswer, type ProxiedRequest } from "./broken-scim-server.js";

/** What the report must say about a fault: exactly these checks fail or warn, nothing else changes. */
export interface ExpectedFinding {
  readonly id: number;
  readonly dialect: ScimDialect | null;
  readonly status: Extract<CheckStatus, "fail" | "warn">;
}

export interface BrokenBehaviour {
  readonly name: string;
  readonly fault: Fault;
  readonly expected: readonly ExpectedFinding[];
  /** Checks that cannot run because of the fault (they need what it breaks); none by default. */
  readonly skipped?: readonly number[];
  /** The fault stops the checker from deleting its test users (DELETE is what it breaks). */
  readonly keepsTestUsers?: true;
}

type Json = Record<string, unknown>;
type Operation = { op?: string; path?: string; value?: unknown };

const scimError = (status: number, detail: string): ProxiedAnswer => ({
  status,
  contentType: "application/scim+json",
  body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail },
});
const noContent: ProxiedAnswer = { status: 204, contentType: "application/scim+json", body: undefined };

const isUsers = (r: ProxiedRequest) => /^\/Users(\/|\?|$)/.test(r.path);
const isUserById = (r: ProxiedRequest) => /^\/Users\/[^?]+/.test(r.path);
const filterOf = (r: ProxiedRequest) => new URLSearchParams(r.path.split("?")[1] ?? "").get("filter");

/** Drops query parameters, as an app that does not read them would. */
function withoutParams(request: ProxiedRequest, ...names: string[]): void {
  const [path, query = ""] = request.path.split("?") as [string, string?];
  const params = new URLSearchParams(query);
  for (const name of names) params.delete(name);
  request.path = params.size > 0 ? `${path}?${params}` : path;
}

/** Drops the PATCH operations the app "ignores"; answers 204 for it when none is left. */
function ignoringOps(matches: (op: Operation) => boolean): Fault["request"] {
  return (request) => {
    if (request.method !== "PATCH" || !isUserById(request)) return undefined;
    const body = request.body as { Operations: Operation[] };
    body.Operations = body.Operations.filter((op) => !matches(op));
    return body.Operations.length === 0 ? noContent : undefined;
  };
}

/** Answers 429 without Retry-After to the probe query once it came `allowed` times (the burst of check 19). */
function throttlingProbesAfter(allowed: number): Fault {
  let probes = 0;
  return {
    request: (request) => {
      if (!/^userName eq "[0-9a-f-]{36}"$/.test(filterOf(request) ?? "")) return undefined;
      probes++;
      return probes > allowed ? scimError(429, "slow down") : undefined;
    },
  };
}

/** Every resource of a user answer (one resource or a ListResponse). */
function resourcesOf(answer: ProxiedAnswer): Json[] {
  const body = answer.body as Json | undefined;
  if (!body) return [];
  return Array.isArray(body.Resources) ? (body.Resources as Json[]) : [body];
}

/**
 * Ten (and a few more) ways a real SCIM server breaks Entra, one check each. The baseline is the demo app
 * itself, which earns one warning (check 11, legacy role PATCH); a fault changes only its own checks.
 */
export const brokenBehaviours: readonly BrokenBehaviour[] = [
  {
    name: "accepts a wrong bearer token",
    fault: {
      request: (request, token) => {
        request.authorization = `Bearer ${token}`;
        return undefined;
      },
    },
    expected: [{ id: 1, dialect: null, status: "fail" }],
  },
  {
    name: "answers the Test Connection probe with the unfiltered list",
    fault: {
      request: (request) => {
        if (
          request.method === "GET" &&
          isUsers(request) &&
          /^userName eq "[0-9a-f-]{36}"$/.test(filterOf(request) ?? "")
        )
          withoutParams(request, "filter");
        return undefined;
      },
    },
    expected: [{ id: 2, dialect: null, status: "fail" }],
  },
  {
    name: "answers a create without an id",
    fault: {
      answer: (request, answer) => {
        if (request.method === "POST" && isUsers(request) && answer.status === 201)
          delete (answer.body as Json).id;
      },
    },
    expected: [{ id: 6, dialect: null, status: "fail" }],
    // Every check that needs a user of its own; groups (15) still run.
    skipped: [7, 8, 9, 10, 11, 11, 12, 12, 13, 13, 14, 14, 16, 16, 17, 18],
  },
  {
    name: "silently drops title on create",
    fault: {
      request: (request) => {
        if (request.method === "POST" && isUsers(request)) delete (request.body as Json).title;
        return undefined;
      },
    },
    expected: [{ id: 7, dialect: null, status: "warn" }],
  },
  {
    name: "matches userName case-sensitively",
    fault: {
      answer: (request, answer) => {
        const value = /^userName eq "(.*)"$/.exec(filterOf(request) ?? "")?.[1];
        const body = answer.body as Json | undefined;
        if (value === undefined || !Array.isArray(body?.Resources)) return;
        body.Resources = (body.Resources as Json[]).filter((r) => r.userName === value);
        body.totalResults = (body.Resources as Json[]).length;
      },
    },
    expected: [{ id: 8, dialect: null, status: "fail" }],
  },
  {
    name: "ignores a filter it does not support and lists everyone",
    fault: {
      request: (request) => {
        if (request.method === "GET" && / sw /.test(filterOf(request) ?? ""))
          withoutParams(request, "filter");
        return undefined;
      },
    },
    expected: [{ id: 9, dialect: null, status: "warn" }],
  },
  {
    name: "creates a duplicate instead of answering 409",
    fault: {
      answer: (request, answer) => {
        if (request.method !== "POST" || !isUsers(request) || answer.status !== 409) return;
        answer.status = 201;
        answer.body = { ...(request.body as Json), id: madeUpId() };
      },
    },
    expected: [{ id: 10, dialect: null, status: "fail" }],
  },
  {
    name: "answers 501 to a PATCH of plain attributes in the flag's folded form",
    fault: {
      request: (request) =>
        request.method === "PATCH" &&
        isUserById(request) &&
        (request.body as { Operations: Operation[] }).Operations.some((op) => op.path === undefined)
          ? scimError(501, "PATCH without a path is not implemented")
          : undefined,
    },
    expected: [{ id: 11, dialect: "aadOptscim062020", status: "fail" }],
  },
  {
    name: 'stores active as the string "False"',
    fault: {
      answer: (request, answer) => {
        if (request.method !== "GET" || !isUsers(request)) return;
        for (const resource of resourcesOf(answer)) if (resource.active === false) resource.active = "False";
      },
    },
    expected: [
      { id: 12, dialect: "entra-legacy", status: "fail" },
      { id: 12, dialect: "aadOptscim062020", status: "fail" },
    ],
  },
  {
    name: "ignores manager PATCHes",
    fault: { request: ignoringOps((op) => /manager$/i.test(op.path ?? "")) },
    expected: [
      { id: 13, dialect: "entra-legacy", status: "fail" },
      { id: 13, dialect: "aadOptscim062020", status: "fail" },
    ],
  },
  {
    name: "ignores a userName change",
    fault: { request: ignoringOps((op) => op.path === "userName") },
    expected: [
      { id: 14, dialect: "entra-legacy", status: "fail" },
      { id: 14, dialect: "aadOptscim062020", status: "fail" },
    ],
  },
  {
    name: "reads the legacy member Remove as 'remove all members'",
    fault: {
      request: (request) => {
        if (request.method !== "PATCH" || !request.path.startsWith("/Groups/")) return undefined;
        const body = request.body as { Operations: Operation[] };
        body.Operations = body.Operations.map((op) =>
          op.op === "Remove" && op.path === "members" ? { op: "remove", path: "members" } : op,
        );
        return undefined;
      },
    },
    expected: [{ id: 16, dialect: "entra-legacy", status: "fail" }],
  },
  {
    name: "answers 204 to DELETE but keeps the user",
    fault: {
      request: (request) => (request.method === "DELETE" && isUserById(request) ? noContent : undefined),
    },
    expected: [{ id: 17, dialect: null, status: "fail" }],
    keepsTestUsers: true,
  },
  {
    name: "throttles a burst with 429 but no Retry-After",
    fault: throttlingProbesAfter(30),
    expected: [{ id: 19, dialect: null, status: "warn" }],
  },
  {
    name: "ignores startIndex and count",
    fault: {
      request: (request) => {
        if (request.method === "GET" && isUsers(request) && filterOf(request) === null)
          withoutParams(request, "startIndex", "count");
        return undefined;
      },
    },
    expected: [{ id: 18, dialect: null, status: "warn" }],
  },
];
