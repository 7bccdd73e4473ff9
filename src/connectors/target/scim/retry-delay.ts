/**
 * Milliseconds to wait according to a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an
 * HTTP-date), or null when the header is absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse reads "-5" as a year; an HTTP-date always has a weekday or month name.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/**
 * Capped exponential back-off with full jitter (a random delay in `[0, min(cap, base·2^(attempt-1)))`), so
 * many workers hitting the same failing app spread out instead of retrying in lockstep.
 * `attempt` is 1 for the first retry; `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}

/**
 * Whether a 5xx is worth sending again inside the same call. 500, 502, 503, 504 (and other 5xx) say the app
 * could not do it now; 501 Not Implemented and 505 HTTP Version Not Supported say it never will (Entra logs
 * 501 as `NotImplemented`, an app or configuration issue), so repeating the request only adds load.
 */
export function isRetriedServerError(status: number): boolean {
  return status >= 500 && status !== 501 && status !== 505;
}
