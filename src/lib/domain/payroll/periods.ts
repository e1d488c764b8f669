/**
 * Pay periods and workweeks as local calendar days (`YYYY-MM-DD`, organisation's zone); both
 * are whole days, so day arithmetic is done on the calendar, never by adding 24 h to an
 * instant (DST days are 23 or 25 hours long).
 */
import { WEEKDAYS, type Weekday } from '../directory/directory';
import type { PayrollSettings } from './settings';

export interface PayPeriod {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

function utcDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(utcDay(day) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcDay(b) - utcDay(a)) / 86_400_000);
}

/** The weekday of a calendar day. */
export function weekdayOf(day: string): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(utcDay(day)).getUTCDay() + 6) % 7] as Weekday;
}

/** The first day of the workweek holding `day`. */
export function workweekStartOf(day: string, start: Weekday): string {
  const back = (WEEKDAYS.indexOf(weekdayOf(day)) - WEEKDAYS.indexOf(start) + 7) % 7;
  return addDays(day, -back);
}

/** The days `from`…`to` inclusive. */
export function daysOf(period: PayPeriod): string[] {
  const out: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) out.push(d);
  return out;
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The pay period holding `day` under the settings. */
export function periodOf(day: string, settings: Pick<PayrollSettings, 'periodKind' | 'periodAnchor'>): PayPeriod {
  if (settings.periodKind === 'semi_monthly') {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const month = day.slice(0, 7);
    return d <= 15 ? { from: `${month}-01`, to: `${month}-15` } : { from: `${month}-16`, to: lastDayOfMonth(y, m) };
  }
  const length = settings.periodKind === 'weekly' ? 7 : 14;
  const offset = daysBetween(settings.periodAnchor, day);
  const from = addDays(settings.periodAnchor, Math.floor(offset / length) * length);
  return { from, to: addDays(from, length - 1) };
}

/** The period after `period`. */
export function nextPeriod(period: PayPeriod, settings: Pick<PayrollSettings, 'periodKind' | 'periodAnchor'>): PayPeriod {
  return periodOf(addDays(period.to, 1), settings);
}

/** The period before `period`. */
export function previousPeriod(period: PayPeriod, settings: Pick<PayrollSettings, 'periodKind' | 'periodAnchor'>): PayPeriod {
  return periodOf(addDays(period.from, -1), settings);
}

/** "Mar 1 – Mar 15, 2026" style label, independent of the device's locale. */
export function periodLabel(period: PayPeriod): string {
  const fmt = (d: string) => new Date(utcDay(d)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return `${fmt(period.from)} – ${fmt(period.to)}, ${period.to.slice(0, 4)}`;
}
