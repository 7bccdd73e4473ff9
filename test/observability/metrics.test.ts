import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/observability/metrics.js";

describe("createMetrics", () => {
  it("counts only the SCIM attempts the app answered with 429, by job", async () => {
    const metrics = createMetrics({ escrows: () => new Map([["hr", 2]]), quarantinedJobs: () => 1 });
    const attempt = {
      method: "PATCH",
      path: "/Users/1",
      route: "/Users/{id}",
      durationMs: 5,
      attempt: 1,
    } as const;
    metrics.scimRequest("hr", { ...attempt, status: 429 });
    metrics.scimRequest("hr", { ...attempt, status: 200, attempt: 2 });
    metrics.scimRequest("hr", { ...attempt, status: null });
    const text = await metrics.registry.metrics();
    expect(text).toContain('entra_sync_rate_limited_requests_total{job="hr"} 1');
    expect(text).toContain('entra_sync_escrowed_objects{job="hr"} 2');
    expect(text).toContain("entra_sync_quarantined_jobs 1");
  });
});
