/**
 * "My day": a technician's visits today in route order, then the coming days. Days are the
 * organisation's (its zone), never the phone's. Route order is the order of starts: the
 * schedule's route optimisation (domain/dispatch) writes its order as the visits' windows.
 */
import { compareVisits, type Visit } from '../scheduling/visit';
import { zonedParts } from '../time/zoned';

export interface DayOfVisits {
  /** Local date `YYYY-MM-DD` in the org's zone. */
  date: string;
  visits: Visit[];
}

export interface MyDay {
  today: DayOfVisits;
  /** The next days with visits, in date order (at most `days` days ahead). */
  upcoming: DayOfVisits[];
}

/**
 * The technician's visits (cancelled left out) for today and the next `days` days. A visit
 * belongs to the local day it starts on; today's list keeps done visits (shown as done).
 */
export function myDay(visits: readonly Visit[], technicianId: string, now: Date, timeZone: string, days = 7): MyDay {
  const today = zonedParts(now.getTime(), timeZone).date;
  const last = addDays(today, days);
  const byDate = new Map<string, Visit[]>();
  for (const v of [...visits].sort(compareVisits)) {
    if (v.status === 'cancelled' || !v.technicianIds.includes(technicianId)) continue;
    const date = zonedParts(Date.parse(v.window.start), timeZone).date;
    if (date < today || date > last) continue;
    byDate.set(date, [...(byDate.get(date) ?? []), v]);
  }
  const upcoming = [...byDate.keys()].filter((d) => d > today).sort().map((date) => ({ date, visits: byDate.get(date) ?? [] }));
  return { today: { date: today, visits: byDate.get(today) ?? [] }, upcoming };
}

/** `YYYY-MM-DD` plus `n` calendar days. */
function addDays(date: string, n: number): string {
  const ms = Date.parse(`${date}T00:00:00.000Z`) + n * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
