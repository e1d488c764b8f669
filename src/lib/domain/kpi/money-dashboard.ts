/**
 * The dashboard's money numbers: invoice lag with its buckets, revenue per call, technician
 * revenue credit, money owed vs paid, and gross profit per month. Jobs come from the
 * projection's columns (a job is looked up by slot, never by scanning row objects); invoices,
 * payments and costs are the finance and cost facts the caller maps from its docs, indexed
 * (money-index.ts; the invoices kept in step one invoice at a time by the live state,
 * billing-index.ts). Each number equals what the one-KPI function of money-kpis.ts /
 * receivables.ts gives over all jobs with the invoices in issue order, ties by id (tested on
 * seeded data in money-dashboard.test.ts).
 */
import { FORMULAS } from './formulas';
import { zonedInstant } from '../time/zoned';
import type { BillingIndex } from './billing-index';
import { moneyIndex, lowerBound, within, type MoneyIndex, type Timeline } from './money-index';
import { lagBucket, technicianRevenueCredit, type InvoiceLag, type LagBucket, type ProfitLine, type RevenueCredit } from './money-kpis';
import { monthRange, periodKeys } from './periods';
import type { OwedVsPaid } from './receivables';
import { RowColumns, slotMatcher } from './row-columns';
import { DAY_MS, kpiNumber, percent, type ExpenseFacts, type InvoiceFacts, type KpiFilter, type KpiNumber, type LabourCostFacts, type OnSiteInterval, type PartCostFacts, type PaymentFacts } from './types';

export interface MoneyInputs {
  invoices: readonly InvoiceFacts[];
  payments: readonly PaymentFacts[];
  parts: readonly PartCostFacts[];
  labour: readonly LabourCostFacts[];
  expenses: readonly ExpenseFacts[];
  /** Technicians with finished time but no pay rate on its day: labour cost is incomplete for them. */
  unpricedTechnicians: readonly string[];
  /** The invoices and payments indexed, kept in step with them by the caller (money-index.ts `indexedMoneyInputs`); absent: built from them. */
  billing?: BillingIndex;
}

const CALLBACK = RowColumns.typeCode('callback');

export const NO_MONEY: MoneyInputs = { invoices: [], payments: [], parts: [], labour: [], expenses: [], unpricedTechnicians: [] };

export interface MonthProfit extends ProfitLine {
  month: string;
}

export interface MoneyDashboard {
  invoiceLag: InvoiceLag;
  revenuePerCall: KpiNumber & { totalCents: number; excludedIds: string[] };
  revenueCredit: RevenueCredit;
  owedVsPaid: OwedVsPaid;
  /** The local months the range touches, oldest first, every month present; of the office's jobs under an office filter (`profitScope`). */
  profit: MonthProfit[];
  /** Which filters profit honours, in words (office yes; technician and job type no). */
  profitScope: string;
  unpricedTechnicians: readonly string[];
}

/** Invoice lag over the columns and the index (as money-kpis.ts `invoiceLag`: jobs in slot order). */
function invoiceLagOf(c: RowColumns, index: BillingIndex, slots: readonly number[], filter: KpiFilter, from: number, to: number): InvoiceLag {
  const matches = slotMatcher(c, filter);
  // Jobs whose first invoice was issued in the range, found from the invoices; NaN = none.
  const lagBySlot = new Float64Array(c.length).fill(NaN);
  const [first, last] = within(index.live, from, to);
  for (let k = first; k < last; k++) {
    const slot = slots[k]!;
    if (!index.firstOfJob[k] || slot < 0 || Number.isNaN(c.completed[slot]!) || !matches(slot)) continue;
    lagBySlot[slot] = Math.max(0, (index.live.ms[k]! - c.completed[slot]!) / DAY_MS);
  }
  const ids: string[] = [];
  let sum = 0;
  const buckets: Record<LagBucket, string[]> = { '0–5': [], '6–15': [], '16–30': [], '>30': [] };
  const notInvoiced: string[] = [];
  for (let i = 0; i < c.length; i++) {
    const days = lagBySlot[i]!;
    if (!Number.isNaN(days)) {
      ids.push(c.ids[i]!);
      sum += days;
      buckets[lagBucket(days)].push(c.ids[i]!);
    }
    const done = c.completed[i]!;
    if (done >= from && done < to && matches(i) && !index.firstIssued.has(c.ids[i]!)) notInvoiced.push(c.ids[i]!);
  }
  return { mean: kpiNumber(ids.length ? sum / ids.length : null, 'days', ids, FORMULAS.invoiceLag), buckets, notInvoiced: kpiNumber(notInvoiced.length, 'count', notInvoiced, FORMULAS.notInvoiced) };
}

