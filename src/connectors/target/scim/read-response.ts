import { ConnectorError } from "../../../domain/errors.js";
import { isJsonObject } from "./json-value.js";
import type { ScimResponse } from "./scim-http.js";
import { incompatibleResponse, type RequestLabel } from "./status-errors.js";

type Resource = Record<string, unknown> & { readonly id: string };

/**
 * The body as JSON. SCIM answers are `application/scim+json` (RFC 7644 §3.1); plain `application/json` and
 * other `+json` types are accepted too, since many apps send them. Anything else (an HTML login page, a
 * proxy's error text) or unparseable JSON is `…ServiceIncompatible`.
 */
export function readJson(request: RequestLabel, response: ScimResponse): unknown {
  const mediaType = (response.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!/^application\/([\w.-]+\+)?json$/.test(mediaType)) {
    const shown = response.redact(mediaType) || "(none)";
    return fail(request, response, `Expected a SCIM JSON body, got content type ${shown}`);
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch (error) {
    return fail(
      request,
      response,
      // JSON.parse's message quotes the body around the fault, which may hold the token.
      `Expected a SCIM JSON body, got malformed JSON (${response.redact((error as Error).message)})`,
    );
  }
}

/**
 * The `Resources` of a ListResponse, each with a string `id`. RFC 7644 §3.4.2 lets an empty answer omit
 * `Resources`, so that is accepted when `totalResults` is 0.
 */
export function readListResponse(request: RequestLabel, response: ScimResponse): Resource[] {
  return listResources(request, response, readJson(request, response));
}

function listResources(request: RequestLabel, response: ScimResponse, body: unknown): Resource[] {
  if (!isJsonObject(body)) return fail(request, response, "Expected a SCIM ListResponse object");
  const { Resources: resources, totalResults } = body;
  if (resources === undefined && totalResults === 0) return [];
  if (!Array.isArray(resources)) {
    return fail(request, response, `Expected a ListResponse with a Resources array, got ${typeof resources}`);
  }
  return resources.map((resource) => readResourceValue(request, response, resource));
}

/**
 * The resource answered to `GET /Users/{id}`; null when the app answered with an empty list. An app that
 * answers with a list of several resources breaks the contract of addressing one object by id.
 */
export function readSingleResource(request: RequestLabel, response: ScimResponse): Resource | null {
  const body = readJson(request, response);
  if (isJsonObject(body) && Array.isArray(body.Resources)) {
    const resources = listResources(request, response, body);
    if (resources.length > 1) {
      throw new ConnectorError(
        "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse",
        `${request.method} ${request.path} answered ${response.status}: Expected at most one resource, got ${resources.length}`,
        "object",
        { status: response.status },
      );
    }
    return resources[0] ?? null;
  }
  return readResourceValue(request, response, body);
}

function readResourceValue(request: RequestLabel, response: ScimResponse, value: unknown): Resource {
  if (!isJsonObject(value)) return fail(request, response, "Expected a SCIM resource object");
  if (typeof value.id !== "string" || value.id === "") {
    return fail(
      request,
      response,
      `Expected a resource with a string id, got id ${response.redact(String(JSON.stringify(value.id)))}`,
    );
  }
  return value as Resource;
}

function fail(request: RequestLabel, response: ScimResponse, problem: string): never {
  throw incompatibleResponse(request, response.status, problem);
}
