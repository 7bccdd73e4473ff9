import { describe, expect, it } from "vitest";
import { sourceId } from "../../src/domain/ids.js";
import { quarantineCounts } from "../../src/reliability/quarantine-counts.js";
import type { EscrowRecord } from "../../src/state/state-store.js";

const escrow = (id: string, referenceFailure = false, type: EscrowRecord["type"] = "user"): EscrowRecord => ({
  type,
  sourceId: sourceId(id),
  displayName: id,
  attempts: 1,
  firstFailed: "2025-03-01T08:00:00.000Z",
  lastFailed: "2025-03-01T08:00:00.000Z",
  nextAttempt: "2025-03-01T08:00:00.000Z",
  errorCode: "InternalServerError",
  errorMessage: "boom",
  referenceFailure,
});

describe("the failure counts quarantine is evaluated on", () => {
  it("are the escrows outstanding after the cycle, split into object and reference failures", () => {
    const before = [escrow("a"), escrow("b"), escrow("m", true), escrow("a", false, "group")];
    const counts = quarantineCounts(before, {
      clearedEscrows: [{ type: "user", sourceId: sourceId("b") }],
      escrows: [escrow("a"), escrow("c"), escrow("n", true)],
      exported: 7,
    });
    expect(counts).toEqual({ failures: 3, referenceFailures: 2, successes: 7 });
  });
});
