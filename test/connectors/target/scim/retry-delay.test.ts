import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "../../../../src/connectors/target/scim/retry-delay.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date relative to the injected clock, never negative", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
  });

  it("returns null when the header is absent or unreadable", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("doubles the ceiling per attempt and scales it by the jitter", () => {
    const max = () => 0.999999;
    expect(backoffDelay(1, 100, 10_000, max)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, max)).toBe(399);
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(200);
  });

  it("never exceeds the cap", () => {
    expect(backoffDelay(30, 100, 1000, () => 0.999999)).toBe(999);
  });
});
