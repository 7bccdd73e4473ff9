import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { GraphReply } from "./router.js";

/** Access-token lifetime, as Entra issues for client credentials. */
const TOKEN_LIFETIME_SECONDS = 3599;

export interface OAuthApplication {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The Entra token endpoint for the client-credentials grant, just enough for MSAL / `ClientSecretCredential`:
 * issues opaque random bearer tokens with an expiry, and answers bad credentials with AADSTS-style bodies.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly app: OAuthApplication,
    private readonly now: () => Date,
  ) {}

  /** `GET /{tenant}/v2.0/.well-known/openid-configuration`, the only discovery MSAL does here. */
  openIdConfiguration(origin: string, tenant: string): GraphReply {
    if (!this.isTenant(tenant)) return this.tenantNotFound(tenant);
    const base = `${origin}/${this.app.tenantId}`;
    return {
      status: 200,
      body: {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        tenant_region_scope: "EU",
      },
    };
  }

  /** `POST /{tenant}/oauth2/v2.0/token` with a form body (secret in the body or in HTTP Basic auth). */
  token(tenant: string, form: URLSearchParams, authorization: string | undefined): GraphReply {
    if (!this.isTenant(tenant)) return this.tenantNotFound(tenant);
    const basic = parseBasic(authorization);
    const clientId = form.get("client_id") ?? basic?.id;
    const secret = form.get("client_secret") ?? basic?.secret;
    if (form.get("grant_type") !== "client_credentials") {
      return aadError(
        400,
        "unsupported_grant_type",
        70003,
        "The app requested an unsupported grant type.",
        this.now(),
      );
    }
    const scope = form.get("scope") ?? "";
    if (scope.split(" ").length !== 1 || !scope.endsWith("/.default")) {
      return aadError(
        400,
        "invalid_scope",
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
        this.now(),
      );
    }
    if (clientId !== this.app.clientId) {
      return aadError(
        401,
        "invalid_client",
        700016,
        `Application with identifier '${clientId ?? ""}' was not found in the directory '${this.app.tenantId}'.`,
        this.now(),
      );
    }
    if (secret === undefined || !sameSecret(secret, this.app.clientSecret)) {
      return aadError(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        this.now(),
      );
    }
    const accessToken = `emu-${randomBytes(32).toString("base64url")}`;
    const nowMs = this.now().getTime();
    this.forgetExpired(nowMs);
    this.tokens.set(accessToken, nowMs + TOKEN_LIFETIME_SECONDS * 1000);
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        access_token: accessToken,
      },
    };
  }

  /** Why a `/v1.0` request's bearer token is not acceptable, or undefined when it is. */
  rejectBearer(authorization: string | undefined): string | undefined {
    const token = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
    if (token === undefined) return "Access token is empty.";
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return "Access token validation failure. Invalid audience.";
    if (expiresAt <= this.now().getTime()) return "Lifetime validation failed, the token is expired.";
    return undefined;
  }

  private isTenant(tenant: string): boolean {
    return tenant.toLowerCase() === this.app.tenantId.toLowerCase();
  }

  private tenantNotFound(tenant: string): GraphReply {
    return aadError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
      this.now(),
    );
  }

  private forgetExpired(nowMs: number): void {
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= nowMs) this.tokens.delete(token);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseBasic(authorization: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(authorization ?? "")?.[1];
  if (encoded === undefined) return undefined;
  const [id, ...rest] = Buffer.from(encoded, "base64").toString("utf8").split(":");
  return id === undefined
    ? undefined
    : { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(":")) };
}

/** Entra's OAuth error body: `AADSTSnnnnn: …` plus trace / correlation ids and timestamp. */
function aadError(status: number, error: string, code: number, message: string, now: Date): GraphReply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
