/**
 * Wall-clock ↔ instant in an IANA time zone with Intl only (no dependency): enough to turn a
 * technician's "08:00–17:00 on Mondays" into the day's shift instants, DST included.
 */
import type { Weekday } from '../directory/directory';

export interface ZonedDay {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: number, timeZone: string) {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) out[p.type] = p.value;
  return { year: Number(out.year), month: Number(out.month), day: Number(out.day), hour: Number(out.hour), minute: Number(out.minute), weekday: out.weekday!.toLowerCase().slice(0, 3) as Weekday };
}

/** The local calendar day (and weekday) of an instant in `timeZone`. */
export function zonedDay(at: number, timeZone: string): ZonedDay {
  const { year, month, day, weekday } = parts(at, timeZone);
  return { year, month, day, weekday };
}

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(at: number, timeZone: string): number {
  const p = parts(at, timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of local `hh:mm` on `day` in `timeZone`. Two passes settle the offset across a
 * DST change; a time skipped by spring-forward lands just after the gap.
 */
export function zonedInstant(day: Pick<ZonedDay, 'year' | 'month' | 'day'>, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const guess = Date.UTC(day.year, day.month - 1, day.day, h!, m!);
  const first = guess - offsetMinutes(guess, timeZone) * 60_000;
  return guess - offsetMinutes(first, timeZone) * 60_000;
}
