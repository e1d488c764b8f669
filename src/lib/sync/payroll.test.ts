import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';
import { FinanceDoc } from './finance';
import { approvePayRun, nextRun } from './payroll';

const tess = { id: 'u-tess', name: 'Tess' };
const ada = { id: 'u-ada', name: 'Ada', role: 'admin' as const };
const T0 = Date.parse('2026-06-10T16:00:00.000Z'); // Wednesday
const min = (m: number) => new Date(T0 + m * 60_000);
const ZONE = 'UTC';
const WEEK = { from: '2026-06-07', to: '2026-06-13' };

function setup() {
  const board = new BoardDoc(new Y.Doc());
  const finance = new FinanceDoc(new Y.Doc());
  const t = board.directory.createTechnician({ name: 'Tess' });
  const job = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, ada, 'AAAA', min(-120));
  if (!t.ok || !job.ok) throw new Error('setup');
  const booked = board.visits.book({ jobId: job.job.id, technicianIds: [t.value.id], start: min(0).toISOString(), end: min(60).toISOString() }, ada, min(-100));
  if (!booked.ok) throw new Error('setup');
  const techId = t.value.id;
  const fw = board.fieldWork;
  fw.tap(booked.visit.id, 'en_route', { technicianId: techId }, tess, min(0));
  fw.tap(booked.visit.id, 'on_site', { technicianId: techId }, tess, min(20));
  fw.tap(booked.visit.id, 'done', { technicianId: techId, completion: { outcome: 'fixed', resolution: 'Reset the controller.' } }, tess, min(80));
  expect(finance.setPayRate({ technicianId: techId, hourlyCents: 3000, effectiveFrom: '2026-01-01' }, ada, min(-200)).ok).toBe(true);
  expect(finance.savePayrollSettings({ overtimeRules: 'federal', workweekStart: 'sun', breakPay: 'unpaid', breakCapMinutes: 0, travelPaid: true, periodKind: 'weekly', periodAnchor: '2026-06-07' }, ada).ok).toBe(true);
  return { board, finance, techId, fw };
}

describe('pay runs across the finance and board rooms', () => {
  it('approves the ended period: the run records what it paid and locks the paid entries', () => {
    const { board, finance, techId, fw } = setup();
    // A break still running at approval: not paid by this run.
    expect(fw.startBreak(techId, tess, min(100)).ok).toBe(true);
    const next = nextRun(finance, board, ZONE, '2026-06-14');
    expect(next.period).toEqual(WEEK);
    // 20 min travel + 60 min on site = 80 min × 3000/60 = 4 000 ¢.
    expect(next.pays).toMatchObject([{ technicianId: techId, regularMinutes: 80, grossCents: 4_000 }]);
    // On the 13th the week has not ended: the next run is still the week before.
    expect(nextRun(finance, board, ZONE, '2026-06-13').period).toEqual({ from: '2026-05-31', to: '2026-06-06' });
    expect(approvePayRun(finance, board, WEEK, ZONE, '2026-06-13', ada, min(200)).ok).toBe(false);
    expect(approvePayRun(finance, board, WEEK, ZONE, '2026-06-14', { ...ada, role: 'manager' }, min(200)).ok).toBe(false);
    const approved = approvePayRun(finance, board, WEEK, ZONE, '2026-06-14', ada, min(5000));
    if (!approved.ok) throw new Error(approved.error);
    expect(approved.run).toMatchObject({ from: WEEK.from, to: WEEK.to, totalCents: 4_000, by: 'u-ada' });
    expect(approved.run.technicians[0]?.entries).toHaveLength(2);
    expect(finance.payRuns.list()).toHaveLength(1);
    expect(fw.payrollLocks.list()).toMatchObject([{ technicianId: techId, from: '2026-06-07T00:00:00.000Z', to: '2026-06-14T00:00:00.000Z', runId: approved.run.id }]);
    // The same period cannot be approved twice.
    expect(approvePayRun(finance, board, WEEK, ZONE, '2026-06-14', ada, min(5001)).ok).toBe(false);

    // Editing a paid entry is refused with the reason; moving another entry into the span too.
    const travel = fw.currentEntries().find((e) => e.kind === 'travel')!;
    const edit = fw.editEntry(travel.rootId, { start: min(5).toISOString(), end: min(20).toISOString(), reason: 'Left later' }, ada, min(5002));
    expect(edit).toMatchObject({ ok: false, error: expect.stringContaining('paid in pay run 2026-06-07 – 2026-06-13') });
    expect(fw.currentEntries().find((e) => e.rootId === travel.rootId)?.start).toBe(travel.start);
    // Stopping the clock left running is still possible (the run did not pay it).
    expect(fw.stopBreak(techId, tess, min(5010)).ok).toBe(true);
  });

  it('a late correction lands in the next run as an adjustment', () => {
    const { board, finance, techId, fw } = setup();
    const first = approvePayRun(finance, board, WEEK, ZONE, '2026-06-14', ada, min(5000));
    if (!first.ok) throw new Error(first.error);
    // The forgotten hour on Thursday 11 June, added after the run as a new entry.
    const late = fw.addLateEntry({ technicianId: techId, kind: 'on_site', start: '2026-06-11T08:00:00.000Z', end: '2026-06-11T09:00:00.000Z', reason: 'Forgot to clock in' }, tess, min(5100));
    expect(late).toEqual({ ok: true });
    const next = nextRun(finance, board, ZONE, '2026-06-21');
    expect(next.period).toEqual({ from: '2026-06-14', to: '2026-06-20' });
    expect(next.pays).toMatchObject([{ technicianId: techId, regularMinutes: 0, periodCents: 0, adjustmentCents: 3_000, grossCents: 3_000 }]);
    expect(next.pays[0]?.days).toEqual([{ date: '2026-06-11', hourlyCents: 3000, regular: 60, overtime: 0, double: 0, adjustment: true }]);
  });
});
