import type { SourceValue } from "../../domain/values.js";
import type { EmulatorContext } from "./emulator-context.js";
import { GraphHttpError, notFound } from "./graph-error.js";
import type { IndexedList } from "./indexed-list.js";
import { decodeSkipToken, nextPageLink, parseTop, rejectUnsupported } from "./odata.js";
import { parseSelect } from "./properties.js";
import {
  renderAssignment,
  renderDirectoryObject,
  renderObject,
  renderServicePrincipal,
} from "./representations.js";
import { type GraphReply, type GraphRequest, param, type Router } from "./router.js";

type Json = Record<string, SourceValue>;

/** GET routes for users, groups, members, the service principal and its assignments. */
export function addReadRoutes(router: Router, context: EmulatorContext): void {
  const { store } = context;

  /** One page of an IndexedList, with Graph's `@odata.nextLink` when more remain. */
  function listPage<T>(
    request: GraphRequest,
    list: IndexedList<T>,
    contextPath: string,
    keep: (value: T, key: string) => boolean,
    render: (value: T, key: string) => Json,
  ): GraphReply {
    rejectUnsupported(request.query);
    const top = parseTop(request.query.get("$top")) ?? context.pageSizeDefault;
    const page = list.page(decodeSkipToken(request.query.get("$skiptoken")), top, keep);
    const body: Record<string, unknown> = {
      "@odata.context": `${request.origin}/v1.0/$metadata#${contextPath}`,
      value: page.entries.map((entry) => render(entry.value, entry.key)),
    };
    if (page.next !== null) {
      body["@odata.nextLink"] = nextPageLink(request.origin, request.pathname, request.query, page.next);
    }
    return { status: 200, body };
  }

  const userSelect = (request: GraphRequest) => parseSelect(request.query.get("$select"), "user", false);
  const groupSelect = (request: GraphRequest) => parseSelect(request.query.get("$select"), "group", false);

  const requireServicePrincipal = (id: string) => {
    if (id !== store.application.servicePrincipalId) throw notFound(id);
  };

  router
    .add("GET", "users", (request) => {
      const select = userSelect(request);
      return listPage(
        request,
        store.users,
        "users",
        (user) => !user.deleted,
        (user) => renderObject(store, "user", user.id, select),
      );
    })
    .add("GET", "users/:id", (request) => {
      const user = store.requireLiveUser(param(request, "id"));
      return { status: 200, body: renderObject(store, "user", user.id, userSelect(request)) };
    })
    .add("GET", "users/:id/manager", (request) => {
      const user = store.requireLiveUser(param(request, "id"));
      const manager = user.managerId === null ? undefined : store.users.get(user.managerId);
      if (manager === undefined || manager.deleted) throw notFound("manager");
      return { status: 200, body: renderDirectoryObject(store, "user", manager.id, userSelect(request)) };
    })
    .add("GET", "groups", (request) => {
      const select = groupSelect(request);
      return listPage(
        request,
        store.groups,
        "groups",
        () => true,
        (group) => renderObject(store, "group", group.id, select),
      );
    })
    .add("GET", "groups/:id", (request) => {
      const group = store.requireGroup(param(request, "id"));
      return { status: 200, body: renderObject(store, "group", group.id, groupSelect(request)) };
    })
    .add("GET", "groups/:id/members", (request) => {
      const group = store.requireGroup(param(request, "id"));
      const raw = request.query.get("$select");
      const select = raw === null ? null : raw.split(",").map((name) => name.trim());
      return listPage(
        request,
        group.members,
        "directoryObjects",
        (_type, id) => store.liveKindOf(id) !== undefined,
        (type, id) => renderDirectoryObject(store, type, id, select),
      );
    })
    .add("GET", "servicePrincipals/:id", (request) => {
      requireServicePrincipal(param(request, "id"));
      const raw = request.query.get("$select");
      const select = raw === null ? null : raw.split(",").map((name) => name.trim());
      return { status: 200, body: renderServicePrincipal(store, select) };
    })
    .add("GET", "servicePrincipals/:id/appRoleAssignedTo", (request) => {
      requireServicePrincipal(param(request, "id"));
      if (request.query.has("$select")) {
        throw new GraphHttpError(
          400,
          "Request_UnsupportedQuery",
          "The emulator does not support $select on appRoleAssignedTo.",
        );
      }
      return listPage(
        request,
        store.assignments,
        `servicePrincipals('${store.application.servicePrincipalId}')/appRoleAssignedTo`,
        () => true,
        (assignment) => renderAssignment(store, assignment),
      );
    })
    .add("GET", "directory/deletedItems/:id", (request) => {
      const user = store.users.get(param(request, "id"));
      if (user === undefined || !user.deleted) throw notFound(param(request, "id"));
      return { status: 200, body: renderDirectoryObject(store, "user", user.id, userSelect(request)) };
    });
}
