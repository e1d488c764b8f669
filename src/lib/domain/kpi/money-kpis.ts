/**
 * KPIs over invoices, time and costs: invoice lag, revenue per call, technician revenue credit,
 * gross profit. Money is integer cents throughout; splits use the largest remainder so the
 * parts always add up to the whole. Formulas: ../shared/KPI.md.
 */
import { FORMULAS } from './formulas';
import { periodKey } from './periods';
import { DAY_MS, inRange, kpiNumber, matchesJob, mean, minutesBetween, percent, type ExpenseFacts, type InvoiceFacts, type JobFacts, type KpiFilter, type KpiNumber, type LabourCostFacts, type OnSiteInterval, type PartCostFacts } from './types';

/** Live (not voided) invoices. */
function live(invoices: readonly InvoiceFacts[]): InvoiceFacts[] {
  return invoices.filter((i) => !i.voided);
}

export const LAG_BUCKETS = ['0–5', '6–15', '16–30', '>30'] as const;
export type LagBucket = (typeof LAG_BUCKETS)[number];

/** The bucket of a lag in days (whole days elapsed: 5.9 days is still in 0–5). */
export function lagBucket(days: number): LagBucket {
  const whole = Math.floor(days);
  return whole <= 5 ? '0–5' : whole <= 15 ? '6–15' : whole <= 30 ? '16–30' : '>30';
}

export interface InvoiceLag {
  /** Mean days from completion to the job's first invoice, over jobs first invoiced in the range. */
  mean: KpiNumber;
  buckets: Record<LagBucket, string[]>;
  /** Jobs completed in the range with no live invoice yet. */
  notInvoiced: KpiNumber;
}

export function invoiceLag(jobs: readonly JobFacts[], invoices: readonly InvoiceFacts[], filter: KpiFilter): InvoiceLag {
  const firstInvoice = new Map<string, InvoiceFacts>();
  for (const inv of live(invoices)) {
    if (!inv.jobId) continue;
    const seen = firstInvoice.get(inv.jobId);
    if (!seen || Date.parse(inv.issuedAt) < Date.parse(seen.issuedAt)) firstInvoice.set(inv.jobId, inv);
  }
  const ids: string[] = [];
  const lags: number[] = [];
  const buckets: Record<LagBucket, string[]> = { '0–5': [], '6–15': [], '16–30': [], '>30': [] };
  const notInvoiced: string[] = [];
  for (const job of jobs) {
    if (!job.completedAt || !matchesJob(job, filter)) continue;
    const inv = firstInvoice.get(job.id);
    if (!inv) {
      if (inRange(job.completedAt, filter.range)) notInvoiced.push(job.id);
      continue;
    }
    if (!inRange(inv.issuedAt, filter.range)) continue;
    const days = Math.max(0, (Date.parse(inv.issuedAt) - Date.parse(job.completedAt)) / DAY_MS);
    ids.push(job.id);
    lags.push(days);
    buckets[lagBucket(days)].push(job.id);
  }
  return { mean: kpiNumber(mean(lags), 'days', ids, FORMULAS.invoiceLag), buckets, notInvoiced: kpiNumber(notInvoiced.length, 'count', notInvoiced, FORMULAS.notInvoiced) };
}

/**
 * Revenue per call: invoiced subtotals (after discounts, before tax) of invoices issued in the
 * range ÷ jobs invoiced, where a warranty or callback job billed at zero in all is not a call.
 * `ids` are the jobs counted; `excludedIds` the zero-billed warranty/callback ones.
 */
export function revenuePerCall(jobs: readonly JobFacts[], invoices: readonly InvoiceFacts[], filter: KpiFilter): KpiNumber & { totalCents: number; excludedIds: string[] } {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const perJob = new Map<string, { subtotal: number; warranty: boolean }>();
  for (const inv of live(invoices)) {
    if (!inv.jobId || !inRange(inv.issuedAt, filter.range)) continue;
    const job = byId.get(inv.jobId);
    if (!job || !matchesJob(job, filter)) continue;
    const entry = perJob.get(inv.jobId) ?? { subtotal: 0, warranty: false };
    entry.subtotal += inv.subtotalCents;
    entry.warranty ||= inv.warranty === true;
    perJob.set(inv.jobId, entry);
  }
  const ids: string[] = [];
  const excluded: string[] = [];
  let total = 0;
  for (const [jobId, { subtotal, warranty }] of perJob) {
    const job = byId.get(jobId)!;
    const callback = job.callbackOf !== null || job.type === 'callback';
    if (subtotal === 0 && (warranty || callback)) {
      excluded.push(jobId);
      continue;
    }
    ids.push(jobId);
    total += subtotal;
  }
  return { ...kpiNumber(ids.length ? Math.round(total / ids.length) : null, 'cents', ids, FORMULAS.revenuePerCall), totalCents: total, excludedIds: excluded };
}

