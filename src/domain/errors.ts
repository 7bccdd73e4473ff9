/**
 * Entra's provisioning error codes (the `errorCode` of a provisioning-log entry). The catalogue with
 * meanings lives in docs/errors.md; a test keeps the two in step.
 */
export const errorCodes = [
  "Conflict",
  "EntryConflict",
  "TooManyRequests",
  "InternalServerError",
  "Unauthorized",
  "InsufficientRights",
  "MethodNotAllowed",
  "NotPermitted",
  "UnprocessableEntity",
  "WebExceptionProtocolError",
  "InvalidAnchor",
  "NotImplemented",
  "MandatoryFieldsMissing",
  "SchemaAttributeNotFound",
  "Timeout",
  "DuplicateTargetEntries",
  "DuplicateSourceEntries",
  "ImportSkipped",
  "BadRequest",
  "SystemForCrossDomainIdentityManagementMultipleEntriesInResponse",
  "SystemForCrossDomainIdentityManagementServiceIncompatible",
  "ScimComplianceNotFound",
  "ExpressionEvaluationFailed",
  "UnableToResolveReferenceAttributeValue",
  "SourceReadFailed",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * How the engine reacts to a failure (after authentik's sync taxonomy):
 * - `transient`: retry (in this request with back-off, then in later cycles through escrow);
 * - `object`: this object's change failed for a reason of its own (bad data, conflict); escrow it;
 * - `job`: the whole job cannot work (credentials, wrong tenant URL); quarantine at once.
 */
export type FailureScope = "transient" | "object" | "job";

/** The one error class every I/O adapter throws. Messages never contain secrets. */
export class ConnectorError extends Error {
  override readonly name = "ConnectorError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly scope: FailureScope,
    readonly details: { readonly status?: number; readonly scimType?: string; readonly body?: string } = {},
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.scope === "transient";
  }
}

/** Thrown by a source connector when Graph could not be read completely. */
export class SourceReadError extends ConnectorError {
  constructor(message: string, scope: FailureScope = "transient", details: ConnectorError["details"] = {}) {
    super("SourceReadFailed", message, scope, details);
  }
}
