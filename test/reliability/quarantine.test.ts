import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../src/domain/errors.js";
import {
  continueQuarantine,
  evaluateQuarantine,
  type QuarantineCounts,
  type QuarantineInput,
  type QuarantineState,
  quarantineStateSchema,
} from "../../src/reliability/quarantine.js";
import {
  defaultQuarantineThresholds,
  quarantineConfigSchema,
} from "../../src/reliability/quarantine-thresholds.js";

const T0 = new Date("2025-03-01T08:00:00.000Z");
const hoursAfter = (hours: number, from = T0) => new Date(from.getTime() + hours * 3_600_000);
const noGuard = { planned: 0, threshold: 500, tripped: false };

type InputOverrides = Partial<Omit<QuarantineInput, "counts">> & { counts?: Partial<QuarantineCounts> };

function input(overrides: InputOverrides = {}): QuarantineInput {
  return {
    jobError: null,
    deletionGuard: noGuard,
    previous: null,
    now: T0,
    thresholds: defaultQuarantineThresholds,
    ...overrides,
    counts: { failures: 0, referenceFailures: 0, successes: 0, ...overrides.counts },
  };
}

describe("the quarantine thresholds config block", () => {
  it("defaults to Entra's documented values", () => {
    expect(quarantineConfigSchema.parse({})).toEqual(defaultQuarantineThresholds);
  });

  it("lets a job override each threshold and refuses unknown keys and unordered retries", () => {
    expect(quarantineConfigSchema.parse({ maxFailedShare: 0.1 }).maxFailedShare).toBe(0.1);
    expect(quarantineConfigSchema.safeParse({ maxFailedShar: 0.1 }).success).toBe(false);
    expect(quarantineConfigSchema.safeParse({ retryAfterHours: [12, 6] }).success).toBe(false);
  });
});

describe("which cycles quarantine the job (the worked examples of engine-behavior.md §4.2)", () => {
  const cases: [string, Partial<QuarantineCounts>, QuarantineState["reason"] | null][] = [
    ["45,000 failed quarantines (more than 40,000)", { failures: 45_000 }, "EncounteredBaseEscrowThreshold"],
    [
      "30,000 failed + 5,000 ok quarantines (more than 40%)",
      { failures: 30_000, successes: 5_000 },
      "EncounteredEscrowProportionThreshold",
    ],
    ["20,000 failed + 100,000 ok does not quarantine", { failures: 20_000, successes: 100_000 }, null],
    ["4,000 failed is not evaluated at all", { failures: 4_000 }, null],
    [
      "5,000 failed is evaluated (the floor is inclusive)",
      { failures: 5_000 },
      "EncounteredEscrowProportionThreshold",
    ],
    [
      "40,000 + 21,000 reference = 61,000 quarantines (more than 60,000 in all)",
      { failures: 40_000, referenceFailures: 21_000, successes: 1_000_000 },
      "EncounteredTotalEscrowThreshold",
    ],
    [
      "exactly 40,000 object failures with many successes does not quarantine",
      { failures: 40_000, successes: 1_000_000 },
      null,
    ],
    [
      "exactly 60,000 failures in all does not quarantine",
      { failures: 30_000, referenceFailures: 30_000, successes: 1_000_000 },
      null,
    ],
    [
      "reference failures are left out of the share",
      { failures: 1_000, referenceFailures: 9_000, successes: 2_000 },
      null,
    ],
    [
      "exactly 40% does not quarantine",
      { failures: 4_000, referenceFailures: 1_000, successes: 6_000 },
      null,
    ],
    [
      "reference failures count towards the evaluation floor",
      { failures: 4_000, referenceFailures: 1_000, successes: 5_000 },
      "EncounteredEscrowProportionThreshold",
    ],
  ];

  it.each(cases)("%s", (_title, counts, reason) => {
    expect(evaluateQuarantine(input({ counts }))?.reason ?? null).toBe(reason);
  });

  it("quarantines at once on a job-level error, whatever the counts, and keeps its code and message", () => {
    const error = new ConnectorError("Unauthorized", "GET /Users answered 401: bad token", "job");
    const state = evaluateQuarantine(input({ jobError: error, counts: { successes: 10 } }));
    expect(state).toMatchObject({
      reason: "EncounteredQuarantineException",
      error: { code: "Unauthorized", message: "GET /Users answered 401: bad token" },
    });
  });

  it("quarantines a wrong tenant URL (SCIM compliance 404) as a quarantine exception", () => {
    const error = new ConnectorError("ScimComplianceNotFound", "GET /Users answered 404", "job");
    expect(evaluateQuarantine(input({ jobError: error }))?.reason).toBe("EncounteredQuarantineException");
  });

  it("does not quarantine on a transient error (that is what escrow and retries are for)", () => {
    const error = new ConnectorError("Timeout", "GET /Users failed after 5 attempt(s)", "transient");
    expect(evaluateQuarantine(input({ jobError: error }))).toBeNull();
  });

  it("quarantines with TooManyDeletes when the deletion guard held the cycle's removals", () => {
    const state = evaluateQuarantine(input({ deletionGuard: { planned: 12, threshold: 3, tripped: true } }));
    expect(state?.reason).toBe("TooManyDeletes");
    expect(state?.error?.message).toBe("Expected at most 3 disables and deletes in one cycle, got 12");
  });

  it("explains a share trigger with the numbers that tripped it", () => {
    const state = evaluateQuarantine(input({ counts: { failures: 30_000, successes: 5_000 } }));
    expect(state?.error?.message).toBe("Expected at most 40% of exports to fail, got 85.7% (30000 of 35000)");
  });

  it("uses the job's own thresholds when it overrides them", () => {
    const thresholds = quarantineConfigSchema.parse({ evaluationFloor: 10, maxFailedShare: 0.1 });
    const counts = { failures: 20, successes: 100 };
    expect(evaluateQuarantine(input({ counts }))).toBeNull();
    expect(evaluateQuarantine(input({ counts, thresholds }))?.reason).toBe(
      "EncounteredEscrowProportionThreshold",
    );
  });
});

