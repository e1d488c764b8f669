/**
 * When to refresh the access token, and how long to wait after a failed attempt. Pure, so
 * the timing rules are tested without timers.
 */

/** Never refresh more often than this, whatever the token's lifetime. */
export const MIN_REFRESH_INTERVAL_MS = 5_000;
const MIN_LEAD_MS = 30_000;
const MAX_LEAD_MS = 5 * 60_000;
/** Browsers cap timers near 24.8 days; re-plan at least hourly (sleeping phones drift). */
export const MAX_TIMER_MS = 60 * 60_000;

/**
 * Milliseconds from `now` until the token should be refreshed: a lead before expiry of a
 * fifth of its lifetime, between 30 s and 5 min, but never more than half of the lifetime
 * (so a very short-lived token is not refreshed in a loop). 0 = refresh now.
 */
export function refreshDelayMs(claims: { iat: number; exp: number }, now: number): number {
  const lifetimeMs = Math.max(0, (claims.exp - claims.iat) * 1000);
  const lead = Math.min(Math.max(lifetimeMs * 0.2, MIN_LEAD_MS), MAX_LEAD_MS, lifetimeMs / 2);
  return Math.max(0, claims.exp * 1000 - lead - now);
}

/** True when the token is at or past its refresh point. */
export function refreshDue(claims: { iat: number; exp: number }, now: number): boolean {
  return refreshDelayMs(claims, now) === 0;
}

const RETRY_STEPS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/**
 * Wait before retrying after the `failures`-th consecutive failure (1-based) of a refresh
 * that could not reach the server; `retryAfterSeconds` from a 429 wins when longer.
 */
export function retryDelayMs(failures: number, retryAfterSeconds: number | null = null): number {
  const step = RETRY_STEPS_MS[Math.min(Math.max(failures, 1), RETRY_STEPS_MS.length) - 1] ?? 300_000;
  return Math.max(step, (retryAfterSeconds ?? 0) * 1000);
}
