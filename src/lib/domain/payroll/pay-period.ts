/**
 * What a pay period pays each technician (issue 12), from the current time entries, pay rates,
 * settings and the runs already approved.
 *
 * Method (the FLSA practice for a workweek that spans two pay periods): overtime is decided
 * on the whole fixed workweek, never on the part of it inside a period; each day's minutes
 * then go to the period the day is in. So a run computes every workweek overlapping its
 * period with all the week's entries, and pays only the allocations of its own days.
 *
 * Adjustments: the weeks of earlier runs (up to a year back) where something changed since
 * (weeks-to-compute.ts: a forgotten hour entered late as a new entry, an entry stopped after
 * its period was paid, a rate recorded after the run) are computed again from today's entries
 * and rates and compared, per day, bucket and rate, with what the runs paid; any difference is
 * paid now as an adjustment row dated on its day. A difference line's cents are half-up by
 * magnitude, signed.
 */
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { daysWindow } from '../time/zoned';
import { allocateWeek, BUCKETS, bucketLines, type Bucket, type BucketLine, type DayAllocation, type WorkDay } from './overtime';
import { rateOn, type PayRate } from './pay-rates';
import { countedRuns, type PaidDay, type PaidEntry, type PayRun, type PayRunTechnician } from './pay-run';
import { addDays, periodOf, previousPeriod, type PayPeriod } from './periods';
import type { PayrollSettings } from './settings';
import { weeksToCompute } from './weeks-to-compute';
import { workedMinutes } from './work-days';

export interface PayrollInput {
  /** Current time entries (all technicians); running ones are not paid. */
  entries: readonly CurrentTimeEntry[];
  rates: readonly PayRate[];
  settings: PayrollSettings;
  timeZone: string;
  runs: readonly PayRun[];
}

/** One technician's pay for a period: the run record's fields plus the lines behind the gross. */
export interface TechnicianPay extends PayRunTechnician {
  periodLines: BucketLine[];
  adjustmentLines: BucketLine[];
}

/** How far back corrections to paid days are looked for. */
const LOOKBACK_DAYS = 371;

/**
 * The period the next run is for: the one after the latest run (starting the day after it,
 * even if the period settings changed since), or, before any run, the last period that has
 * ended by `today`.
 */
export function nextRunPeriod(runs: readonly PayRun[], settings: PayrollSettings, today: string): PayPeriod {
  const last = countedRuns(runs).at(-1);
  if (!last) return previousPeriod(periodOf(today, settings), settings);
  const from = addDays(last.to, 1);
  return { from, to: periodOf(from, settings).to };
}

/** Whether the period has ended by `today` (a run pays whole periods only). */
export function periodEnded(period: PayPeriod, today: string): boolean {
  return period.to < today;
}

