import type { QuarantineThresholds } from "./quarantine-thresholds.js";

const HOUR_MS = 3_600_000;

type Schedule = Pick<QuarantineThresholds, "retryAfterHours" | "retryEveryHours" | "disableAfterDays">;

/**
 * When a quarantined job runs next: the first point of Entra's schedule (+6 h, +12 h, +24 h after the
 * failure that began the series, then every 24 h) strictly after `now`. Anchoring every point on the
 * series start, rather than on the last attempt, keeps the cadence Entra documents even when a cycle ran
 * late (a daemon restart, a long cycle): a late attempt does not push every later one back.
 */
export function nextQuarantineAttempt(seriesBegan: Date, now: Date, schedule: Schedule): Date {
  const elapsedHours = (now.getTime() - seriesBegan.getTime()) / HOUR_MS;
  const fixed = schedule.retryAfterHours.find((hours) => hours > elapsedHours);
  const last = schedule.retryAfterHours.at(-1) ?? 0;
  const hours =
    fixed ??
    last + (Math.floor((elapsedHours - last) / schedule.retryEveryHours) + 1) * schedule.retryEveryHours;
  return new Date(seriesBegan.getTime() + hours * HOUR_MS);
}

/** Whether a quarantine series that began at `seriesBegan` is old enough (28 days by default) to disable the job. */
export function quarantineExpired(seriesBegan: Date, now: Date, schedule: Schedule): boolean {
  return now.getTime() - seriesBegan.getTime() >= schedule.disableAfterDays * 24 * HOUR_MS;
}
