/**
 * When a failed object is retried: Entra retries escrowed objects "with gradually decreasing frequency".
 * We retry in the next cycle for the first three attempts, then back off 6 h, 12 h, 24 h (Entra's
 * quarantine cadence), then daily.
 */
export function nextEscrowAttempt(now: Date, attempts: number): Date {
  const hours = attempts <= 3 ? 0 : attempts === 4 ? 6 : attempts === 5 ? 12 : 24;
  return new Date(now.getTime() + hours * 3_600_000);
}
