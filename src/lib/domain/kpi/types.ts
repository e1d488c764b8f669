/**
 * The KPI engine's inputs and outputs (../shared/KPI.md). Every KPI is a pure function over
 * these plain records, so it computes the same way on every device and in tests; where the
 * records come from (the board doc's job events and visits today, time entries, invoices and
 * payments as those areas land) is the caller's business.
 */
import type { JobOutcome, JobStatus, JobType } from '../jobs/job';

/** What the reports need to know about one job, derived from its record, events and visits (job-facts.ts). */
export interface JobFacts {
  id: string;
  number: string;
  type: JobType;
  status: JobStatus;
  officeId: string | null;
  technicianIds: string[];
  assetIds: string[];
  createdAt: string;
  /** First arrival on site (first event into `on_site`), null when never on site. */
  firstOnSiteAt: string | null;
  /** First move to `completed` (or a later settled status), null when not (yet) completed. */
  completedAt: string | null;
  slaDue: string | null;
  /** The earlier job this one calls back (an explicit callback link). */
  callbackOf: string | null;
  /** The job a quality-check follow-up checks (not a callback). */
  followUpOf: string | null;
  /** On-site visits: arrivals on site of the job's own booking plus further visits that reached site. */
  onSiteVisits: number;
  outcome: JobOutcome | null;
}

/** Time on site (a time entry; until those land, derived from on-site → next status events). */
export interface OnSiteInterval {
  jobId: string;
  /** null when the source does not say who (event-derived intervals of a job with no technician). */
  technicianId: string | null;
  start: string;
  end: string;
}

/** Travel time of a technician (time entries); billable only when the organisation's setting says so. */
export interface TravelInterval {
  technicianId: string;
  jobId: string | null;
  start: string;
  end: string;
}

/** An invoice as the reports see it; money in integer cents. */
export interface InvoiceFacts {
  id: string;
  number: string;
  jobId: string | null;
  customerId: string;
  issuedAt: string;
  /** Due date from the terms; null = due on issue. */
  dueAt: string | null;
  /** After discounts, before tax. */
  subtotalCents: number;
  /** What the customer owes in all (with tax). */
  totalCents: number;
  /** Billed under warranty (a zero-priced warranty call is not an "opportunity call"). */
  warranty?: boolean;
  voided?: boolean;
}

/** A payment received (positive cents), applied to an invoice or unapplied (`invoiceId` null). */
export interface PaymentFacts {
  id: string;
  customerId: string;
  invoiceId: string | null;
  at: string;
  amountCents: number;
}

/** A credit note given to a customer (positive cents; reduces what they owe). */
export interface CreditFacts {
  id: string;
  customerId: string;
  at: string;
  amountCents: number;
}

/** Parts used on a job at their moving-average cost. */
export interface PartCostFacts {
  jobId: string;
  at: string;
  costCents: number;
}

/** Labour cost of worked time (hours × pay rate incl. overtime, as payroll costs it). */
export interface LabourCostFacts {
  jobId: string | null;
  technicianId: string;
  at: string;
  costCents: number;
}

/** Another expense: on a job (direct cost) or the business's (rent, fuel…) for a month. */
export interface ExpenseFacts {
  id: string;
  /** `YYYY-MM` in the organisation's zone. */
  month: string;
  jobId: string | null;
  category: string;
  amountCents: number;
}

/** A half-open range of instants `[start, end)`, usually whole local days (periods.ts). */
export interface InstantRange {
  start: string;
  end: string;
}

/** Which jobs a KPI looks at besides its period. Absent / null = all. */
export interface KpiFilter {
  range: InstantRange;
  officeId?: string | null;
  technicianId?: string | null;
  jobType?: JobType | null;
}

export type KpiUnit = 'percent' | 'minutes' | 'days' | 'cents' | 'count' | 'hours';

/**
 * One number of the dashboard: its value (null = "no data": nothing to divide by, never 0 %),
 * how many records it rests on, which ones (job / invoice ids, for drill-down) and the formula
 * the tooltip shows.
 */
export interface KpiNumber {
  value: number | null;
  unit: KpiUnit;
  count: number;
  ids: string[];
  formula: string;
}

export function kpiNumber(value: number | null, unit: KpiUnit, ids: string[], formula: string): KpiNumber {
  return { value, unit, count: ids.length, ids, formula };
}

/** The mean of `values`, null when there are none. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** `part ÷ whole × 100`, null when `whole` is 0 (no data, not 0 %). */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** True for `toISOString()` output (UTC, milliseconds): such strings sort like the instants they name. */
function canonical(iso: string): boolean {
  return iso.length === 24 && iso.charCodeAt(23) === 90; // 'Z'
}

/** An instant in `[start, end)`; compares strings when all three are canonical (the projection's rows are), else parses. */
export function inRange(instant: string | null, range: InstantRange): instant is string {
  if (!instant) return false;
  if (canonical(instant) && canonical(range.start) && canonical(range.end)) return instant >= range.start && instant < range.end;
  const t = Date.parse(instant);
  return t >= Date.parse(range.start) && t < Date.parse(range.end);
}

/** The canonical form of an instant (`toISOString()`), so rows compare as strings; unparseable stays as is. */
export function canonicalInstant<T extends string | null>(iso: T): T {
  if (iso === null || canonical(iso)) return iso;
  const t = Date.parse(iso);
  return (Number.isNaN(t) ? iso : new Date(t).toISOString()) as T;
}

/** Whether a job passes the office / technician / type filters (the period is each KPI's own). */
export function matchesJob(job: Pick<JobFacts, 'officeId' | 'technicianIds' | 'type'>, filter: Omit<KpiFilter, 'range'>): boolean {
  if (filter.officeId && job.officeId !== filter.officeId) return false;
  if (filter.technicianId && !job.technicianIds.includes(filter.technicianId)) return false;
  if (filter.jobType && job.type !== filter.jobType) return false;
  return true;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Minutes between two instants. */
export function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / MINUTE_MS;
}
