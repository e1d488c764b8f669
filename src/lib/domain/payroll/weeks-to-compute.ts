/**
 * Which workweeks a period's computation must look at, per technician, and which time entries
 * that needs (so a page recomputing after every change reads days, not a year of entries).
 *
 * - Everyone: the workweeks overlapping the period (overtime is decided on the whole week).
 * - Adjustments, for days of earlier runs (from `adjustFrom`): the weeks of entries the runs
 *   did not pay in their current version (a late entry, a clock stopped after approval), and
 *   for a rate recorded after the run that paid its first day (a retroactive raise), every
 *   week from that day on. A week recomputed for a correction is computed under today's
 *   settings; a settings change alone is never applied to paid weeks.
 */
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { daysWindow } from '../time/zoned';
import type { PayRate } from './pay-rates';
import type { PayRun } from './pay-run';
import { addDays, workweekStartOf, type PayPeriod } from './periods';
import type { PayrollSettings } from './settings';
import { entryDayMinutes } from './work-days';

export interface WeeksToCompute {
  /** Week starts per technician (the period's weeks for everyone are under `all`). */
  all: string[];
  extra: Map<string, Set<string>>;
  /** Finished entries overlapping some week a technician's computation reads. */
  entries: CurrentTimeEntry[];
}

export function weeksToCompute(finished: readonly CurrentTimeEntry[], rates: readonly PayRate[], runs: readonly PayRun[], /** Ids of the entry versions earlier runs paid. */ paidVersions: ReadonlySet<string>, period: PayPeriod, adjustFrom: string | null, settings: PayrollSettings, timeZone: string): WeeksToCompute {
  const weekOf = (date: string) => workweekStartOf(date, settings.workweekStart);
  const all: string[] = [];
  for (let d = weekOf(period.from); d <= period.to; d = addDays(d, 7)) all.push(d);
  const extra = new Map<string, Set<string>>();
  const add = (technicianId: string, week: string) => {
    let set = extra.get(technicianId);
    if (!set) extra.set(technicianId, (set = new Set()));
    set.add(week);
  };
  // Instants parsed once: this runs over every entry of the year after each change.
  const spans = finished.map((e) => ({ e, start: Date.parse(e.start), end: Date.parse(e.end as string) }));
  if (adjustFrom) {
    const paidSpan = daysWindow(adjustFrom, addDays(period.from, -1), timeZone);
    const [from, to] = paidSpan ? [Date.parse(paidSpan.start), Date.parse(paidSpan.end)] : [0, 0];
    for (const { e, start, end } of spans) {
      if (start >= to || end <= from || paidVersions.has(e.id)) continue;
      for (const { date } of entryDayMinutes(e, timeZone)) if (date >= adjustFrom && date < period.from) add(e.technicianId, weekOf(date));
    }
    for (const rate of rates) {
      if (rate.effectiveFrom >= period.from) continue;
      const firstDay = rate.effectiveFrom > adjustFrom ? rate.effectiveFrom : adjustFrom;
      const paidBy = runs.find((r) => r.from <= firstDay && firstDay <= r.to);
      if (!paidBy || rate.at <= paidBy.at) continue;
      for (let d = weekOf(firstDay); d < period.from; d = addDays(d, 7)) add(rate.technicianId, d);
    }
  }
  const windowOf = (week: string): [number, number] => {
    const span = daysWindow(week, addDays(week, 6), timeZone);
    return span ? [Date.parse(span.start), Date.parse(span.end)] : [0, 0];
  };
  const common = all.map(windowOf);
  const own = new Map([...extra].map(([technicianId, set]) => [technicianId, [...set].map(windowOf)]));
  const overlaps = (windows: readonly [number, number][], start: number, end: number) => windows.some(([from, to]) => start < to && end > from);
  const entries = spans.filter(({ e, start, end }) => overlaps(common, start, end) || overlaps(own.get(e.technicianId) ?? [], start, end)).map(({ e }) => e);
  return { all, extra, entries };
}
