/**
 * Terms and renewals. An agreement runs in terms of `termMonths` from its start date and
 * renews on the anniversary of the start (start + k·term months, anchored on the start:
 * calendar-months.ts), until it is cancelled. Its renewal date is the first such date after
 * today; "expiring in N days" lists agreements whose renewal date is within N days.
 */
import { addMonths, daysBetween } from './calendar-months';
import type { Agreement } from './agreement';

/** The first renewal date strictly after `today` (the end of the current term). */
export function renewalDate(startDate: string, termMonths: number, today: string): string {
  let k = 1;
  let date = addMonths(startDate, termMonths);
  while (date <= today && k < 10_000) date = addMonths(startDate, ++k * termMonths);
  return date;
}

export interface Renewal {
  agreement: Agreement;
  renewalDate: string;
  daysLeft: number;
}

/** Active agreements renewing within `days` of today, soonest first. */
export function renewingWithin(agreements: readonly Agreement[], today: string, days: number): Renewal[] {
  return agreements
    .filter((a) => !a.cancelled)
    .map((agreement) => {
      const date = renewalDate(agreement.startDate, agreement.termMonths, today);
      return { agreement, renewalDate: date, daysLeft: daysBetween(today, date) };
    })
    .filter((r) => r.daysLeft <= days)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.agreement.name.localeCompare(b.agreement.name));
}

/**
 * The SLA due of a new job for a customer: the shortest response time of their active
 * agreements in force today, when that is sooner than `fallback` (the priority default).
 */
export function agreementSlaDue(agreements: readonly Agreement[], customerId: string | null, now: Date, today: string, fallback: string | null): string | null {
  if (!customerId) return fallback;
  const hours = agreements
    .filter((a) => a.customerId === customerId && !a.cancelled && a.startDate <= today && a.responseHours !== null)
    .map((a) => a.responseHours as number);
  if (!hours.length) return fallback;
  const due = new Date(now.getTime() + Math.min(...hours) * 3_600_000).toISOString();
  return fallback === null || due < fallback ? due : fallback;
}
