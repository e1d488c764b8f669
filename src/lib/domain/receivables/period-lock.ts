/**
 * Closed months (period locks). An admin closes a month that has ended; from then on no
 * document dated in it changes: no invoice or credit note dated in it is created, edited,
 * issued or voided, and no payment, refund or credit application is recorded in it.
 * Corrections go into an open month (a credit note or a payment dated today). Closing is
 * final for everyone: an accountant's numbers for a closed month never move (a mistake found
 * later is corrected in the open period, as in any ledger).
 *
 * Used by the client (refuses with the reason) and the relay's update guard (refuses the
 * update with 4422), on plain values.
 */
import { zonedParts } from '../time/zoned';
import type { PeriodLock } from './records';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March 2026" for `2026-03`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}

/** The lock's minimal shape (the relay reads it from raw doc values). */
export type LockLike = Pick<PeriodLock, 'month' | 'timeZone'>;

/** The lock closing the month of calendar day `day`, or null. */
export function lockForDay(locks: readonly LockLike[], day: string): LockLike | null {
  return locks.find((l) => l.month === day.slice(0, 7)) ?? null;
}

/** The lock closing the month `instant` falls in (in the lock's zone), or null. */
export function lockForInstant(locks: readonly LockLike[], instant: string): LockLike | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  return locks.find((l) => zonedParts(ms, safeZone(l.timeZone)).date.slice(0, 7) === l.month) ?? null;
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The sentence shown to the user (and carried by the relay's refusal). */
export function closedPeriodReason(lock: LockLike): string {
  return `${monthLabel(lock.month)} is closed: record the correction in an open month`;
}

/** Null when `day` is in an open month, else why not. */
export function checkDayOpen(locks: readonly LockLike[], day: string): string | null {
  const lock = lockForDay(locks, day);
  return lock ? closedPeriodReason(lock) : null;
}

/** Null when `instant` is in an open month, else why not. */
export function checkInstantOpen(locks: readonly LockLike[], instant: string): string | null {
  const lock = lockForInstant(locks, instant);
  return lock ? closedPeriodReason(lock) : null;
}

/**
 * Whether `month` may be closed on `today` (a calendar day in the organisation's zone): it
 * has ended and is not closed yet. Null when it may, else why not.
 */
export function checkMonthClosable(locks: readonly LockLike[], month: string, today: string): string | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return 'choose a month (YYYY-MM)';
  if (month >= today.slice(0, 7)) return `${monthLabel(month)} has not ended yet`;
  if (locks.some((l) => l.month === month)) return `${monthLabel(month)} is already closed`;
  return null;
}
