/**
 * The dashboard's and the wall's charts as Chart.js specs built from the computed numbers
 * (domain/kpi/dashboard.ts). Pure: the chart attachment turns them into charts.
 */
import type { Dashboard } from '$lib/domain/kpi/dashboard';
import { FORMULAS } from '$lib/domain/kpi/formulas';
import type { KpiNumber } from '$lib/domain/kpi/types';
import type { Utilisation } from '$lib/domain/kpi/utilisation';
import { formatDuration } from '$lib/domain/jobs/sla';
import { STATUS_LABELS, type JobStatus } from '$lib/domain/jobs/status';
import type { Table } from '$lib/domain/receivables/exports';
import type { ChartSpec } from '../charts/chart.svelte';
import { formatCents } from '../ui/format';

export const COLORS = { created: '#2563eb', completed: '#16a34a', met: '#16a34a', missed: '#dc2626', open: '#7c3aed' } as const;

/** A drill-down: a title and the job (or invoice) ids behind a number. */
export interface Drill {
  title: string;
  ids: string[];
  /** What the ids are; jobs when absent. */
  kind?: 'jobs' | 'invoices';
}

/** "83 %", "2h 05m", "12", or "no data". */
export function formatKpi(n: Pick<KpiNumber, 'value' | 'unit'>): string {
  if (n.value === null) return 'no data';
  switch (n.unit) {
    case 'percent':
      return `${Math.round(n.value)} %`;
    case 'minutes':
      return formatDuration(n.value * 60_000);
    case 'days':
      return `${n.value.toFixed(1)} d`;
    case 'cents':
      return formatCents(Math.round(n.value));
    default:
      return String(Math.round(n.value));
  }
}

/** Tooltip text of a number: its formula and the count behind it. */
export function kpiTooltip(n: KpiNumber, counted = 'jobs'): string {
  return `${n.formula}. Based on ${n.count} ${counted}.`;
}

export function openByStatusSpec(d: Dashboard, drill: (drill: Drill) => void): ChartSpec {
  const statuses = [...d.open.keys()];
  const numbers = statuses.map((s) => d.open.get(s)!);
  return {
    type: 'bar',
    labels: statuses.map((s: JobStatus) => STATUS_LABELS[s]),
    datasets: [{ label: 'Open jobs', data: numbers.map((n) => n.value ?? 0), color: COLORS.open }],
    footer: () => [FORMULAS.openByStatus],
    onPick: (_, i) => drill({ title: `Open jobs: ${STATUS_LABELS[statuses[i]!]}`, ids: numbers[i]!.ids })
  };
}

const PERIOD_WORD = { day: 'on', week: 'in the week of', month: 'in' } as const;

/** Created vs completed per period (day, week or month: the dashboard's choice for its range). */
export function perDaySpec(d: Dashboard, drill: (drill: Drill) => void): ChartSpec {
  const granularity = d.granularity;
  const word = PERIOD_WORD[granularity];
  return {
    type: 'bar',
    labels: d.perDay.map((b) => (granularity === 'month' ? b.key : b.key.slice(5))),
    datasets: [
      { label: 'Created', data: d.perDay.map((b) => b.created.length), color: COLORS.created },
      { label: 'Completed', data: d.perDay.map((b) => b.completed.length), color: COLORS.completed }
    ],
    footer: () => [FORMULAS.createdVsCompleted],
    onPick: (dataset, i) => {
      const b = d.perDay[i]!;
      drill(dataset === 0 ? { title: `Created ${word} ${b.key}`, ids: b.created } : { title: `Completed ${word} ${b.key}`, ids: b.completed });
    }
  };
}

/** A doughnut of the jobs behind a number that met it (`yes`) and the rest of `all`; each slice drills down. */
function metDoughnut(label: string, slices: [string, string], all: readonly string[], yes: readonly string[], footer: string[], drill: (drill: Drill) => void): ChartSpec {
  const met = new Set(yes);
  const rest = all.filter((id) => !met.has(id));
  return {
    type: 'doughnut',
    labels: slices,
    datasets: [{ label, data: [met.size, rest.length], color: [COLORS.met, COLORS.missed] }],
    footer: () => footer,
    onPick: (_, i) => drill({ title: slices[i === 0 ? 0 : 1], ids: i === 0 ? [...yes] : rest })
  };
}

export function slaSpec(d: Dashboard, drill: (drill: Drill) => void): ChartSpec {
  const sla = d.response.withinSla;
  return metDoughnut('Jobs with an SLA', ['On site within SLA', 'SLA missed'], sla.ids, sla.metIds, [FORMULAS.withinSla, `Based on ${sla.count} jobs with an SLA due.`], drill);
}

/** First-time fix: resolved jobs fixed on the first visit vs not (moves as jobs complete). */
export function firstTimeFixSpec(d: Dashboard, drill: (drill: Drill) => void): ChartSpec {
  const ftf = d.firstTimeFix;
  return metDoughnut('Resolved jobs', ['Fixed on the first visit', 'Not fixed on the first visit'], ftf.ids, ftf.firstTimeIds, [FORMULAS.firstTimeFix, `Based on ${ftf.count} resolved jobs.`], drill);
}

/** Utilisation per technician (%), drilling down to nothing (its count is technicians, not jobs). */
export function utilisationSpec(u: Utilisation, names: ReadonlyMap<string, string>): ChartSpec {
  const techs = [...u.byTechnician].sort((a, b) => (b[1].value ?? -1) - (a[1].value ?? -1));
  return {
    type: 'bar',
    labels: techs.map(([id]) => names.get(id) ?? id),
    datasets: [{ label: 'Utilisation %', data: techs.map(([, n]) => Math.round((n.value ?? 0) * 10) / 10), color: COLORS.open }],
    footer: (_, i) => {
      const n = techs[i]?.[1];
      return [FORMULAS.utilisation, n ? `${Math.round(n.billableMinutes / 6) / 10} h billable of ${Math.round(n.availableMinutes / 6) / 10} h available.` : ''];
    }
  };
}

/** A chart's numbers as a table (CSV export): one row per label, one column per series. */
export function chartTable(spec: Pick<ChartSpec, 'labels' | 'datasets'>, labelHeading = 'Period'): Table {
  return { fields: [labelHeading, ...spec.datasets.map((d) => d.label)], data: spec.labels.map((label, i) => [label, ...spec.datasets.map((d) => String(d.data[i] ?? 0))]) };
}
