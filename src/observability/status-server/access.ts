import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/;

export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

/**
 * The status API can pause jobs and provision users, so it is reachable from other machines only behind a
 * bearer token. Loopback needs none: whoever can reach it can already read the state file.
 */
export function assertBindAllowed(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token) {
    throw new Error(
      `Expected a bearer token (--token-env NAME) to serve the status API on ${host}, got none; bind to 127.0.0.1 or set a token`,
    );
  }
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Requires `Authorization: Bearer <token>` on every request; constant-time comparison. */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer (.+)$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]!), expected)) return next();
    res.status(401).set("www-authenticate", "Bearer").json({ error: "Expected a valid bearer token" });
  };
}
