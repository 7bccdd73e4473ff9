import { parseAttributePath } from "../../connectors/target/scim/attribute-path.js";
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA } from "../../connectors/target/scim/schema-uris.js";
import { type CheckDefinition, pass, warn } from "../check.js";
import { listResources, resourceBody } from "../entra-requests.js";

type SchemaAttribute = { name?: unknown; subAttributes?: unknown };

/** Check 4: the discovery endpoints, and every mapped attribute present in `/Schemas`. */
export const discoveryCheck: CheckDefinition = {
  id: 4,
  name: "/Schemas, /ResourceTypes, /ServiceProviderConfig",
  protects:
    "Entra reads /Schemas when the provisioning configuration is saved (gallery apps) to offer the app's attributes; an attribute it cannot discover cannot be mapped there.",
  severity: "warn",
  perDialect: false,
  readOnly: true,
  async run(context) {
    const { client, profile, learned } = context;
    let schemas: Record<string, unknown>[] = [];
    for (const endpoint of ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]) {
      const response = await client.send("GET", endpoint);
      if (response.status !== 200 || response.json === undefined)
        return warn(`Expected 200 with JSON from ${endpoint}, got ${response.status}`, response.exchange);
      if (endpoint === "/ServiceProviderConfig") learned.serviceProviderConfig = resourceBody(response) ?? {};
      if (endpoint === "/Schemas") {
        const resources = listResources(response);
        if (resources === null) return warn("Expected /Schemas to answer a ListResponse", response.exchange);
        schemas = resources;
      }
    }
    const mapped = [
      ...profile.userPaths.map((p) => ({ path: p, core: CORE_USER_SCHEMA })),
      ...(profile.managerPath ? [{ path: profile.managerPath, core: CORE_USER_SCHEMA }] : []),
      ...(profile.groupPaths ?? []).map((p) => ({ path: p, core: CORE_GROUP_SCHEMA })),
    ];
    const missing = [
      ...new Set(
        mapped.filter(({ path, core }) => !discoverable(schemas, path, core)).map(({ path }) => path),
      ),
    ];
    if (missing.length > 0)
      return warn(`Expected every mapped attribute in /Schemas, missing: ${missing.join(", ")}`);
    return pass(`${mapped.length} mapped attributes discoverable`);
  },
};

/** RFC 7643 §3.1: id, externalId and meta belong to every resource and are not listed in schema definitions. */
const COMMON_ATTRIBUTES = new Set(["id", "externalid", "meta"]);

function discoverable(schemas: readonly Record<string, unknown>[], pathText: string, core: string): boolean {
  const path = parseAttributePath(pathText);
  if (path.schema === null && COMMON_ATTRIBUTES.has(path.attribute.toLowerCase())) return true;
  const schemaId = (path.schema ?? core).toLowerCase();
  const schema = schemas.find((s) => typeof s.id === "string" && s.id.toLowerCase() === schemaId);
  const attribute = findAttribute(schema?.attributes, path.attribute);
  if (!attribute) return false;
  const sub = path.subAttribute ?? (path.filter ? "value" : null);
  // A reference such as manager is complex in RFC 7643 (`manager.value`) but mapped without a sub-attribute.
  return sub === null || findAttribute(attribute.subAttributes, sub) !== undefined;
}

function findAttribute(list: unknown, name: string): SchemaAttribute | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.find(
    (a: SchemaAttribute) => typeof a?.name === "string" && a.name.toLowerCase() === name.toLowerCase(),
  ) as SchemaAttribute | undefined;
}