/** Revenue per call over the invoices issued in the range (as money-kpis.ts `revenuePerCall`). */
function revenuePerCallOf(c: RowColumns, index: BillingIndex, slots: readonly number[], first: number, last: number, filter: KpiFilter): MoneyDashboard['revenuePerCall'] {
  const matches = slotMatcher(c, filter);
  const perJob = new Map<string, { slot: number; subtotal: number; warranty: boolean }>();
  for (let k = first; k < last; k++) {
    const slot = slots[k]!;
    if (slot < 0 || !matches(slot)) continue;
    const inv = index.live.items[k]!;
    const entry = perJob.get(inv.jobId!) ?? { slot, subtotal: 0, warranty: false };
    entry.subtotal += inv.subtotalCents;
    entry.warranty ||= inv.warranty === true;
    perJob.set(inv.jobId!, entry);
  }
  const ids: string[] = [];
  const excluded: string[] = [];
  let total = 0;
  for (const [jobId, { slot, subtotal, warranty }] of perJob) {
    if (subtotal === 0 && (warranty || c.rows[slot]!.callbackOf !== null || c.type[slot] === CALLBACK)) excluded.push(jobId);
    else {
      ids.push(jobId);
      total += subtotal;
    }
  }
  return { ...kpiNumber(ids.length ? Math.round(total / ids.length) : null, 'cents', ids, FORMULAS.revenuePerCall), totalCents: total, excludedIds: excluded };
}

/** Owed vs paid for the invoices issued in the range, index `[first, last)` (as receivables.ts `owedVsPaid`). */
function owedVsPaidOf(index: BillingIndex, first: number, last: number, asOf: number): OwedVsPaid {
  let issuedCents = 0;
  let paidCents = 0;
  for (let k = first; k < last; k++) {
    const total = index.totals[k]!;
    issuedCents += total;
    let paid = index.paidAll[k]!;
    // Payments after `asOf` (rare: now is usually after them all) are left out one by one.
    if (index.lastPaidMs[k]! > asOf) {
      paid = 0;
      for (const p of index.paidByInvoice.get(index.liveIds[k]!) ?? []) if (p.ms <= asOf) paid += p.cents;
    }
    // An overpayment is the customer's credit, not income on this invoice.
    paidCents += Math.min(total, paid);
  }
  return { issuedCents, paidCents, outstandingCents: issuedCents - paidCents, invoiceIds: index.liveIds.slice(first, last), formula: FORMULAS.owedVsPaid };
}

/** Technician revenue credit of the invoices issued in the range (as money-kpis.ts `technicianRevenueCredit`), reading on-site time only of jobs whose time names technicians. */
function revenueCreditOf(c: RowColumns, index: BillingIndex, slots: readonly number[], first: number, last: number, filter: KpiFilter): RevenueCredit {
  const issued = index.live.items.slice(first, last);
  const onSite: OnSiteInterval[] = [];
  const seen = new Set<string>();
  const credited: InvoiceFacts[] = [];
  let unallocatedCents = 0;
  const unallocatedInvoiceIds: string[] = [];
  const byTechnician = new Map<string, { cents: number; invoiceIds: string[] }>();
  for (let k = first; k < last; k++) {
    const slot = slots[k]!;
    const inv = index.live.items[k]!;
    if (slot >= 0 && c.techTime[slot]) {
      if (!seen.has(inv.jobId!)) onSite.push(...c.rows[slot]!.onSite);
      seen.add(inv.jobId!);
      credited.push(inv);
    }
  }
  const split = credited.length ? technicianRevenueCredit(credited, onSite, filter) : null;
  // Merged back in issue order: invoices without technician time are credited to nobody.
  const creditedIds = new Set(credited.map((i) => i.id));
  const nobody = new Set(split?.unallocatedInvoiceIds);
  for (const inv of issued) {
    if (creditedIds.has(inv.id) && !nobody.has(inv.id)) continue;
    unallocatedCents += inv.subtotalCents;
    unallocatedInvoiceIds.push(inv.id);
  }
  for (const [tech, entry] of split?.byTechnician ?? []) byTechnician.set(tech, entry);
  return { byTechnician, unallocatedCents, unallocatedInvoiceIds };
}

