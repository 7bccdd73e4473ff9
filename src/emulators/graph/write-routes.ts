import type { SourceValue } from "../../domain/values.js";
import type { EmulatorContext } from "./emulator-context.js";
import { badRequest, notFound } from "./graph-error.js";
import { parseWritableProps } from "./properties.js";
import { renderAssignment, renderDirectoryObject, renderObject } from "./representations.js";
import { type GraphRequest, param, type Router } from "./router.js";

const NO_CONTENT = { status: 204 } as const;

function bodyObject(request: GraphRequest): Record<string, unknown> {
  const { body } = request;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(
      `Expected a JSON object request body, got ${body === undefined ? "none" : JSON.stringify(body)}.`,
    );
  }
  return body as Record<string, unknown>;
}

function requireProps(body: Record<string, unknown>, names: readonly string[], resource: string): void {
  for (const name of names) {
    if (body[name] === undefined || body[name] === null) {
      throw badRequest(`Expected property '${name}' in the ${resource} request body, got none.`);
    }
  }
}

/** The object id at the end of an `@odata.id` reference (`https://…/v1.0/directoryObjects/{id}`). */
function referencedId(request: GraphRequest): string {
  const ref = bodyObject(request)["@odata.id"];
  const id = typeof ref === "string" ? ref.split("/").pop() : undefined;
  if (id === undefined || id === "") {
    throw badRequest(
      `Expected an '@odata.id' reference like https://graph.microsoft.com/v1.0/directoryObjects/{id}, got ${JSON.stringify(ref)}.`,
    );
  }
  return decodeURIComponent(id);
}

/** The Graph write APIs, so tests and users can change the tenant between sync cycles. */
export function addWriteRoutes(router: Router, context: EmulatorContext): void {
  const { store } = context;

  router
    .add("POST", "users", (request) => {
      const body = bodyObject(request);
      requireProps(body, ["accountEnabled", "displayName", "mailNickname", "userPrincipalName"], "user");
      // passwordProfile is accepted as Graph requires it, but never stored: the emulator has no sign-in.
      const props = parseWritableProps(body, "user", ["passwordProfile"]);
      const user = store.insertUser({
        userType: "Member",
        businessPhones: [],
        ...props,
        createdDateTime: store.env.now().toISOString(),
      });
      return { status: 201, body: renderObject(store, "user", user.id, null) };
    })
    .add("PATCH", "users/:id", (request) => {
      const user = store.requireLiveUser(param(request, "id"));
      store.updateUser(user, parseWritableProps(bodyObject(request), "user"));
      return NO_CONTENT;
    })
    .add("DELETE", "users/:id", (request) => {
      store.softDeleteUser(store.requireLiveUser(param(request, "id")));
      return NO_CONTENT;
    })
    .add("PUT", "users/:id/manager/$ref", (request) => {
      const user = store.requireLiveUser(param(request, "id"));
      const managerId = referencedId(request);
      if (store.liveKindOf(managerId) !== "user") throw notFound(managerId);
      if (managerId === user.id) throw badRequest("Expected a manager other than the user itself.");
      store.setManager(user, managerId);
      return NO_CONTENT;
    })
    .add("DELETE", "users/:id/manager/$ref", (request) => {
      const user = store.requireLiveUser(param(request, "id"));
      if (user.managerId === null) throw notFound("manager");
      store.setManager(user, null);
      return NO_CONTENT;
    })
    .add("POST", "directory/deletedItems/:id/restore", (request) => {
      const user = store.users.get(param(request, "id"));
      if (user === undefined || !user.deleted) throw notFound(param(request, "id"));
      store.restoreUser(user);
      return { status: 200, body: renderDirectoryObject(store, "user", user.id, null) };
    })
    .add("DELETE", "directory/deletedItems/:id", (request) => {
      const user = store.users.get(param(request, "id"));
      if (user === undefined || !user.deleted) throw notFound(param(request, "id"));
      store.purgeUser(user);
      return NO_CONTENT;
    })
    .add("POST", "groups", (request) => {
      const body = bodyObject(request);
      requireProps(body, ["displayName", "mailEnabled", "mailNickname", "securityEnabled"], "group");
      const props: Record<string, SourceValue> = { groupTypes: [], ...parseWritableProps(body, "group") };
      const group = store.insertGroup({ ...props, createdDateTime: store.env.now().toISOString() });
      return { status: 201, body: renderObject(store, "group", group.id, null) };
    })
    .add("PATCH", "groups/:id", (request) => {
      const group = store.requireGroup(param(request, "id"));
      store.updateGroup(group, parseWritableProps(bodyObject(request), "group"));
      return NO_CONTENT;
    })
    .add("DELETE", "groups/:id", (request) => {
      store.deleteGroup(store.requireGroup(param(request, "id")));
      return NO_CONTENT;
    })
    .add("POST", "groups/:id/members/$ref", (request) => {
      const group = store.requireGroup(param(request, "id"));
      const memberId = referencedId(request);
      if (store.liveKindOf(memberId) === undefined) throw notFound(memberId);
      if (memberId === group.id) throw badRequest("Expected a member other than the group itself.");
      store.addMember(group, memberId);
      return NO_CONTENT;
    })
    .add("DELETE", "groups/:id/members/:memberId/$ref", (request) => {
      store.removeMember(store.requireGroup(param(request, "id")), param(request, "memberId"));
      return NO_CONTENT;
    })
    .add("POST", "servicePrincipals/:id/appRoleAssignedTo", (request) => {
      const spId = param(request, "id");
      if (spId !== store.application.servicePrincipalId) throw notFound(spId);
      const body = bodyObject(request);
      requireProps(body, ["principalId", "resourceId", "appRoleId"], "appRoleAssignment");
      if (body.resourceId !== spId) {
        throw badRequest(
          `Expected resourceId to be the service principal '${spId}', got ${JSON.stringify(body.resourceId)}.`,
        );
      }
      const principalId = String(body.principalId);
      if (store.liveKindOf(principalId) === undefined) throw notFound(principalId);
      const assignment = store.addAssignment(principalId, String(body.appRoleId));
      return { status: 201, body: renderAssignment(store, assignment) };
    })
    .add("DELETE", "servicePrincipals/:id/appRoleAssignedTo/:assignmentId", (request) => {
      const spId = param(request, "id");
      if (spId !== store.application.servicePrincipalId) throw notFound(spId);
      store.removeAssignment(param(request, "assignmentId"));
      return NO_CONTENT;
    });
}
