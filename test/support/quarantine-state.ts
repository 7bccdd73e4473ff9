import type { QuarantineState } from "../../src/reliability/quarantine.js";

/**
 * A job quarantined because the app rejected its token, its first retry due 6 h after the series began
 * (Entra's back-off); `overrides` change any field.
 */
export function quarantineState(overrides: Partial<QuarantineState> = {}): QuarantineState {
  return {
    reason: "EncounteredQuarantineException",
    error: { code: "Unauthorized", message: "GET /Users answered 401: invalid token" },
    seriesBegan: "2025-03-01T08:00:00.000Z",
    currentBegan: "2025-03-01T08:00:00.000Z",
    nextAttempt: "2025-03-01T14:00:00.000Z",
    seriesCount: 0,
    disabled: false,
    ...overrides,
  };
}
