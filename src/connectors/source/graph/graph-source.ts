import { SourceReadError } from "../../../domain/errors.js";
import { type SourceId, sourceId } from "../../../domain/ids.js";
import type {
  AppAssignments,
  DeltaExpired,
  DeltaRead,
  FullRead,
  SourceConnector,
  SourceSelection,
  SourceUser,
  SourceWatermark,
} from "../../../domain/source.js";
import type { UserCollection } from "../../../domain/user-collection.js";
import { createGraphClient, type GraphSourceOptions } from "./create-graph-client.js";
import { attributesOf, GroupRoundMerger, UserRoundMerger } from "./delta-merge.js";
import { DeltaExpiredSignal, GraphReader } from "./graph-reader.js";
import {
  assignmentSchema,
  deltaPageSchema,
  directoryObjectSchema,
  listPageSchema,
  servicePrincipalSchema,
} from "./graph-schemas.js";

/** `$select` for users: the mapped attributes plus what the engine always needs. */
const userSelect = (selection: SourceSelection): string[] => [
  ...new Set([...selection.userAttributes, "id", "accountEnabled"]),
];

/** `$select` for groups; members are read through `members@delta` in delta rounds. */
const groupSelect = (selection: SourceSelection): string[] => [
  ...new Set([...selection.groupAttributes, "id", "displayName"]),
];

/**
 * The Entra tenant read over Microsoft Graph v1.0 with delta queries. Groups are always read, even when
 * groups are not provisioned: "sync only assigned users" needs the members of assigned groups.
 * Guest UPNs (`#EXT#`) are returned as Graph has them; rewriting them is the map stage's job.
 */
export function createGraphSource(options: GraphSourceOptions): SourceConnector {
  const secret = options.clientSecret;
  const redact = (text: string) => (secret === "" ? text : text.split(secret).join("***"));
  const reader = new GraphReader(createGraphClient(options), redact);
  const pageSize = options.pageSize ?? 999;

  const usersFirstPage = (selection: SourceSelection) =>
    reader.request("/users/delta", (request) =>
      request.select([...userSelect(selection), ...(selection.includeManager ? ["manager"] : [])]),
    );
  const groupsFirstPage = (selection: SourceSelection) =>
    reader.request("/groups/delta", (request) => request.select([...groupSelect(selection), "members"]));

  /** Runs a whole delta round; the round must end with a deltaLink. */
  async function round(
    first: ReturnType<typeof reader.request>,
    onPage: (page: DeltaObjects) => void,
  ): Promise<string> {
    const deltaLink = await reader.pages(first, deltaPageSchema, onPage);
    if (deltaLink === undefined) {
      throw new SourceReadError(
        `Expected an @odata.deltaLink at the end of ${first.name}, got none`,
        "transient",
      );
    }
    return deltaLink;
  }

  return {
    async readAll(selection: SourceSelection, into: UserCollection): Promise<FullRead> {
      const users = new UserRoundMerger(true, selection.includeManager, into);
      const groups = new GroupRoundMerger(true);
      try {
        const usersDeltaLink = await round(usersFirstPage(selection), (page) => users.add(page));
        const groupsDeltaLink = await round(groupsFirstPage(selection), (page) => groups.add(page));
        return {
          users: into,
          groups: groups.groupsResult(),
          watermark: { usersDeltaLink, groupsDeltaLink },
        };
      } catch (error) {
        if (!(error instanceof DeltaExpiredSignal)) throw error;
        // A link issued moments ago in this very round was rejected (tenant maintenance): retry later.
        throw new SourceReadError(
          `Graph expired a delta link during a full read (${error.message})`,
          "transient",
        );
      }
    },

    async readChanges(
      selection: SourceSelection,
      watermark: SourceWatermark,
    ): Promise<DeltaRead | DeltaExpired> {
      const users = new UserRoundMerger(false, selection.includeManager);
      const groups = new GroupRoundMerger(false);
      try {
        const usersDeltaLink = await round(reader.request(watermark.usersDeltaLink), (page) =>
          users.add(page),
        );
        const groupsDeltaLink =
          watermark.groupsDeltaLink === null
            ? await round(groupsFirstPage(selection), () => undefined)
            : await round(reader.request(watermark.groupsDeltaLink), (page) => groups.add(page));
        return {
          kind: "delta",
          users: users.result(),
          groups: groups.changesResult(),
          watermark: { usersDeltaLink, groupsDeltaLink },
        };
      } catch (error) {
        if (error instanceof DeltaExpiredSignal) return { kind: "expired", reason: error.message };
        throw error;
      }
    },

    async readAssignments(servicePrincipalId: string): Promise<AppAssignments> {
      const spPath = `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}`;
      const sp = await reader.get(
        reader.request(spPath, (request) => request.select(["id", "appRoles"])),
        servicePrincipalSchema,
      );
      const assignments: AppAssignments["assignments"][number][] = [];
      await reader.pages(
        reader.request(`${spPath}/appRoleAssignedTo`, (request) => request.top(pageSize)),
        listPageSchema(assignmentSchema),
        (page) => {
          for (const item of page) assignments.push({ ...item, principalId: sourceId(item.principalId) });
        },
      );
      return { appRoles: sp.appRoles, assignments };
    },

    async readUser(idOrUpn: string, selection: SourceSelection): Promise<SourceUser | null> {
      const path = `/users/${encodeURIComponent(idOrUpn)}`;
      const user = await reader.get(
        reader.request(path, (request) => request.select(userSelect(selection))),
        directoryObjectSchema,
        true,
      );
      if (user === null) return null;
      if (!selection.includeManager) return { id: sourceId(user.id), attributes: attributesOf(user) };
      const manager = await reader.get(
        reader.request(`/users/${encodeURIComponent(user.id)}/manager`, (request) => request.select(["id"])),
        directoryObjectSchema,
        true,
      );
      return {
        id: sourceId(user.id),
        attributes: attributesOf(user),
        managerId: manager && sourceId(manager.id),
      };
    },

    async isDirectMember(groupId: SourceId, userId: SourceId): Promise<boolean> {
      // Not `/users/{id}/memberOf`, one request: Graph documents Directory.Read.All as its least
      // privileged application permission, and the engine asks only for GroupMember.Read.All.
      let request = reader.request(`/groups/${encodeURIComponent(groupId)}/members`, (r) =>
        r.select(["id"]).top(pageSize),
      );
      for (;;) {
        const page = await reader.get(request, listPageSchema(directoryObjectSchema), true);
        if (page === null) return false;
        if (page.value.some((member) => member.id === userId)) return true;
        const next = page["@odata.nextLink"];
        if (next === undefined) return false;
        request = reader.request(next);
      }
    },
  };
}

type DeltaObjects = Parameters<UserRoundMerger["add"]>[0];
