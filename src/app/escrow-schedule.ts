/**
 * When a failed object is retried: Entra retries escrowed objects "with gradually decreasing frequency",
 * its error table says transient errors are "retried in 40 minutes" (the next cycle), and its quarantine
 * page gives 6 h, 12 h, 24 h, then daily. We retry in the next cycle for the first three attempts, then
 * back off 6 h, 12 h, 24 h, then daily, until the escrow expires ({@link ESCROW_LIFETIME_DAYS}).
 */
export function nextEscrowAttempt(now: Date, attempts: number): Date {
  const hours = attempts <= 3 ? 0 : attempts === 4 ? 6 : attempts === 5 ? 12 : 24;
  return new Date(now.getTime() + hours * 3_600_000);
}

/** Entra stops retrying a failed object 28 days after its first failure and drops the escrow entry. */
export const ESCROW_LIFETIME_DAYS = 28;

/** The object first failed at least {@link ESCROW_LIFETIME_DAYS} before `now`: stop retrying it. */
export function escrowExpired(firstFailed: string, now: string): boolean {
  return Date.parse(now) - Date.parse(firstFailed) >= ESCROW_LIFETIME_DAYS * 24 * 3_600_000;
}
