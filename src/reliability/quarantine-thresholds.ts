import { z } from "zod";

const increasing = (hours: readonly number[]) => hours.every((h, i) => i === 0 || h > (hours[i - 1] ?? 0));

/**
 * The `quarantine:` block of a job: Entra's escrow thresholds and quarantine back-off (engine-behavior.md
 * §4.2), each overridable. Defaults are Entra's documented values; docs/reliability.md says how each one is
 * read. Failure counts are objects currently escrowed; see `QuarantineCounts`.
 */
export const quarantineConfigSchema = z.strictObject({
  /** Count-based evaluation starts once all failures (reference included) reach this many. Default 5,000. */
  evaluationFloor: z.number().int().min(0).default(5_000),
  /** Quarantine when non-reference failures exceed this share of non-reference failures + successes. Default 0.4. */
  maxFailedShare: z.number().min(0).max(1).default(0.4),
  /** Quarantine when non-reference failures exceed this many. Default 40,000. */
  maxNonReferenceFailures: z.number().int().min(0).default(40_000),
  /** Quarantine when all failures, reference included, exceed this many. Default 60,000. */
  maxTotalFailures: z.number().int().min(0).default(60_000),
  /** Retries after the failure that started a quarantine, in hours from that failure. Default 6, 12, 24. */
  retryAfterHours: z
    .array(z.number().positive())
    .min(1)
    .refine(increasing, "Expected strictly increasing hours")
    .default([6, 12, 24]),
  /** After the last of `retryAfterHours`, one retry every this many hours. Default 24 (daily). */
  retryEveryHours: z.number().positive().default(24),
  /** A quarantine this old (days since its series began) disables the job. Default 28 (four weeks). */
  disableAfterDays: z.number().positive().default(28),
});

export type QuarantineThresholds = z.output<typeof quarantineConfigSchema>;

/** Entra's values, what `quarantineConfigSchema.parse({})` yields. */
export const defaultQuarantineThresholds: QuarantineThresholds = Object.freeze({
  evaluationFloor: 5_000,
  maxFailedShare: 0.4,
  maxNonReferenceFailures: 40_000,
  maxTotalFailures: 60_000,
  retryAfterHours: Object.freeze([6, 12, 24]) as number[],
  retryEveryHours: 24,
  disableAfterDays: 28,
});
