/**
 * Masks the bearer token in text an app answered, before that text goes into an error message or detail
 * (which end up in logs, the provisioning log and the status page). Applied to what is reported, never to a
 * body before it is parsed: a short token such as `e` occurs inside almost any JSON (`true`), and masking it
 * there turned every answer into "malformed JSON".
 */
export type Redact = (text: string) => string;

export function secretRedactor(token: string): Redact {
  // `includes` first: the token is almost never echoed, and a split/join per error costs ~2 µs.
  return (text) => (token && text.includes(token) ? text.split(token).join("[REDACTED]") : text);
}
