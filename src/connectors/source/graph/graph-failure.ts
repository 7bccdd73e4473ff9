import { GraphError } from "@microsoft/microsoft-graph-client";
import { SourceReadError } from "../../../domain/errors.js";

/** How a failed Graph call is to be treated by the reader. */
export type GraphFailure =
  | { readonly kind: "notFound" }
  | { readonly kind: "deltaExpired"; readonly reason: string }
  | { readonly kind: "error"; readonly error: SourceReadError };

const EXPIRED_CODES = /^(syncStateNotFound|resyncRequired)$/i;
/** AAD answers that mean the credentials or tenant are wrong: retrying cannot help. */
const BAD_CREDENTIALS =
  /invalid_client|unauthorized_client|invalid_request|invalid_scope|AADSTS(7000215|700016|90002|7000222)/;

/**
 * Classifies an error thrown by the Graph SDK (or by @azure/identity inside it) for request `name`
 * (`GET /users/delta`: method and path, never the query, which may hold delta tokens).
 * - 410, or a 4xx whose code (or inner code) is syncStateNotFound / resyncRequired → the delta link expired;
 * - 401 / 403 and rejected client credentials → scope "job" (quarantine: the job cannot work);
 * - 429 / 5xx (after the SDK's own retries) and network or TLS failures → "transient";
 * - any other 4xx (bad `$select`, unknown service principal) → "job": a configuration problem.
 * Messages never contain the secret: `redact` removes it should an upstream message echo it.
 */
export function classifyGraphFailure(
  error: unknown,
  name: string,
  redact: (text: string) => string,
): GraphFailure {
  if (!(error instanceof GraphError)) {
    const message = error instanceof Error ? error.message : String(error);
    return failure(`Graph request ${name} failed: ${redact(message)}`, "transient", {});
  }
  const status = error.statusCode;
  const body = typeof error.body === "string" ? redact(error.body).slice(0, 2000) : undefined;
  if (status === 410 || (status >= 400 && status < 500 && isExpiredCode(error))) {
    return { kind: "deltaExpired", reason: `${name} answered ${status} ${error.code ?? ""}`.trim() };
  }
  if (status === 404) return { kind: "notFound" };
  if (status === -1) {
    // The request never got an HTTP answer: the token request failed, or the network / TLS did.
    const detail = redact(firstLine(`${error.message} ${body ?? ""}`));
    const scope = BAD_CREDENTIALS.test(body ?? error.message) ? "job" : "transient";
    const what = error.code === "TypeError" ? "network error" : `${error.code ?? "error"}`;
    return failure(
      `Graph request ${name} failed (${what}): ${detail}`,
      scope,
      body === undefined ? {} : { body },
    );
  }
  const scope = status === 429 || status >= 500 ? "transient" : "job";
  const message = `Graph request ${name} failed: ${status} ${error.code ?? ""}: ${redact(error.message)}`;
  return failure(message, scope, { status, ...(body !== undefined && { body }) });
}

/**
 * A 404 on a request that must find its object. For the service principal the usual cause is a config that
 * holds the app registration's Application (client) ID, which Graph does not know as a service principal id.
 */
export function notFoundError(name: string): SourceReadError {
  const hint = /^GET \/servicePrincipals\/[^/]+$/.test(name)
    ? ": source.graph.servicePrincipalId must be the enterprise app's Object ID (Enterprise applications → your app → Overview), not the Application (client) ID"
    : "";
  return new SourceReadError(`Graph request ${name} failed: 404 not found${hint}`, "job", { status: 404 });
}

function failure(
  message: string,
  scope: "job" | "transient",
  details: SourceReadError["details"],
): GraphFailure {
  return { kind: "error", error: new SourceReadError(message, scope, details) };
}

function isExpiredCode(error: GraphError): boolean {
  if (EXPIRED_CODES.test(error.code ?? "")) return true;
  // Some services put the specific code in innerError.code (the SDK keeps the error object as `body`).
  return (
    typeof error.body === "string" && /"code"\s*:\s*"(syncStateNotFound|resyncRequired)"/i.test(error.body)
  );
}

const firstLine = (text: string): string => text.trim().split(/\r?\n/)[0] ?? "";
