/**
 * Payroll across two rooms (sync README "payRuns", "payrollLocks"): pay rates, settings and
 * runs live in `finance`; time entries and the locks that keep paid ones from changing live
 * in `board`. Approving a run writes the run (finance) and then one lock per paid technician
 * (board), each room in one transaction; both are authored by the approving admin.
 */
import { uuidv4 } from 'lib0/random';
import { nextStamp } from '../domain/jobs/event-order';
import { nextRunPeriod, payForPeriod, periodEnded, type PayrollInput, type TechnicianPay } from '../domain/payroll/pay-period';
import { countedRuns, type PayRun } from '../domain/payroll/pay-run';
import type { PayPeriod } from '../domain/payroll/periods';
import { lockSpans, runTechnicians, runTotalCents } from '../domain/payroll/run-records';
import type { Role } from '../domain/access/roles';
import { LOCAL_EDIT, type Actor, type BoardDoc } from './board-doc';
import type { FinanceDoc, FinanceResult } from './finance';

/** The payroll inputs both rooms hold now. */
export function payrollInput(finance: FinanceDoc, board: BoardDoc, timeZone: string): PayrollInput {
  return { entries: board.fieldWork.currentEntries(), rates: finance.payRates.list(), settings: finance.payrollSettings(), timeZone, runs: finance.payRuns.list() };
}

/** The period the next run is for, and what it pays each technician now. */
export function nextRun(finance: FinanceDoc, board: BoardDoc, timeZone: string, today: string): { period: PayPeriod; pays: TechnicianPay[]; ended: boolean } {
  const input = payrollInput(finance, board, timeZone);
  const period = nextRunPeriod(input.runs, input.settings, today);
  return { period, pays: payForPeriod(input, period), ended: periodEnded(period, today) };
}

/**
 * Approves the next run (admins only). `period` is the one the admin saw: if another run was
 * approved meanwhile, nothing is written. The amounts are computed again here, from what the
 * rooms hold at the moment of approval.
 */
export function approvePayRun(finance: FinanceDoc, board: BoardDoc, period: PayPeriod, timeZone: string, today: string, actor: Actor & { role: Role }, now = new Date()): FinanceResult<{ run: PayRun }> {
  if (actor.role !== 'admin') return { ok: false, error: 'Only an admin can approve a pay run.' };
  const next = nextRun(finance, board, timeZone, today);
  if (next.period.from !== period.from || next.period.to !== period.to) return { ok: false, error: 'Another pay run was approved meanwhile: check the period again.' };
  if (!next.ended) return { ok: false, error: 'A pay period can be approved once it has ended.' };
  const technicians = runTechnicians(next.pays);
  const at = now.toISOString();
  const run: PayRun = {
    id: uuidv4(),
    ...period,
    timeZone,
    technicians,
    totalCents: runTotalCents(technicians),
    at,
    stamp: nextStamp(countedRuns(finance.payRuns.list()), now),
    by: actor.id,
    ...(actor.name ? { byName: actor.name } : {})
  };
  finance.doc.transact(() => finance.payRuns.insert(run), LOCAL_EDIT);
  const locks = board.fieldWork.payrollLocks;
  board.doc.transact(() => {
    for (const span of lockSpans(run)) {
      locks.insert({ id: uuidv4(), ...span, periodFrom: run.from, periodTo: run.to, at, by: actor.id, ...(actor.name ? { byName: actor.name } : {}) });
    }
  }, LOCAL_EDIT);
  return { ok: true, run };
}
