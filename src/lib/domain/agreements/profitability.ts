/**
 * Agreement profitability: what it has billed so far against the parts cost of its PM visits'
 * jobs. Billed = the price for every billing cycle started from the start date up to today
 * (cycles anchored on the start, calendar-months.ts), none after cancellation is recorded
 * (cancelled agreements count the cycles up to today: the date of cancellation is not kept).
 * Labour joins when time entries land; until then cost is parts only, and the view says so.
 */
import { addMonths } from './calendar-months';
import type { Agreement, BillingCycle } from './agreement';

const CYCLE_MONTHS: Record<BillingCycle, number> = { monthly: 1, quarterly: 3, annual: 12 };

export interface Profitability {
  billedCents: number;
  partsCostCents: number;
  marginCents: number;
  /** PM jobs booked for it. */
  jobs: number;
}

/** Billing cycles started on or before `today`. */
export function cyclesStarted(startDate: string, cycle: BillingCycle, today: string): number {
  let k = 0;
  while (k < 10_000 && addMonths(startDate, k * CYCLE_MONTHS[cycle]) <= today) k++;
  return k;
}

export function agreementProfitability(agreement: Agreement, today: string, jobExists: (jobId: string) => boolean, partsCostOfJob: ReadonlyMap<string, number>): Profitability {
  const billedCents = cyclesStarted(agreement.startDate, agreement.billingCycle, today) * agreement.priceCents;
  const jobIds = [...new Set(Object.values(agreement.pmVisits).map((v) => v.jobId))].filter(jobExists);
  const partsCostCents = jobIds.reduce((sum, id) => sum + (partsCostOfJob.get(id) ?? 0), 0);
  return { billedCents, partsCostCents, marginCents: billedCents - partsCostCents, jobs: jobIds.length };
}
