/**
 * Time entries → paid minutes per technician per local day (organisation's zone). An entry
 * crossing local midnight is split there, each part counted on its own day. Running entries
 * are not paid yet. Travel counts when the organisation pays travel; a break counts up to what
 * the break setting pays (capped per break, the earliest minutes of the break first).
 */
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { nextDate, zonedInstant, zonedParts } from '../time/zoned';
import { paidBreakMinutes, type PayrollSettings } from './settings';

/** Local midnights already found (`zone|day` → instant): Intl is the slow part, and entries share days. */
const midnights = new Map<string, number>();

function midnightAfter(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let found = midnights.get(key);
  if (found === undefined) {
    if (midnights.size >= 10_000) midnights.clear();
    found = zonedInstant(nextDate(date), 0, timeZone);
    midnights.set(key, found);
  }
  return found;
}

/**
 * Minutes of one entry per local day, in day order. Counted on the minute grid (whole minutes
 * started in the part), so the parts of an entry crossing midnight add up to its minutes even
 * when it starts and ends mid-minute.
 */
export function entryDayMinutes(entry: Pick<CurrentTimeEntry, 'start' | 'end'>, timeZone: string): Array<{ date: string; minutes: number }> {
  if (entry.end === null) return [];
  const end = Date.parse(entry.end);
  let from = Date.parse(entry.start);
  const out: Array<{ date: string; minutes: number }> = [];
  while (from < end) {
    const date = zonedParts(from, timeZone).date;
    const midnight = midnightAfter(date, timeZone);
    const to = Math.min(end, midnight);
    out.push({ date, minutes: Math.floor(to / 60_000) - Math.floor(from / 60_000) });
    from = to;
  }
  return out;
}

/** Paid minutes of one finished entry per local day under the settings. */
export function paidDayMinutes(entry: CurrentTimeEntry, settings: PayrollSettings, timeZone: string): Array<{ date: string; minutes: number }> {
  if (entry.kind === 'travel' && !settings.travelPaid) return [];
  const parts = entryDayMinutes(entry, timeZone);
  if (entry.kind !== 'break') return parts;
  let paid = paidBreakMinutes(settings, parts.reduce((s, p) => s + p.minutes, 0));
  return parts.map((p) => {
    const minutes = Math.min(p.minutes, paid);
    paid -= minutes;
    return { date: p.date, minutes };
  });
}

/** Paid minutes by technician, then by day. */
export function workedMinutes(entries: readonly CurrentTimeEntry[], settings: PayrollSettings, timeZone: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const e of entries) {
    for (const { date, minutes } of paidDayMinutes(e, settings, timeZone)) {
      if (!minutes) continue;
      let days = out.get(e.technicianId);
      if (!days) out.set(e.technicianId, (days = new Map()));
      days.set(date, (days.get(date) ?? 0) + minutes);
    }
  }
  return out;
}
