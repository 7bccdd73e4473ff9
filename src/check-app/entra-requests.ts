import {
  buildCreateBody,
  buildMatchQuery,
  renderMembersPatch,
  renderPatch,
  type ScimDialect,
} from "../connectors/target/scim/index.js";
import { type ObjectType, scimResourceType, targetId } from "../domain/ids.js";
import type { AttributeChange, FlatAttributes } from "../domain/values.js";
import type { ProbeClient, ProbeResponse } from "./probe-client.js";

/**
 * The requests Entra's SCIM client sends, built by the connector's own code (docs/scim-client.md), so the
 * checks send exactly what a provisioning cycle would.
 */
export const collection = (type: ObjectType) => `/${scimResourceType(type)}s`;

export const resourcePath = (type: ObjectType, id: string) => `${collection(type)}/${encodeURIComponent(id)}`;

/** `GET /Users?filter=attr eq "value"` (groups: `excludedAttributes=members&filter=…`). */
export const sendQuery = (client: ProbeClient, type: ObjectType, attribute: string, value: string) =>
  client.send("GET", `${collection(type)}?${buildMatchQuery(type, attribute, value)}`);

/** `GET /Users/{id}`; groups carry `?excludedAttributes=members` unless the members are wanted. */
export const sendGet = (client: ProbeClient, type: ObjectType, id: string, withMembers = false) =>
  client.send(
    "GET",
    `${resourcePath(type, id)}${type === "group" && !withMembers ? "?excludedAttributes=members" : ""}`,
  );

export const sendCreate = (client: ProbeClient, type: ObjectType, attributes: FlatAttributes) =>
  client.send("POST", collection(type), buildCreateBody(type, attributes));

export const sendPatch = (
  client: ProbeClient,
  dialect: ScimDialect,
  type: ObjectType,
  id: string,
  changes: readonly AttributeChange[],
) => client.send("PATCH", resourcePath(type, id), renderPatch(dialect, type, changes));

export const sendMembersPatch = (
  client: ProbeClient,
  dialect: ScimDialect,
  groupId: string,
  add: readonly string[],
  remove: readonly string[],
) =>
  client.send(
    "PATCH",
    resourcePath("group", groupId),
    renderMembersPatch(dialect, add.map(targetId), remove.map(targetId)),
  );

export const sendDelete = (client: ProbeClient, type: ObjectType, id: string) =>
  client.send("DELETE", resourcePath(type, id));

export const isSuccess = (response: ProbeResponse) => response.status >= 200 && response.status < 300;

/** The `Resources` of a ListResponse answer, or null when the answer is not one. */
export function listResources(response: ProbeResponse): Record<string, unknown>[] | null {
  const body = response.json;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const { Resources: resources, totalResults } = body as { Resources?: unknown; totalResults?: unknown };
  if (resources === undefined && totalResults === 0) return [];
  if (!Array.isArray(resources)) return null;
  return resources.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null);
}

/** The answer's body as a resource object, or null. */
export function resourceBody(response: ProbeResponse): Record<string, unknown> | null {
  const body = response.json;
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : null;
}
