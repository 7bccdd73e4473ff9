import { ConnectorError, type ErrorCode, type FailureScope } from "../../../domain/errors.js";
import type { Redact } from "./secret-redaction.js";

/** What a request was, for error messages: `PATCH /Users/42`. Never includes headers (the token). */
export interface RequestLabel {
  readonly method: string;
  readonly path: string;
}

/**
 * What a 404 means for this request (scim-wire.md §6): on a collection query or the connection test the
 * tenant URL is wrong (`compliance`, quarantine-class); on a known id the object vanished (`anchor`).
 */
export type NotFoundMeaning = "compliance" | "anchor";

const MAX_BODY_CHARS = 2000;

/** What of a response an error is made from: the raw body is parsed, and only what is reported is redacted. */
export interface AnsweredStatus {
  readonly status: number;
  readonly text: string;
  readonly redact: Redact;
}

/** The `ConnectorError` for a non-success HTTP status the caller did not expect. */
export function errorForStatus(
  request: RequestLabel,
  response: AnsweredStatus,
  notFound: NotFoundMeaning,
): ConnectorError {
  const { status, text, redact } = response;
  const [code, scope] = classify(status, notFound);
  const { detail, scimType } = scimErrorDetail(text);
  const reason = redact(detail ?? (text.trim().slice(0, 200) || "no body"));
  const shownType = scimType === undefined ? undefined : redact(scimType);
  const message = `${request.method} ${request.path} answered ${status}${shownType ? ` (${shownType})` : ""}: ${reason}`;
  return new ConnectorError(code, message, scope, {
    status,
    ...(shownType ? { scimType: shownType } : {}),
    body: redact(text).slice(0, MAX_BODY_CHARS),
  });
}

/** The app answered, but not with SCIM we can read (HTML, broken JSON, a resource without `id`…). */
export function incompatibleResponse(request: RequestLabel, status: number, problem: string): ConnectorError {
  return new ConnectorError(
    "SystemForCrossDomainIdentityManagementServiceIncompatible",
    `${request.method} ${request.path} answered ${status}: ${problem}`,
    "object",
    { status },
  );
}

function classify(status: number, notFound: NotFoundMeaning): [ErrorCode, FailureScope] {
  switch (status) {
    case 400:
      return ["BadRequest", "object"];
    case 401:
      return ["Unauthorized", "job"];
    case 403:
      return ["InsufficientRights", "job"];
    case 404:
      return notFound === "compliance" ? ["ScimComplianceNotFound", "job"] : ["InvalidAnchor", "object"];
    case 405:
      return ["MethodNotAllowed", "object"];
    case 409:
      return ["EntryConflict", "object"];
    case 422:
      return ["UnprocessableEntity", "object"];
    case 429:
      return ["TooManyRequests", "transient"];
    // The app does not support the operation (501) or our HTTP/1.1 (505): no later attempt changes that.
    case 501:
    case 505:
      return ["NotImplemented", "object"];
  }
  if (status >= 500) return ["InternalServerError", "transient"];
  if (status >= 400) return ["BadRequest", "object"];
  return ["SystemForCrossDomainIdentityManagementServiceIncompatible", "object"];
}

/** `detail` and `scimType` of a SCIM error body (RFC 7644 §3.12), when the body is one. */
function scimErrorDetail(bodyText: string): { detail?: string; scimType?: string } {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed !== "object" || parsed === null) return {};
    const { detail, scimType } = parsed as { detail?: unknown; scimType?: unknown };
    return {
      ...(typeof detail === "string" ? { detail } : {}),
      ...(typeof scimType === "string" ? { scimType } : {}),
    };
  } catch {
    return {};
  }
}