/**
 * Which jobs' money profit counts under an office filter: a line counts when its job is one of
 * the office's (an invoice's job, the job a part or an hour of labour was used on, a job
 * expense's job); a line of no job (a business expense, an invoice without a job) counts only
 * company-wide. Null: every line counts. Technician and job type filters do not apply to profit.
 */
function profitJobs(c: RowColumns | null, filter: KpiFilter): ((jobId: string | null) => boolean) | null {
  if (!filter.officeId || !c) return null;
  const office = c.officeCode(filter.officeId);
  return (jobId) => {
    const slot = jobId ? c.slotOf(jobId) : undefined;
    return office >= 0 && slot !== undefined && c.office[slot] === office;
  };
}

/** What the dashboard says about the filters profit honours (tooltip and note). */
export function profitScope(filter: Omit<KpiFilter, 'range'>): string {
  return filter.officeId
    ? 'Profit follows the office filter: the invoices, parts, labour and job expenses of this office’s jobs (business expenses with no job are left out). The technician and job type filters do not apply to profit.'
    : 'Profit is company-wide here; it follows the office filter (by each job’s office), not the technician or job type filters.';
}

/** Gross profit for each local month the range touches (as money-kpis.ts `monthlyProfit` over those months), of the office's jobs under an office filter. */
function profitOf(c: RowColumns | null, index: MoneyIndex, expenses: readonly ExpenseFacts[], filter: KpiFilter, timeZone: string): MonthProfit[] {
  const months = periodKeys(filter.range, 'month', timeZone);
  if (!months.length) return [];
  const counts = profitJobs(c, filter);
  const starts = Float64Array.from(months, (m) => zonedInstant(`${m}-01`, 0, timeZone));
  const end = Date.parse(monthRange(months.at(-1)!, timeZone).end);
  const sums = months.map(() => [0, 0, 0, 0] as [number, number, number, number]);
  const add = <T extends { jobId: string | null }>(line: Timeline<T>, slot: 0 | 1 | 2, cents: (t: T) => number) => {
    const [first, last] = within(line, starts[0]!, end);
    for (let k = first; k < last; k++) {
      const item = line.items[k]!;
      if (!counts || counts(item.jobId)) sums[lowerBound(starts, line.ms[k]! + 1) - 1]![slot] += cents(item);
    }
  };
  add(index.billing.live, 0, (i) => i.subtotalCents);
  add(index.parts, 1, (p) => p.costCents);
  add(index.labour, 2, (l) => l.costCents);
  const monthSlot = new Map(months.map((m, i) => [m, i]));
  for (const e of expenses) {
    const i = monthSlot.get(e.month);
    if (i !== undefined && (!counts || counts(e.jobId))) sums[i]![3] += e.amountCents;
  }
  return months.map((month, i) => {
    const [revenue, parts, labour, other] = sums[i]!;
    const profit = revenue - parts - labour - other;
    return { month, revenueCents: revenue, partsCents: parts, labourCents: labour, expensesCents: other, profitCents: profit, marginPercent: percent(profit, revenue) };
  });
}

/** Gross profit of one local month `YYYY-MM` from the index (what money-kpis.ts `monthlyProfit` gives for it); null when `month` is not one. */
export function monthProfit(inputs: MoneyInputs, month: string, timeZone: string): MonthProfit | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  return profitOf(null, moneyIndex(inputs), inputs.expenses, { range: monthRange(month, timeZone) }, timeZone)[0] ?? null;
}

/** Every money number of the dashboard for one filter; `asOf` is now (what has been paid by now). */
export function computeMoney(c: RowColumns, inputs: MoneyInputs, filter: KpiFilter, timeZone: string, asOf: string): MoneyDashboard {
  const from = Date.parse(filter.range.start);
  const to = Date.parse(filter.range.end);
  const index = moneyIndex(inputs);
  const billing = index.billing;
  const slots = billing.slotsIn(c);
  const [first, last] = within(billing.live, from, to);
  return {
    invoiceLag: invoiceLagOf(c, billing, slots, filter, from, to),
    revenuePerCall: revenuePerCallOf(c, billing, slots, first, last, filter),
    revenueCredit: revenueCreditOf(c, billing, slots, first, last, filter),
    owedVsPaid: owedVsPaidOf(billing, first, last, Date.parse(asOf)),
    profit: profitOf(c, index, inputs.expenses, filter, timeZone),
    profitScope: profitScope(filter),
    unpricedTechnicians: inputs.unpricedTechnicians
  };
}
