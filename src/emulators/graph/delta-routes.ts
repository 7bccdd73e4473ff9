import { serveDeltaPage } from "./delta-round.js";
import { type DeltaState, decodeDeltaToken, encodeDeltaToken } from "./delta-token.js";
import type { EmulatorContext } from "./emulator-context.js";
import { badRequest, GraphHttpError } from "./graph-error.js";
import { buildLink, parseTop } from "./odata.js";
import { type EntityType, parseSelect } from "./properties.js";
import type { GraphReply, GraphRequest, Router } from "./router.js";

const EXPIRED_MESSAGE =
  "The sync state generation is not found. The delta token is expired and data must be synchronized again.";

/** `/users/delta` and `/groups/delta`, in the short and the `microsoft.graph.delta` form. */
export function addDeltaRoutes(router: Router, context: EmulatorContext): void {
  for (const type of ["user", "group"] as const) {
    const handler = (request: GraphRequest) => deltaHandler(context, type, request);
    router.add("GET", `${type}s/delta`, handler).add("GET", `${type}s/microsoft.graph.delta`, handler);
  }
}

function deltaHandler(context: EmulatorContext, type: EntityType, request: GraphRequest): GraphReply {
  const { query } = request;
  for (const option of ["$expand", "$orderby", "$filter", "$search", "$count"]) {
    if (query.has(option)) {
      throw new GraphHttpError(
        400,
        "Request_UnsupportedQuery",
        `The query option '${option}' is not supported with delta.`,
      );
    }
  }
  const token = query.get("$skiptoken") ?? query.get("$deltatoken");
  const state =
    token === null || token === "latest"
      ? startRound(context, type, request, token)
      : resume(context, type, request, token);
  const page = token === "latest" ? latest(state) : serveDeltaPage(context.store, state);
  const linkParam = page.link.kind === "next" ? "$skiptoken" : "$deltatoken";
  const link = buildLink(request.origin, request.pathname, [[linkParam, encodeDeltaToken(page.link.state)]]);
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/v1.0/$metadata#${type}s`,
      [page.link.kind === "next" ? "@odata.nextLink" : "@odata.deltaLink"]: link,
      value: page.value,
    },
  };
}

/** The first call: every option is given now and written into the tokens. */
function startRound(
  context: EmulatorContext,
  type: EntityType,
  request: GraphRequest,
  token: string | null,
): DeltaState {
  return {
    v: 1,
    type,
    select: parseSelect(request.query.get("$select"), type, true),
    pageSize: parseTop(request.query.get("$top")) ?? context.deltaPageSize,
    epoch: context.deltaTokens.epoch,
    phase: token === "latest" ? "changes" : "initial",
    from: context.store.log.head,
    to: context.store.log.head,
    cursor: 0,
    memberCursor: 0,
  };
}

/** `$deltatoken=latest`: no data, only a deltaLink from now ("sync from now"). */
const latest = (state: DeltaState) =>
  ({ value: [], link: { kind: "delta", state: { ...state, to: null } } }) as const;

function resume(
  context: EmulatorContext,
  type: EntityType,
  request: GraphRequest,
  token: string,
): DeltaState {
  if (request.query.has("$select")) {
    throw badRequest(
      "$select is encoded in the delta token; it must not be sent with $skiptoken or $deltatoken.",
    );
  }
  const state = decodeDeltaToken(token);
  if (state === undefined || state.type !== type) throw badRequest("Badly formed token.");
  if (state.epoch !== context.deltaTokens.epoch) throw expired(context, request);
  return state;
}

function expired(context: EmulatorContext, request: GraphRequest): GraphHttpError {
  switch (context.deltaTokens.expiryMode) {
    case "syncStateNotFound":
      return new GraphHttpError(400, "syncStateNotFound", EXPIRED_MESSAGE);
    case "resync410":
      return new GraphHttpError(
        410,
        "resyncRequired",
        "The delta token is no longer valid; the sync state must be reset.",
        {
          Location: buildLink(request.origin, request.pathname, [["$deltatoken", ""]]),
        },
      );
    default: {
      const unreachable: never = context.deltaTokens.expiryMode;
      return unreachable;
    }
  }
}
