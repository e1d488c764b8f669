/**
 * Turning a period's pay into the run record, the board-room locks it implies, and its CSV
 * table (one row per technician and a totals row; the totals are the sums of the rows).
 */
import type { Table } from '../receivables/exports';
import { daysWindow } from '../time/zoned';
import type { TechnicianPay } from './pay-period';
import type { PayRun, PayRunTechnician } from './pay-run';
import type { PayPeriod } from './periods';

/** The run's per-technician records (the lines are derived again from the days when shown). */
export function runTechnicians(pays: readonly TechnicianPay[]): PayRunTechnician[] {
  return pays.map(({ periodLines: _p, adjustmentLines: _a, ...record }) => record);
}

export function runTotalCents(technicians: readonly Pick<PayRunTechnician, 'grossCents'>[]): number {
  return technicians.reduce((s, t) => s + t.grossCents, 0);
}

/** A lock of the board room: entries of `technicianId` starting in [from, to) are paid by `runId`. */
export interface LockSpan {
  technicianId: string;
  from: string;
  to: string;
  runId: string;
}

/** One lock per technician of the run over the whole period (local days → UTC instants). */
export function lockSpans(run: Pick<PayRun, 'id' | 'from' | 'to' | 'timeZone' | 'technicians'>): LockSpan[] {
  const window = daysWindow(run.from, run.to, run.timeZone);
  if (!window) return [];
  return run.technicians.map((t) => ({ technicianId: t.technicianId, from: window.start, to: window.end, runId: run.id }));
}

/** The lock (if any) covering an entry of `technicianId` starting at `start`. */
export function lockCovering<L extends Omit<LockSpan, 'runId'>>(locks: readonly L[], technicianId: string, start: string): L | null {
  const ms = Date.parse(start);
  return locks.find((l) => l.technicianId === technicianId && Date.parse(l.from) <= ms && ms < Date.parse(l.to)) ?? null;
}

/** The sentence shown when an edit touches a paid entry (the relay's detail says the same). */
export function paidEntryReason(period: Pick<PayPeriod, 'from' | 'to'> | null, runId: string): string {
  const which = period ? `${period.from} – ${period.to}` : runId;
  return `This time was paid in pay run ${which} — corrections go to the next run (add the missing time as a new entry).`;
}

const hours = (minutes: number) => (minutes / 60).toFixed(2);
const money = (cents: number) => (cents / 100).toFixed(2);

/** The run as a table: a row per technician, then a totals row. */
export function payRunTable(run: PayRun, nameOf: (technicianId: string) => string): Table {
  const fields = ['Period from', 'Period to', 'Technician', 'Regular hours', 'Overtime hours', 'Double-time hours', 'Period pay', 'Adjustments', 'Gross pay'];
  const rows = run.technicians.map((t) => [run.from, run.to, nameOf(t.technicianId), hours(t.regularMinutes), hours(t.overtimeMinutes), hours(t.doubleMinutes), money(t.periodCents), money(t.adjustmentCents), money(t.grossCents)]);
  const sum = (pick: (t: PayRunTechnician) => number) => run.technicians.reduce((s, t) => s + pick(t), 0);
  const totals = [
    run.from,
    run.to,
    'Total',
    hours(sum((t) => t.regularMinutes)),
    hours(sum((t) => t.overtimeMinutes)),
    hours(sum((t) => t.doubleMinutes)),
    money(sum((t) => t.periodCents)),
    money(sum((t) => t.adjustmentCents)),
    money(sum((t) => t.grossCents))
  ];
  return { fields, data: [...rows, totals] };
}
