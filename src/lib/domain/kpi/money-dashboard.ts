/**
 * The dashboard's money numbers: invoice lag with its buckets, revenue per call, technician
 * revenue credit, money owed vs paid, and gross profit per month. Jobs come from the
 * projection's columns (a job is looked up by slot, never by scanning row objects); invoices,
 * payments and costs are the finance and cost facts the caller maps from its docs. Each number
 * equals what the one-KPI function of money-kpis.ts / receivables.ts gives over all jobs
 * (tested on seeded data in money-dashboard.test.ts).
 */
import { FORMULAS } from './formulas';
import { lagBucket, monthlyProfit, technicianRevenueCredit, type InvoiceLag, type LagBucket, type ProfitLine, type RevenueCredit } from './money-kpis';
import { monthRange, periodKeys } from './periods';
import { owedVsPaid, type OwedVsPaid } from './receivables';
import { slotMatcher, type RowColumns } from './row-columns';
import { DAY_MS, kpiNumber, type ExpenseFacts, type InvoiceFacts, type KpiFilter, type KpiNumber, type LabourCostFacts, type OnSiteInterval, type PartCostFacts, type PaymentFacts } from './types';

export interface MoneyInputs {
  invoices: readonly InvoiceFacts[];
  payments: readonly PaymentFacts[];
  parts: readonly PartCostFacts[];
  labour: readonly LabourCostFacts[];
  expenses: readonly ExpenseFacts[];
  /** Technicians with finished time but no pay rate on its day: labour cost is incomplete for them. */
  unpricedTechnicians: readonly string[];
}

export const NO_MONEY: MoneyInputs = { invoices: [], payments: [], parts: [], labour: [], expenses: [], unpricedTechnicians: [] };

export interface MonthProfit extends ProfitLine {
  month: string;
}

export interface MoneyDashboard {
  invoiceLag: InvoiceLag;
  revenuePerCall: KpiNumber & { totalCents: number; excludedIds: string[] };
  revenueCredit: RevenueCredit;
  owedVsPaid: OwedVsPaid;
  /** The local months the range touches, oldest first, every month present. */
  profit: MonthProfit[];
  unpricedTechnicians: readonly string[];
}

/** Invoice lag over the columns (as money-kpis.ts `invoiceLag`). */
function invoiceLagOf(c: RowColumns, invoices: readonly InvoiceFacts[], filter: KpiFilter, from: number, to: number): InvoiceLag {
  const first = new Map<string, number>();
  for (const inv of invoices) {
    if (inv.voided || !inv.jobId) continue;
    const t = Date.parse(inv.issuedAt);
    const seen = first.get(inv.jobId);
    if (seen === undefined || t < seen) first.set(inv.jobId, t);
  }
  const matches = slotMatcher(c, filter);
  const ids: string[] = [];
  let sum = 0;
  const buckets: Record<LagBucket, string[]> = { '0–5': [], '6–15': [], '16–30': [], '>30': [] };
  const notInvoiced: string[] = [];
  for (let i = 0; i < c.length; i++) {
    const done = c.completed[i]!;
    if (Number.isNaN(done) || !matches(i)) continue;
    const id = c.ids[i]!;
    const issued = first.get(id);
    if (issued === undefined) {
      if (done >= from && done < to) notInvoiced.push(id);
      continue;
    }
    if (!(issued >= from && issued < to)) continue;
    const days = Math.max(0, (issued - done) / DAY_MS);
    ids.push(id);
    sum += days;
    buckets[lagBucket(days)].push(id);
  }
  return { mean: kpiNumber(ids.length ? sum / ids.length : null, 'days', ids, FORMULAS.invoiceLag), buckets, notInvoiced: kpiNumber(notInvoiced.length, 'count', notInvoiced, FORMULAS.notInvoiced) };
}

