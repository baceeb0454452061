/**
 * Twelve attempts with graphile-worker's backoff (e^n seconds, n capped at 10) span about a day:
 * long enough to ride out a provider's outage, short enough that a reset link is not sent stale.
 */
export const MAIL_MAX_ATTEMPTS = 12;

/** Messages per minute across every worker (MAIL_RATE_PER_MINUTE); providers throttle above their plan. */
export function mailRatePerMinute(): number {
  const n = Number(process.env.MAIL_RATE_PER_MINUTE ?? 600);
  return Number.isFinite(n) && n > 0 ? n : 600;
}

/** When graphile-worker will run a job again after its `attempts`-th failure (its own formula). */
export function nextRetryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.exp(Math.min(attempts, 10)) * 1000);
}
