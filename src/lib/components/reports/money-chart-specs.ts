/**
 * The money charts (invoice lag buckets, revenue and profit per month, revenue credit per
 * technician, receivables aging) as Chart.js specs from computed numbers. Pure: the chart
 * attachment turns them into charts; amounts are shown in dollars, computed in cents.
 */
import type { MoneyDashboard } from '$lib/domain/kpi/money-dashboard';
import { FORMULAS } from '$lib/domain/kpi/formulas';
import { LAG_BUCKETS } from '$lib/domain/kpi/money-kpis';
import { AGING_BUCKETS, BUCKET_LABEL, type AgingReport } from '$lib/domain/receivables/aging';
import type { ChartSpec } from '../charts/chart.svelte';
import { formatCents } from '../ui/format';
import type { Drill } from './chart-specs';

export const MONEY_COLORS = { revenue: '#2563eb', parts: '#f59e0b', labour: '#a855f7', expenses: '#64748b', profit: '#16a34a', lag: '#0ea5e9', late: '#dc2626', credit: '#0d9488' } as const;

const dollars = (cents: number) => Math.round(cents) / 100;

export function lagSpec(m: MoneyDashboard, drill: (d: Drill) => void): ChartSpec {
  const lag = m.invoiceLag;
  const groups = [...LAG_BUCKETS.map((b) => ({ label: `${b} days`, ids: lag.buckets[b] })), { label: 'Not invoiced yet', ids: lag.notInvoiced.ids }];
  return {
    type: 'bar',
    labels: groups.map((g) => g.label),
    datasets: [{ label: 'Jobs', data: groups.map((g) => g.ids.length), color: [...LAG_BUCKETS.map(() => MONEY_COLORS.lag), MONEY_COLORS.late] }],
    footer: () => [FORMULAS.invoiceLag, `Based on ${lag.mean.count} invoiced jobs; ${lag.notInvoiced.count} completed not invoiced.`],
    onPick: (_, i) => drill({ title: `Invoice lag: ${groups[i]!.label}`, ids: groups[i]!.ids })
  };
}

export function profitSpec(m: MoneyDashboard): ChartSpec {
  return {
    type: 'bar',
    labels: m.profit.map((p) => p.month),
    datasets: [
      { label: 'Revenue', data: m.profit.map((p) => dollars(p.revenueCents)), color: MONEY_COLORS.revenue },
      { label: 'Parts', data: m.profit.map((p) => dollars(p.partsCents)), color: MONEY_COLORS.parts },
      { label: 'Labour', data: m.profit.map((p) => dollars(p.labourCents)), color: MONEY_COLORS.labour },
      { label: 'Expenses', data: m.profit.map((p) => dollars(p.expensesCents)), color: MONEY_COLORS.expenses },
      { label: 'Gross profit', data: m.profit.map((p) => dollars(p.profitCents)), color: MONEY_COLORS.profit }
    ],
    footer: (_, i) => {
      const p = m.profit[i];
      const margin = p?.marginPercent === null || !p ? 'no revenue' : `margin ${Math.round(p.marginPercent)} %`;
      const incomplete = m.unpricedTechnicians.length ? [`Labour incomplete: ${m.unpricedTechnicians.length} technician(s) without a pay rate.`] : [];
      return [FORMULAS.grossProfit, p ? `Profit ${formatCents(p.profitCents)}, ${margin}.` : '', m.profitScope, ...incomplete];
    }
  };
}

export function creditSpec(m: MoneyDashboard, names: ReadonlyMap<string, string>, drill: (d: Drill) => void): ChartSpec {
  const techs = [...m.revenueCredit.byTechnician].sort((a, b) => b[1].cents - a[1].cents);
  return {
    type: 'bar',
    labels: techs.map(([id]) => names.get(id) ?? id),
    datasets: [{ label: 'Revenue credit', data: techs.map(([, c]) => dollars(c.cents)), color: MONEY_COLORS.credit }],
    footer: (_, i) => [FORMULAS.revenueCredit, `Based on ${techs[i]?.[1].invoiceIds.length ?? 0} invoices.`, ...(m.revenueCredit.unallocatedCents ? [`${formatCents(m.revenueCredit.unallocatedCents)} on jobs with no technician time: credited to nobody.`] : [])],
    onPick: (_, i) => drill({ title: `Invoices credited to ${names.get(techs[i]![0]) ?? techs[i]![0]}`, ids: techs[i]![1].invoiceIds, kind: 'invoices' })
  };
}

/** Receivables aging today (every issued invoice, whatever the period). */
export function agingSpec(aging: AgingReport): ChartSpec {
  return {
    type: 'bar',
    labels: AGING_BUCKETS.map((b) => BUCKET_LABEL[b]),
    datasets: [{ label: 'Owed', data: AGING_BUCKETS.map((b) => dollars(aging.totals.buckets[b])), color: MONEY_COLORS.revenue }],
    footer: () => [FORMULAS.receivables, `Net of credit: ${formatCents(aging.totals.netCents)} across ${aging.rows.length} customers.`]
  };
}