/** Revenue per call over the invoices issued in the range (as money-kpis.ts `revenuePerCall`). */
function revenuePerCallOf(c: RowColumns, issued: readonly InvoiceFacts[], filter: KpiFilter): MoneyDashboard['revenuePerCall'] {
  const matches = slotMatcher(c, filter);
  const perJob = new Map<string, { slot: number; subtotal: number; warranty: boolean }>();
  for (const inv of issued) {
    const slot = inv.jobId ? c.slotOf(inv.jobId) : undefined;
    if (slot === undefined || !matches(slot)) continue;
    const entry = perJob.get(inv.jobId!) ?? { slot, subtotal: 0, warranty: false };
    entry.subtotal += inv.subtotalCents;
    entry.warranty ||= inv.warranty === true;
    perJob.set(inv.jobId!, entry);
  }
  const ids: string[] = [];
  const excluded: string[] = [];
  let total = 0;
  for (const [jobId, { slot, subtotal, warranty }] of perJob) {
    const row = c.rows[slot]!;
    if (subtotal === 0 && (warranty || row.callbackOf !== null || row.type === 'callback')) excluded.push(jobId);
    else {
      ids.push(jobId);
      total += subtotal;
    }
  }
  return { ...kpiNumber(ids.length ? Math.round(total / ids.length) : null, 'cents', ids, FORMULAS.revenuePerCall), totalCents: total, excludedIds: excluded };
}

/** Gross profit for each local month the range touches (as money-kpis.ts `monthlyProfit` over those months). */
function profitOf(inputs: MoneyInputs, filter: KpiFilter, timeZone: string): MonthProfit[] {
  const months = periodKeys(filter.range, 'month', timeZone);
  if (!months.length) return [];
  const start = Date.parse(monthRange(months[0]!, timeZone).start);
  const end = Date.parse(monthRange(months.at(-1)!, timeZone).end);
  const within = (at: string) => {
    const t = Date.parse(at);
    return t >= start && t < end;
  };
  const wanted = new Set(months);
  const lines = monthlyProfit(
    {
      invoices: inputs.invoices.filter((i) => within(i.issuedAt)),
      parts: inputs.parts.filter((p) => within(p.at)),
      labour: inputs.labour.filter((l) => within(l.at)),
      expenses: inputs.expenses.filter((e) => wanted.has(e.month))
    },
    timeZone
  );
  const zero: ProfitLine = { revenueCents: 0, partsCents: 0, labourCents: 0, expensesCents: 0, profitCents: 0, marginPercent: null };
  return months.map((month) => ({ month, ...(lines.get(month) ?? zero) }));
}

/** Every money number of the dashboard for one filter; `asOf` is now (what has been paid by now). */
export function computeMoney(c: RowColumns, inputs: MoneyInputs, filter: KpiFilter, timeZone: string, asOf: string): MoneyDashboard {
  const from = Date.parse(filter.range.start);
  const to = Date.parse(filter.range.end);
  const issued = inputs.invoices.filter((i) => {
    if (i.voided) return false;
    const t = Date.parse(i.issuedAt);
    return t >= from && t < to;
  });
  // Revenue credit needs on-site time only of the jobs invoiced in the range.
  const onSite: OnSiteInterval[] = [];
  const seen = new Set<string>();
  for (const inv of issued) {
    const slot = inv.jobId && !seen.has(inv.jobId) ? c.slotOf(inv.jobId) : undefined;
    if (slot === undefined) continue;
    seen.add(inv.jobId!);
    onSite.push(...c.rows[slot]!.onSite);
  }
  return {
    invoiceLag: invoiceLagOf(c, inputs.invoices, filter, from, to),
    revenuePerCall: revenuePerCallOf(c, issued, filter),
    revenueCredit: technicianRevenueCredit(issued, onSite, filter),
    owedVsPaid: owedVsPaid({ invoices: inputs.invoices, payments: inputs.payments }, filter.range, asOf),
    profit: profitOf(inputs, filter, timeZone),
    unpricedTechnicians: inputs.unpricedTechnicians
  };
}
