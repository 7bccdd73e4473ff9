import { randomUUID } from "node:crypto";
import { type CheckDefinition, fail, pass, warn } from "../check.js";
import { resourceBody, resourcePath } from "../entra-requests.js";

const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** Check 5: errors Entra can classify. */
export const errorResponsesCheck: CheckDefinition = {
  id: 5,
  name: "SCIM error bodies, 404 for an unknown id, 501 for unsupported",
  protects:
    "Entra reads a 404 on GET /Users/{id} as the object gone (InvalidAnchor) and logs the error body's detail; an app that answers 200, 500 or HTML instead breaks that classification.",
  severity: "fail",
  perDialect: false,
  readOnly: true,
  async run({ client, learned }) {
    const missing = await client.send("GET", resourcePath("user", randomUUID()));
    if (missing.status !== 404)
      return fail(`Expected 404 for an id that does not exist, got ${missing.status}`, missing.exchange);
    const body = resourceBody(missing);
    const schemas = Array.isArray(body?.schemas) ? body.schemas : [];
    if (!schemas.includes(ERROR_SCHEMA) || body?.status === undefined)
      return warn(
        `Expected a SCIM Error body (schemas [${ERROR_SCHEMA}], status) with the 404 (RFC 7644 §3.12)`,
        missing.exchange,
      );
    const bulk = learned.serviceProviderConfig?.bulk as { supported?: unknown } | undefined;
    if (bulk?.supported === false) {
      const response = await client.send("POST", "/Bulk", {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
        Operations: [],
      });
      if (![501, 404, 405].includes(response.status))
        return warn(
          `Expected 501 (or 404/405) for /Bulk, which /ServiceProviderConfig says is unsupported, got ${response.status}`,
          response.exchange,
        );
    }
    return pass("404 with a SCIM Error body");
  },
};
