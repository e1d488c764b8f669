import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE } from '../../../../tests/clock';
import { Random } from '../../demo/prng';
import { invoiceOf, randomSummaryRows } from './fixtures';
import type { JobSummary } from './job-summary';
import { computeMoney, monthProfit, type MoneyInputs } from './money-dashboard';
import { invoiceLag, monthlyProfit, revenuePerCall, technicianRevenueCredit } from './money-kpis';
import { lastDays, periodKeys } from './periods';
import { owedVsPaid } from './receivables';
import { RowColumns } from './row-columns';
import type { KpiFilter } from './types';

/** Seeded invoices (some voided, warranty, zero-priced, two per job), payments and costs for the completed rows. */
function randomMoney(seed: number, rows: readonly JobSummary[]): MoneyInputs {
  const r = new Random(seed);
  const iso = (t: number) => new Date(t).toISOString();
  const inputs = { invoices: [], payments: [], parts: [], labour: [], expenses: [], unpricedTechnicians: ['t9'] } as { [K in keyof MoneyInputs]: MoneyInputs[K] extends readonly (infer T)[] ? T[] : never };
  for (const row of rows) {
    if (!row.completedAt || r.chance(0.2)) continue;
    const done = Date.parse(row.completedAt);
    for (let k = 0; k < (r.chance(0.1) ? 2 : 1); k++) {
      const subtotal = r.chance(0.1) ? 0 : r.int(50, 900) * 100;
      const id = `inv-${row.id}-${k}`;
      inputs.invoices.push(invoiceOf(id, row.id, iso(done + r.int(0, 40 * 24) * 3600_000), subtotal, { totalCents: Math.round(subtotal * 1.08), warranty: r.chance(0.1), voided: r.chance(0.05), customerId: `c${r.int(1, 9)}` }));
      if (r.chance(0.6)) inputs.payments.push({ id: `pay-${id}`, customerId: 'c1', invoiceId: id, at: iso(done + r.int(1, 60) * 86_400_000), amountCents: r.int(0, subtotal) });
    }
    inputs.parts.push({ jobId: row.id, at: row.completedAt, costCents: r.int(0, 20_000) });
    inputs.labour.push({ jobId: row.id, technicianId: row.technicianIds[0]!, at: row.completedAt, costCents: r.int(1000, 9000) });
  }
  inputs.expenses.push({ id: 'rent', month: '2026-05', jobId: null, category: 'rent', amountCents: 250_000 });
  for (const row of rows.slice(0, 40)) inputs.expenses.push({ id: `sub-${row.id}`, month: (row.completedAt ?? row.createdAt).slice(0, 7), jobId: row.id, category: 'subcontractor', amountCents: r.int(1000, 50_000) });
  return inputs;
}

describe('money dashboard', () => {
  it.each(TEST_CLOCK_NAMES)('gives exactly what each money KPI function gives over every job, profit over the office’s jobs under an office filter (clock %s)', (name) => {
    const now = TEST_CLOCKS[name].getTime();
    const asOf = new Date(now).toISOString();
    for (const seed of [5, 19]) {
      const rows = randomSummaryRows(seed, 1200, now);
      const generated = randomMoney(seed, rows);
      // In issue order, ties by id: the order the dashboard lists invoices in; the reference functions keep their input's order.
      const money = { ...generated, invoices: [...generated.invoices].sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || (a.id < b.id ? -1 : 1)) };
      const companyWide = monthlyProfit(money, TEST_TIME_ZONE);
      const filters: KpiFilter[] = [{ range: lastDays(14, now, TEST_TIME_ZONE) }, { range: lastDays(120, now, TEST_TIME_ZONE), officeId: 'o2' }, { range: lastDays(366, now, TEST_TIME_ZONE), technicianId: 't3', jobType: 'repair' }];
      for (const filter of filters) {
        const m = computeMoney(RowColumns.of(rows), money, filter, TEST_TIME_ZONE, asOf);
        const context = `seed ${seed}, ${JSON.stringify(filter)}`;
        expect(m.invoiceLag, context).toEqual(invoiceLag(rows, money.invoices, filter));
        expect(m.revenuePerCall, context).toEqual(revenuePerCall(rows, money.invoices, filter));
        expect(m.revenueCredit, context).toEqual(technicianRevenueCredit(money.invoices, rows.flatMap((x) => x.onSite), filter));
        expect(m.owedVsPaid, context).toEqual(owedVsPaid(money, filter.range, asOf));
        // Profit follows the office filter only: the reference is every line of the office's jobs (no job: left out).
        const office = new Map(rows.map((row) => [row.id, row.officeId]));
        const ofOffice = (line: { jobId: string | null }) => !filter.officeId || (line.jobId !== null && office.get(line.jobId) === filter.officeId);
        const all = filter.officeId ? monthlyProfit({ invoices: money.invoices.filter(ofOffice), parts: money.parts.filter(ofOffice), labour: money.labour.filter(ofOffice), expenses: money.expenses.filter(ofOffice) }, TEST_TIME_ZONE) : companyWide;
        expect(m.profit.map((p) => p.month), context).toEqual(periodKeys(filter.range, 'month', TEST_TIME_ZONE));
        for (const p of m.profit) {
          const { month, ...line } = p;
          if (all.has(month)) expect(line, `${context} ${month}`).toEqual(all.get(month));
        }
        for (const month of m.profit.map((p) => p.month)) {
          const { month: _month, ...line } = monthProfit(money, month, TEST_TIME_ZONE)!;
          expect(line, `${context} monthProfit ${month}`).toEqual(companyWide.get(month) ?? { revenueCents: 0, partsCents: 0, labourCents: 0, expensesCents: 0, profitCents: 0, marginPercent: null });
        }
        if (filter.officeId) expect(m.profit.some((p) => p.revenueCents > 0 && p.revenueCents < (companyWide.get(p.month)?.revenueCents ?? 0)), context).toBe(true);
        expect(m.invoiceLag.mean.count + m.revenuePerCall.count, context).toBeGreaterThan(0);
        expect(m.unpricedTechnicians).toEqual(['t9']);
        if (!filter.officeId) expect(m.revenueCredit.byTechnician.size, context).toBeGreaterThan(0);
      }
    }
  });
});