/** Splits `cents` by `weights` (largest remainder): integer parts that add up to `cents`. */
export function splitCents(cents: number, weights: ReadonlyMap<string, number>): Map<string, number> {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  if (total <= 0) return out;
  const shares = [...weights].map(([id, w]) => ({ id, exact: (cents * w) / total }));
  let given = 0;
  for (const s of shares) {
    out.set(s.id, Math.floor(s.exact));
    given += Math.floor(s.exact);
  }
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.id.localeCompare(b.id));
  for (let i = 0; i < cents - given; i++) {
    const s = byRemainder[i % byRemainder.length]!;
    out.set(s.id, out.get(s.id)! + 1);
  }
  return out;
}

export interface RevenueCredit {
  /** Cents credited per technician (the sum of all never exceeds the invoiced subtotal). */
  byTechnician: Map<string, { cents: number; invoiceIds: string[] }>;
  /** Subtotal of invoices whose job has no on-site time by a known technician: credited to nobody. */
  unallocatedCents: number;
  unallocatedInvoiceIds: string[];
}

/** Technician revenue credit: each invoice's subtotal split by the technicians' on-site minutes on its job. */
export function technicianRevenueCredit(invoices: readonly InvoiceFacts[], onSite: readonly OnSiteInterval[], filter: KpiFilter): RevenueCredit {
  const minutesByJob = new Map<string, Map<string, number>>();
  for (const i of onSite) {
    if (!i.technicianId) continue;
    const m = minutesByJob.get(i.jobId) ?? new Map<string, number>();
    m.set(i.technicianId, (m.get(i.technicianId) ?? 0) + Math.max(0, minutesBetween(i.start, i.end)));
    minutesByJob.set(i.jobId, m);
  }
  const byTechnician = new Map<string, { cents: number; invoiceIds: string[] }>();
  let unallocatedCents = 0;
  const unallocatedInvoiceIds: string[] = [];
  for (const inv of live(invoices)) {
    if (!inRange(inv.issuedAt, filter.range)) continue;
    const split = splitCents(inv.subtotalCents, inv.jobId ? (minutesByJob.get(inv.jobId) ?? new Map()) : new Map());
    if (split.size === 0) {
      unallocatedCents += inv.subtotalCents;
      unallocatedInvoiceIds.push(inv.id);
      continue;
    }
    for (const [tech, cents] of split) {
      if (filter.technicianId && tech !== filter.technicianId) continue;
      const entry = byTechnician.get(tech) ?? { cents: 0, invoiceIds: [] };
      entry.cents += cents;
      entry.invoiceIds.push(inv.id);
      byTechnician.set(tech, entry);
    }
  }
  return { byTechnician, unallocatedCents, unallocatedInvoiceIds };
}

export interface ProfitLine {
  revenueCents: number;
  partsCents: number;
  labourCents: number;
  expensesCents: number;
  profitCents: number;
  /** profit ÷ revenue × 100; null without revenue. */
  marginPercent: number | null;
}

function line(revenue: number, parts: number, labour: number, expenses: number): ProfitLine {
  const profit = revenue - parts - labour - expenses;
  return { revenueCents: revenue, partsCents: parts, labourCents: labour, expensesCents: expenses, profitCents: profit, marginPercent: percent(profit, revenue) };
}

export interface CostInputs {
  invoices: readonly InvoiceFacts[];
  parts: readonly PartCostFacts[];
  labour: readonly LabourCostFacts[];
  expenses: readonly ExpenseFacts[];
}

/** Gross profit of one job: its invoiced subtotals − its parts − its labour − expenses entered on it. */
export function jobProfit(jobId: string, costs: CostInputs): ProfitLine {
  const sum = <T>(list: readonly T[], pick: (t: T) => number) => list.reduce((n, t) => n + pick(t), 0);
  return line(
    sum(live(costs.invoices).filter((i) => i.jobId === jobId), (i) => i.subtotalCents),
    sum(costs.parts.filter((p) => p.jobId === jobId), (p) => p.costCents),
    sum(costs.labour.filter((l) => l.jobId === jobId), (l) => l.costCents),
    sum(costs.expenses.filter((e) => e.jobId === jobId), (e) => e.amountCents)
  );
}

/**
 * Gross profit per local month: revenue of invoices issued that month − parts used − labour
 * worked − expenses of that month (job and business expenses alike). Months with any figure appear.
 */
export function monthlyProfit(costs: CostInputs, timeZone: string): Map<string, ProfitLine> {
  const months = new Map<string, [number, number, number, number]>();
  const add = (month: string, slot: 0 | 1 | 2 | 3, cents: number) => {
    const row = months.get(month) ?? [0, 0, 0, 0];
    row[slot] += cents;
    months.set(month, row);
  };
  for (const i of live(costs.invoices)) add(periodKey(i.issuedAt, 'month', timeZone), 0, i.subtotalCents);
  for (const p of costs.parts) add(periodKey(p.at, 'month', timeZone), 1, p.costCents);
  for (const l of costs.labour) add(periodKey(l.at, 'month', timeZone), 2, l.costCents);
  for (const e of costs.expenses) add(e.month, 3, e.amountCents);
  return new Map([...months].sort(([a], [b]) => a.localeCompare(b)).map(([m, r]) => [m, line(...r)]));
}
