import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/domain/errors.js";
import { prunesEscrows } from "../../src/reliability/escrow-pruning.js";
import { evaluateQuarantine, type QuarantineInput } from "../../src/reliability/quarantine.js";
import { defaultQuarantineThresholds } from "../../src/reliability/quarantine-thresholds.js";

const NOW = new Date("2025-03-01T08:00:00.000Z");
const noGuard = { planned: 0, threshold: 500, tripped: false };

/** What evaluateQuarantine makes of a cycle, so the reasons come from the real rules. */
function quarantineFor(overrides: Partial<QuarantineInput>) {
  return evaluateQuarantine({
    counts: { failures: 0, referenceFailures: 0, successes: 0 },
    jobError: null,
    deletionGuard: noGuard,
    previous: null,
    now: NOW,
    thresholds: defaultQuarantineThresholds,
    ...overrides,
  });
}

describe("Entra's escrowsPruned: which cycles prune escrows and pause instead of quarantining", () => {
  const byCounts = {
    EncounteredEscrowProportionThreshold: { failures: 30_000, referenceFailures: 0, successes: 5_000 },
    EncounteredBaseEscrowThreshold: { failures: 45_000, referenceFailures: 0, successes: 100_000 },
    EncounteredTotalEscrowThreshold: { failures: 40_000, referenceFailures: 21_000, successes: 100_000 },
  };

  it.each(Object.entries(byCounts))("an initial cycle over %s", (reason, counts) => {
    const quarantine = quarantineFor({ counts });
    expect(quarantine?.reason).toBe(reason);
    expect(prunesEscrows("initial", quarantine)).toBe(true);
  });

  it.each(Object.entries(byCounts))(
    "not an incremental cycle over %s: that one is quarantined",
    (_reason, counts) => {
      expect(prunesEscrows("incremental", quarantineFor({ counts }))).toBe(false);
    },
  );

  it("not an initial cycle stopped by a job-level error, nor one whose deletions were held", () => {
    const jobError = new ConnectorError("Unauthorized", "401 from the app", "job");
    const rejected = quarantineFor({ jobError, counts: byCounts.EncounteredEscrowProportionThreshold });
    expect(rejected?.reason).toBe("EncounteredQuarantineException");
    expect(prunesEscrows("initial", rejected)).toBe(false);
    const held = quarantineFor({ deletionGuard: { planned: 600, threshold: 500, tripped: true } });
    expect(held?.reason).toBe("TooManyDeletes");
    expect(prunesEscrows("initial", held)).toBe(false);
  });

  it("not a cycle that trips nothing", () => {
    expect(
      prunesEscrows(
        "initial",
        quarantineFor({ counts: { failures: 4_000, referenceFailures: 0, successes: 0 } }),
      ),
    ).toBe(false);
  });
});
