/**
 * Agreement profitability: what it has billed against what its PM visits' jobs cost.
 *
 * Billed = coverage + invoiced on its visits:
 * - coverage: the price for every billing cycle started from the start date up to today
 *   (cycles anchored on the start, calendar-months.ts), none after cancellation is recorded
 *   (cancelled agreements count the cycles up to today: the date of cancellation is not kept).
 *   The agreement's own billing is not an invoice in the finance room, so this is the model.
 * - invoiced on its visits: what the finance room billed on its PM jobs beyond the coverage
 *   (issued invoices before tax and after discount, less issued credit notes on those jobs:
 *   `invoicedByJob`). Unknown (null) when the viewer may not read finance.
 * Cost = parts + labour of its booked PM jobs:
 * - parts: what the stock ledger used on them at the moving average (average-cost.ts);
 * - labour: their finished time entries at the pay rate in force (payroll/labour-cost.ts, pay
 *   rates from the finance room). Unknown (null) when the viewer may not read pay rates; when
 *   some entries' technicians have no rate, the known part is counted and `unpricedEntries`
 *   says how many are missing: the view says "labour incomplete", never costs them at zero.
 * Margin = billed − cost over what is known.
 */
import type { LabourCosts } from '../payroll/labour-cost';
import type { InvoiceView } from '../receivables/ledger';
import { addMonths } from './calendar-months';
import type { Agreement, BillingCycle } from './agreement';

const CYCLE_MONTHS: Record<BillingCycle, number> = { monthly: 1, quarterly: 3, annual: 12 };

export interface Profitability {
  /** Cycles started × price. */
  coverageCents: number;
  /** Billed on its PM jobs beyond coverage; null when finance is not readable. */
  invoicedCents: number | null;
  /** Coverage plus what is known of the invoiced part. */
  billedCents: number;
  partsCostCents: number;
  /** Labour of its PM jobs' time entries with a pay rate; null when pay rates are not readable. */
  labourCostCents: number | null;
  /** Finished entries on its PM jobs whose technician had no pay rate that day (their cost is unknown). */
  unpricedEntries: number;
  marginCents: number;
  /** PM jobs booked for it. */
  jobs: number;
}

export interface ProfitSources {
  jobExists: (jobId: string) => boolean;
  partsCostOfJob: ReadonlyMap<string, number>;
  /** `labourCosts` of the board's time entries at the finance room's rates; null when not readable. */
  labour: LabourCosts | null;
  /** `invoicedByJob` of the finance room; null when not readable. */
  invoiced: ReadonlyMap<string, number> | null;
}

/** Billing cycles started on or before `today`. */
export function cyclesStarted(startDate: string, cycle: BillingCycle, today: string): number {
  let k = 0;
  while (k < 10_000 && addMonths(startDate, k * CYCLE_MONTHS[cycle]) <= today) k++;
  return k;
}

/** Net billed per job, before tax: issued invoices (not void) less issued credit notes (not void). */
export function invoicedByJob(invoices: readonly InvoiceView[]): Map<string, number> {
  const byJob = new Map<string, number>();
  for (const view of invoices) {
    const jobId = view.record.jobId;
    if (!jobId || !view.issued || view.status === 'void') continue;
    const net = view.totals.subtotalCents - view.totals.discountCents;
    byJob.set(jobId, (byJob.get(jobId) ?? 0) + (view.kind === 'credit-note' ? -net : net));
  }
  return byJob;
}

export function agreementProfitability(agreement: Agreement, today: string, sources: ProfitSources): Profitability {
  const coverageCents = cyclesStarted(agreement.startDate, agreement.billingCycle, today) * agreement.priceCents;
  const jobIds = new Set([...new Set(Object.values(agreement.pmVisits).map((v) => v.jobId))].filter(sources.jobExists));
  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  const partsCostCents = sum([...jobIds].map((id) => sources.partsCostOfJob.get(id) ?? 0));
  const invoicedCents = sources.invoiced ? sum([...jobIds].map((id) => sources.invoiced?.get(id) ?? 0)) : null;
  const onJobs = <T extends { jobId: string | null }>(items: readonly T[]) => items.filter((x) => x.jobId !== null && jobIds.has(x.jobId));
  const labourCostCents = sources.labour ? sum(onJobs(sources.labour.lines).map((l) => l.costCents)) : null;
  const unpricedEntries = sources.labour ? onJobs(sources.labour.unpriced).length : 0;
  const billedCents = coverageCents + (invoicedCents ?? 0);
  return {
    coverageCents,
    invoicedCents,
    billedCents,
    partsCostCents,
    labourCostCents,
    unpricedEntries,
    marginCents: billedCents - partsCostCents - (labourCostCents ?? 0),
    jobs: jobIds.size
  };
}
