/**
 * Hours worked → pay buckets for one technician's workweek (integer minutes).
 *
 * - Federal (FLSA): hours over 40 in the fixed workweek are overtime (1.5×), counted in day
 *   order, so the overtime lands on the last days of the week.
 * - California (Labor Code 510): per day, over 8 h is overtime and over 12 h double time
 *   (2×); on the seventh consecutive workday of the workweek (all seven days worked) the first
 *   8 h are overtime and the rest double time; regular hours over 40 in the week become
 *   overtime. No pyramiding: each minute is counted once, in its highest bucket; the weekly
 *   rule only counts regular minutes (daily overtime is not counted again toward 40 h).
 * - An organisation under California rules is paid the greater gross of the two, decided per
 *   workweek (`greaterOf`).
 *
 * Gross: each bucket line (one bucket at one hourly rate) is rounded half-up to a cent once:
 * cents = minutes × rate × multiplier ÷ 60 (labourLineCents).
 */
import type { OvertimeRules } from './settings';

export const BUCKETS = ['regular', 'overtime', 'double'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Multiplier of each bucket, in halves (integers): 1×, 1.5×, 2×. */
const HALVES: Record<Bucket, number> = { regular: 2, overtime: 3, double: 4 };

export type Buckets = Record<Bucket, number>;

export function emptyBuckets(): Buckets {
  return { regular: 0, overtime: 0, double: 0 };
}

/** One day of a workweek: its date, minutes worked, the hourly rate in force (null: no rate). */
export interface WorkDay {
  date: string;
  minutes: number;
  hourlyCents: number | null;
}

/** A day's minutes split into buckets. */
export interface DayAllocation extends Buckets {
  date: string;
  hourlyCents: number | null;
}

const DAY_REGULAR = 8 * 60;
const DAY_DOUBLE = 12 * 60;
const WEEK_REGULAR = 40 * 60;

/** Federal: minutes past 40 h in the week, in day order, are overtime. */
export function federalWeek(days: readonly WorkDay[]): DayAllocation[] {
  let worked = 0;
  return days.map((d) => {
    const regular = Math.max(0, Math.min(d.minutes, WEEK_REGULAR - worked));
    worked += d.minutes;
    return { date: d.date, hourlyCents: d.hourlyCents, regular, overtime: d.minutes - regular, double: 0 };
  });
}

/**
 * California. `days` are the workweek's days in order (at most seven); the seventh-day rule
 * applies to the seventh day only when all seven were worked.
 */
export function californiaWeek(days: readonly WorkDay[]): DayAllocation[] {
  const seventh = days.length === 7 && days.every((d) => d.minutes > 0);
  let regularSoFar = 0;
  return days.map((d, i) => {
    const m = d.minutes;
    let regular: number;
    let overtime: number;
    let double: number;
    if (seventh && i === 6) {
      regular = 0;
      overtime = Math.min(m, DAY_REGULAR);
      double = m - overtime;
    } else {
      regular = Math.min(m, DAY_REGULAR);
      overtime = Math.min(Math.max(0, m - DAY_REGULAR), DAY_DOUBLE - DAY_REGULAR);
      double = Math.max(0, m - DAY_DOUBLE);
    }
    // Weekly: regular minutes past 40 h become overtime (daily overtime is not counted again).
    const weeklyOver = Math.max(0, regularSoFar + regular - WEEK_REGULAR);
    regularSoFar += regular - weeklyOver;
    return { date: d.date, hourlyCents: d.hourlyCents, regular: regular - weeklyOver, overtime: overtime + weeklyOver, double };
  });
}

/** Half-up cents of `minutes` of `bucket` at `hourlyCents`: minutes × rate × multiplier ÷ 60, exact in integers. */
export function bucketCents(bucket: Bucket, minutes: number, hourlyCents: number): number {
  // minutes × rate × halves / 120, rounded half-up: floor((2 × numerator + 120) / 240).
  return Math.floor((2 * minutes * hourlyCents * HALVES[bucket] + 120) / 240);
}

/** A bucket line: the minutes of one bucket at one rate, with its rounded gross. */
export interface BucketLine {
  bucket: Bucket;
  hourlyCents: number;
  minutes: number;
  cents: number;
}

/**
 * Groups priced days into bucket lines (bucket × rate), each rounded once. Minutes may be
 * negative (adjustment differences): a line's cents are half-up by magnitude, sign kept.
 */
export function bucketLines(days: ReadonlyArray<Buckets & { hourlyCents: number | null }>): BucketLine[] {
  const minutes = new Map<string, { bucket: Bucket; hourlyCents: number; minutes: number }>();
  for (const d of days) {
    if (d.hourlyCents === null) continue;
    for (const bucket of BUCKETS) {
      if (!d[bucket]) continue;
      const key = `${bucket}|${d.hourlyCents}`;
      const line = minutes.get(key) ?? { bucket, hourlyCents: d.hourlyCents, minutes: 0 };
      line.minutes += d[bucket];
      minutes.set(key, line);
    }
  }
  return [...minutes.values()]
    .filter((l) => l.minutes !== 0)
    .map((l) => ({ ...l, cents: Math.sign(l.minutes) * bucketCents(l.bucket, Math.abs(l.minutes), l.hourlyCents) }))
    .sort((a, b) => BUCKETS.indexOf(a.bucket) - BUCKETS.indexOf(b.bucket) || a.hourlyCents - b.hourlyCents);
}

export function grossOf(days: readonly DayAllocation[]): number {
  return bucketLines(days).reduce((sum, l) => sum + l.cents, 0);
}

/** Which rule set a week was paid under, and its allocation. */
export interface WeekResult {
  rules: OvertimeRules;
  days: DayAllocation[];
  grossCents: number;
}

/**
 * The week's allocation under the organisation's rules. Under California rules both are
 * computed and the greater gross is paid (a tie goes to the state's allocation).
 */
export function allocateWeek(days: readonly WorkDay[], rules: OvertimeRules): WeekResult {
  const federal = federalWeek(days);
  const federalGross = grossOf(federal);
  if (rules === 'federal') return { rules: 'federal', days: federal, grossCents: federalGross };
  const state = californiaWeek(days);
  const stateGross = grossOf(state);
  return federalGross > stateGross ? { rules: 'federal', days: federal, grossCents: federalGross } : { rules: 'california', days: state, grossCents: stateGross };
}
