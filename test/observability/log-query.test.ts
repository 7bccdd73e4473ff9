import { describe, expect, it } from "vitest";
import { parseLogQuery } from "../../src/observability/status-server/log-query.js";

describe("log filters (`logs --since/--until`, GET /api/jobs/{name}/logs)", () => {
  it("turns times with an offset into the UTC form the log stores, so they compare as times", () => {
    const query = parseLogQuery("hr", {
      since: "2026-11-22T15:00:00+01:00",
      until: "2026-11-22T10:00:00-05:00",
    });
    expect(query.since).toBe("2026-11-22T14:00:00.000Z");
    expect(query.until).toBe("2026-11-22T15:00:00.000Z");
  });

  it("reads a date as its midnight UTC and refuses what is not a time", () => {
    expect(parseLogQuery("hr", { since: "2026-11-22" }).since).toBe("2026-11-22T00:00:00.000Z");
    expect(() => parseLogQuery("hr", { since: "yesterday" })).toThrow(/Expected a valid "since" filter/);
  });
});
