/**
 * Reading an instant as a local day and clock in a time zone (the organisation's or an
 * office's), with Intl only: days, working hours and holidays are local, storage is UTC.
 */
import type { Weekday } from '../directory/directory';

export interface ZonedParts {
  /** Local calendar day, `YYYY-MM-DD`. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_BY_NAME: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Parts of quarter-hour instants (where bookings sit), remembered: conflict checks read the
 * same few thousand instants after every change, and Intl formatting is the slow part.
 */
const QUARTER_HOUR = 900_000;
const remembered = new Map<string, ZonedParts>();
const REMEMBER_AT_MOST = 50_000;

/** The local day, weekday and minute of `instantMs` in `timeZone`. */
export function zonedParts(instantMs: number, timeZone: string): ZonedParts {
  if (instantMs % QUARTER_HOUR !== 0) return readParts(instantMs, timeZone);
  const key = `${timeZone}|${instantMs}`;
  let found = remembered.get(key);
  if (!found) {
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
    found = readParts(instantMs, timeZone);
    remembered.set(key, found);
  }
  return found;
}

function readParts(instantMs: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_BY_NAME[parts.weekday ?? ''] ?? 'mon',
    minutes: Number(parts.hour) * 60 + Number(parts.minute)
  };
}

/** Minutes of an `HH:MM` clock. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The UTC instant of local `date` (`YYYY-MM-DD`) at `minutes` past midnight in `timeZone`.
 * Found by correcting a first guess with the zone's offset there (twice, for DST edges).
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wanted = Date.UTC(y, mo - 1, d) + minutes * 60_000;
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess, timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    const seen = Date.UTC(py, pm - 1, pd) + p.minutes * 60_000;
    guess += wanted - seen;
  }
  return guess;
}

/** The local day after `date`. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Whole local days `from`…`to` (inclusive, `YYYY-MM-DD`) as a UTC window in `timeZone`, or
 * null when a day is not a date or `to` is before `from`.
 */
export function daysWindow(from: string, to: string, timeZone: string): { start: string; end: string } | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(from) || !day.test(to) || to < from || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return null;
  return { start: new Date(zonedInstant(from, 0, timeZone)).toISOString(), end: new Date(zonedInstant(nextDate(to), 0, timeZone)).toISOString() };
}