/** Each technician's pay for `period`, by technician id. */
export function payForPeriod(input: PayrollInput, period: PayPeriod): TechnicianPay[] {
  const { settings, timeZone, rates } = input;
  const finished = input.entries.filter((e) => e.end !== null);
  const ordered = countedRuns(input.runs);
  const paidByTech = paidDays(ordered);
  // Version ids are record ids: unique on their own, so the set needs no root id.
  const paidVersions = new Set(ordered.flatMap((r) => r.technicians.flatMap((t) => t.entries.map((e) => e.versionId))));
  const runsFrom = ordered[0]?.from;
  const lookbackFrom = addDays(period.from, -LOOKBACK_DAYS);
  const adjustFrom = runsFrom && runsFrom > lookbackFrom ? runsFrom : lookbackFrom;
  const weeks = weeksToCompute(finished, rates, ordered, paidVersions, period, runsFrom ? adjustFrom : null, settings, timeZone);
  const worked = workedMinutes(weeks.entries, settings, timeZone);
  const window = daysWindow(period.from, period.to, timeZone);
  const adjustStart = daysWindow(adjustFrom, adjustFrom, timeZone)?.start ?? '';
  const technicians = new Set([...worked.keys(), ...paidByTech.keys()]);
  const entriesOf = new Map<string, CurrentTimeEntry[]>();
  for (const e of weeks.entries) {
    const list = entriesOf.get(e.technicianId);
    if (list) list.push(e);
    else entriesOf.set(e.technicianId, [e]);
  }
  const out: TechnicianPay[] = [];
  for (const technicianId of [...technicians].sort()) {
    const days = worked.get(technicianId) ?? new Map<string, number>();
    const paid = paidByTech.get(technicianId) ?? new Map<string, PaidDay[]>();
    const weekStarts = new Set([...weeks.all, ...(weeks.extra.get(technicianId) ?? [])]);
    const periodDays: DayAllocation[] = [];
    const adjustments: PaidDay[] = [];
    const unpriced: string[] = [];
    for (const weekStart of [...weekStarts].sort()) {
      const week: WorkDay[] = [];
      for (let i = 0; i < 7; i++) {
        const date = addDays(weekStart, i);
        week.push({ date, minutes: days.get(date) ?? 0, hourlyCents: rateOn(rates, technicianId, date)?.hourlyCents ?? null });
      }
      for (const a of allocateWeek(week, settings.overtimeRules).days) {
        if (a.date >= period.from && a.date <= period.to) {
          if (a.regular + a.overtime + a.double === 0) continue;
          if (a.hourlyCents === null) unpriced.push(a.date);
          else periodDays.push(a);
        } else if (runsFrom && a.date < period.from && a.date >= adjustFrom) {
          adjustments.push(...differences(a, paid.get(a.date) ?? []));
        }
      }
    }
    const periodLines = bucketLines(periodDays);
    const adjustmentLines = bucketLines(adjustments);
    const periodCents = periodLines.reduce((s, l) => s + l.cents, 0);
    const adjustmentCents = adjustmentLines.reduce((s, l) => s + l.cents, 0);
    const own = entriesOf.get(technicianId) ?? [];
    const entries: PaidEntry[] = own
      .filter((e) => window && Date.parse(e.start) < Date.parse(window.end) && Date.parse(e.end as string) > Date.parse(window.start))
      .map((e) => ({ rootId: e.rootId, versionId: e.id }));
    // Late entries behind an adjustment are recorded too (the run shows what it paid for).
    if (adjustments.length) {
      for (const e of own) {
        if (!window || Date.parse(e.start) >= Date.parse(window.start) || Date.parse(e.start) < Date.parse(adjustStart) || paidVersions.has(e.id)) continue;
        entries.push({ rootId: e.rootId, versionId: e.id });
      }
    }
    const sum = (b: Bucket) => periodDays.reduce((s, d) => s + d[b], 0);
    if (!periodDays.length && !adjustments.length && !unpriced.length) continue;
    out.push({
      technicianId,
      regularMinutes: sum('regular'),
      overtimeMinutes: sum('overtime'),
      doubleMinutes: sum('double'),
      periodCents,
      adjustmentCents,
      grossCents: periodCents + adjustmentCents,
      entries,
      days: [...periodDays.map((d) => ({ date: d.date, hourlyCents: d.hourlyCents as number, regular: d.regular, overtime: d.overtime, double: d.double, adjustment: false })), ...adjustments],
      unpricedDays: unpriced,
      periodLines,
      adjustmentLines
    });
  }
  return out;
}

/** What earlier runs paid, by technician and day (adjustment rows included: they add up). */
function paidDays(runs: readonly PayRun[]): Map<string, Map<string, PaidDay[]>> {
  const out = new Map<string, Map<string, PaidDay[]>>();
  for (const run of runs) {
    for (const t of run.technicians) {
      let days = out.get(t.technicianId);
      if (!days) out.set(t.technicianId, (days = new Map()));
      for (const d of t.days) days.set(d.date, [...(days.get(d.date) ?? []), d]);
    }
  }
  return out;
}

/** Rows (per rate) of the minutes a day is owed now minus what was paid for it. */
function differences(now: DayAllocation, paid: readonly PaidDay[]): PaidDay[] {
  const byRate = new Map<number, Record<Bucket, number>>();
  const row = (rate: number) => {
    let r = byRate.get(rate);
    if (!r) byRate.set(rate, (r = { regular: 0, overtime: 0, double: 0 }));
    return r;
  };
  if (now.hourlyCents !== null) for (const b of BUCKETS) row(now.hourlyCents)[b] += now[b];
  for (const p of paid) for (const b of BUCKETS) row(p.hourlyCents)[b] -= p[b];
  return [...byRate.entries()]
    .filter(([, r]) => r.regular || r.overtime || r.double)
    .map(([hourlyCents, r]) => ({ date: now.date, hourlyCents, ...r, adjustment: true }));
}
