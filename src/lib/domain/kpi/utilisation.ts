/**
 * Technician utilisation: billable hours ÷ available hours × 100 (../shared/KPI.md). Available
 * = the technician's weekly working hours on each local day of the range, less time off and
 * the holidays of their office (or of every office); billable = on-site time, plus travel when
 * the organisation's setting makes travel billable. Both are clipped to the range.
 */
import type { WorkingHours } from '../directory/directory';
import { clockMinutes, zonedInstant, zonedParts } from '../time/zoned';
import { FORMULAS } from './formulas';
import { periodKeys } from './periods';
import type { RowColumns } from './row-columns';
import { MINUTE_MS, kpiNumber, percent, type InstantRange, type KpiNumber, type OnSiteInterval, type TravelInterval } from './types';

export interface AvailabilityInput {
  technicianId: string;
  officeId: string | null;
  workingHours: WorkingHours;
  /** Local zone of the technician's office (working hours are office time). */
  timeZone: string;
  timeOff: readonly { start: string; end: string }[];
  /** Holidays as local dates, with the office they apply to (null = every office). */
  holidays: readonly { date: string; officeId: string | null }[];
}


/** Minutes `intervals` cover inside `[from, to)`, overlaps among them counted once. */
function coveredMs(intervals: readonly { start: number; end: number }[], from: number, to: number): number {
  const clipped = intervals.map((i) => [Math.max(i.start, from), Math.min(i.end, to)] as const).filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curS = -Infinity;
  let curE = -Infinity;
  for (const [s, e] of clipped) {
    if (s > curE) {
      if (curE > curS) total += curE - curS;
      curS = s;
      curE = e;
    } else curE = Math.max(curE, e);
  }
  if (curE > curS) total += curE - curS;
  return total;
}

/** Available minutes of one technician in the range. */
export function availableMinutes(input: AvailabilityInput, range: InstantRange): number {
  const from = Date.parse(range.start);
  const to = Date.parse(range.end);
  const off = input.timeOff.map((t) => ({ start: Date.parse(t.start), end: Date.parse(t.end) }));
  const holidays = new Set(input.holidays.filter((h) => h.officeId === null || h.officeId === input.officeId).map((h) => h.date));
  let total = 0;
  for (const date of periodKeys(range, 'day', input.timeZone)) {
    if (holidays.has(date)) continue;
    const weekday = zonedParts(zonedInstant(date, 12 * 60, input.timeZone), input.timeZone).weekday;
    const hours = input.workingHours[weekday];
    if (!hours) continue;
    const s = Math.max(from, zonedInstant(date, clockMinutes(hours[0]), input.timeZone));
    const e = Math.min(to, zonedInstant(date, clockMinutes(hours[1]), input.timeZone));
    if (e <= s) continue;
    total += e - s - coveredMs(off, s, e);
  }
  return total / MINUTE_MS;
}

export interface Utilisation {
  overall: KpiNumber & { billableMinutes: number; availableMinutes: number };
  byTechnician: Map<string, KpiNumber & { billableMinutes: number; availableMinutes: number }>;
}

/**
 * Utilisation per technician and overall (sum billable ÷ sum available). `ids` are technician
 * ids. A technician with no available time has value null ("no data"), never 0 % or ∞.
 */
export function utilisation(people: readonly AvailabilityInput[], onSite: readonly OnSiteInterval[], travel: readonly TravelInterval[], range: InstantRange, travelBillable: boolean): Utilisation {
  const from = Date.parse(range.start);
  const to = Date.parse(range.end);
  const byTechnician = new Map<string, KpiNumber & { billableMinutes: number; availableMinutes: number }>();
  let billableAll = 0;
  let availableAll = 0;
  for (const person of people) {
    const own = [
      ...onSite.filter((i) => i.technicianId === person.technicianId),
      ...(travelBillable ? travel.filter((t) => t.technicianId === person.technicianId) : [])
    ].map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) }));
    const billable = coveredMs(own, from, to) / MINUTE_MS;
    const available = availableMinutes(person, range);
    billableAll += billable;
    availableAll += available;
    byTechnician.set(person.technicianId, { ...kpiNumber(percent(billable, available), 'percent', [person.technicianId], FORMULAS.utilisation), billableMinutes: billable, availableMinutes: available });
  }
  const ids = [...byTechnician.keys()];
  return { overall: { ...kpiNumber(percent(billableAll, availableAll), 'percent', ids, FORMULAS.utilisation), billableMinutes: billableAll, availableMinutes: availableAll }, byTechnician };
}



/**
 * The on-site time that names its technician (time entries) and touches the range, from the
 * projection's columns: only rows marked as having such time are read, so utilisation over a
 * year of jobs does not walk every row object.
 */
export function technicianOnSite(c: RowColumns, range: InstantRange): OnSiteInterval[] {
  const from = Date.parse(range.start);
  const to = Date.parse(range.end);
  const out: OnSiteInterval[] = [];
  for (let i = 0; i < c.length; i++) {
    if (!c.techTime[i]) continue;
    for (const interval of c.rows[i]!.onSite) {
      if (interval.technicianId && Date.parse(interval.start) < to && Date.parse(interval.end) > from) out.push(interval);
    }
  }
  return out;
}
