/**
 * Reporting periods: calendar days, weeks (Monday first) and months in the organisation's time
 * zone, while every stored time stays a UTC instant (house rule).
 */
import { daysWindow, nextDate, zonedInstant, zonedParts } from '../time/zoned';
import type { InstantRange } from './types';

export type Granularity = 'day' | 'week' | 'month';

const QUARTER_HOUR = 900_000;
const WEEKDAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The period an instant falls in: `YYYY-MM-DD` (day; for weeks the Monday), or `YYYY-MM`. */
export function periodKey(instant: string | number, granularity: Granularity, timeZone: string): string {
  // Every zone's offset is a whole number of quarter hours, so local midnight falls on a UTC
  // quarter hour: the quarter hour an instant is in has its local day, and zonedParts
  // remembers quarter hours (Intl formatting is the slow part).
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const parts = zonedParts(Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR, timeZone);
  if (granularity === 'day') return parts.date;
  if (granularity === 'month') return parts.date.slice(0, 7);
  return addDays(parts.date, -WEEKDAY_INDEX[parts.weekday]);
}

/** Every period key from the one holding `range.start` to the one holding the range's last instant. */
export function periodKeys(range: InstantRange, granularity: Granularity, timeZone: string): string[] {
  const last = Date.parse(range.end) - 1;
  if (last < Date.parse(range.start)) return [];
  const keys: string[] = [];
  const end = periodKey(last, granularity, timeZone);
  let key = periodKey(range.start, granularity, timeZone);
  for (let guard = 0; guard < 5000; guard++) {
    keys.push(key);
    if (key >= end) break;
    key = granularity === 'day' ? nextDate(key) : granularity === 'week' ? addDays(key, 7) : nextMonth(key);
  }
  return keys;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** A whole local month `YYYY-MM` as instants. */
export function monthRange(month: string, timeZone: string): InstantRange {
  return { start: new Date(zonedInstant(`${month}-01`, 0, timeZone)).toISOString(), end: new Date(zonedInstant(`${nextMonth(month)}-01`, 0, timeZone)).toISOString() };
}

/** Whole local days `from`…`to` inclusive as instants; null when not dates or reversed. */
export function dayRange(from: string, to: string, timeZone: string): InstantRange | null {
  return daysWindow(from, to, timeZone);
}

/** The last `days` local days up to and including the day of `now`. */
export function lastDays(days: number, now: number, timeZone: string): InstantRange {
  const today = zonedParts(now, timeZone).date;
  return daysWindow(addDays(today, -(days - 1)), today, timeZone)!;
}

/** Calendar days a range covers (for DSO), counted in local days. */
export function daysIn(range: InstantRange, timeZone: string): number {
  return periodKeys(range, 'day', timeZone).length;
}