describe("the quarantine back-off schedule", () => {
  const failing = { failures: 50_000 };

  /** Runs the job at each of its scheduled attempts, every one failing, and returns the states. */
  function failAtEveryAttempt(maxAttempts: number): QuarantineState[] {
    const states: QuarantineState[] = [];
    let state = evaluateQuarantine(input({ counts: failing }));
    while (state && states.length < maxAttempts) {
      states.push(state);
      if (state.nextAttempt === null) break;
      state = evaluateQuarantine(
        input({ counts: failing, previous: state, now: new Date(state.nextAttempt) }),
      );
    }
    return states;
  }

  it("retries at +6 h, +12 h and +24 h after the first failure, then daily, then disables after 28 days", () => {
    const states = failAtEveryAttempt(100);
    const hoursFromStart = (iso: string | null) =>
      iso === null ? null : (Date.parse(iso) - T0.getTime()) / 3_600_000;
    expect(states.map((s) => hoursFromStart(s.nextAttempt))).toEqual([
      6,
      12,
      24,
      ...Array.from({ length: 27 }, (_, i) => 48 + i * 24),
      null,
    ]);
    expect(states.map((s) => s.seriesCount)).toEqual(states.map((_, i) => i));
    expect(states.every((s) => s.seriesBegan === T0.toISOString())).toBe(true);
    expect(states.at(-1)).toMatchObject({ disabled: true, currentBegan: hoursAfter(28 * 24).toISOString() });
    expect(states.slice(0, -1).every((s) => !s.disabled)).toBe(true);
    for (const state of states) expect(quarantineStateSchema.parse(state)).toEqual(state);
  });

  it("keeps the schedule anchored on the first failure when an attempt runs late", () => {
    const first = evaluateQuarantine(input({ counts: failing }))!;
    const late = evaluateQuarantine(input({ counts: failing, previous: first, now: hoursAfter(30) }));
    expect(late?.nextAttempt).toBe(hoursAfter(48).toISOString());
  });

  it("lifts quarantine on the first cycle that trips nothing, and a later failure starts a new series", () => {
    const first = evaluateQuarantine(input({ counts: failing }))!;
    const second = evaluateQuarantine(input({ counts: failing, previous: first, now: hoursAfter(6) }))!;
    expect(
      evaluateQuarantine(input({ counts: { successes: 10 }, previous: second, now: hoursAfter(12) })),
    ).toBeNull();
    const again = evaluateQuarantine(input({ counts: failing, previous: null, now: hoursAfter(100) }));
    expect(again).toMatchObject({ seriesBegan: hoursAfter(100).toISOString(), seriesCount: 0 });
  });

  it("continues the series with the new reason when the reason changes", () => {
    const first = evaluateQuarantine(input({ counts: failing }))!;
    const error = new ConnectorError("Unauthorized", "token revoked", "job");
    const next = evaluateQuarantine(input({ jobError: error, previous: first, now: hoursAfter(6) }));
    expect(next).toMatchObject({
      reason: "EncounteredQuarantineException",
      seriesBegan: T0.toISOString(),
      seriesCount: 1,
      nextAttempt: hoursAfter(12).toISOString(),
    });
  });

  it("keeps a disabled job disabled even when the limit is raised afterwards", () => {
    const first = evaluateQuarantine(input({ counts: failing }))!;
    const expired = evaluateQuarantine(
      input({ counts: failing, previous: first, now: hoursAfter(28 * 24) }),
    )!;
    expect(expired.disabled).toBe(true);
    const thresholds = quarantineConfigSchema.parse({ disableAfterDays: 60 });
    const later = evaluateQuarantine(
      input({ counts: failing, previous: expired, now: hoursAfter(29 * 24), thresholds }),
    );
    expect(later).toMatchObject({ disabled: true, nextAttempt: null });
  });
});

describe("a cycle that failed for a reason other than the job's own", () => {
  it("continues a quarantine in effect (series kept, next attempt further out) and leaves a healthy job healthy", () => {
    const first = evaluateQuarantine(
      input({ jobError: new ConnectorError("Unauthorized", "401 from the app", "job") }),
    )!;
    const later = hoursAfter(7);
    const continued = continueQuarantine(first, later, defaultQuarantineThresholds);
    expect(continued).toMatchObject({
      reason: "EncounteredQuarantineException",
      error: first.error,
      seriesBegan: first.seriesBegan,
      currentBegan: later.toISOString(),
      seriesCount: 1,
      nextAttempt: hoursAfter(12).toISOString(),
    });
    expect(continueQuarantine(null, later, defaultQuarantineThresholds)).toBeNull();
  });
});
