import { describe, expect, it } from "vitest";
import { parseIsoDuration } from "../../src/scheduler/iso-duration.js";

describe("parseIsoDuration", () => {
  it("reads Entra's intervals in days, hours, minutes and seconds", () => {
    expect(parseIsoDuration("PT40M")).toBe(40 * 60_000);
    expect(parseIsoDuration("PT2S")).toBe(2000);
    expect(parseIsoDuration("PT1.5S")).toBe(1500);
    expect(parseIsoDuration("P1DT2H")).toBe(26 * 3_600_000);
  });

  it("refuses empty, zero and calendar-dependent durations with an Expected message", () => {
    for (const bad of ["P", "PT", "PT0S", "P1M", "P1W", "40m", ""]) {
      expect(() => parseIsoDuration(bad)).toThrow(
        /^Expected a positive ISO-8601 duration such as PT40M, got/,
      );
    }
  });
});
