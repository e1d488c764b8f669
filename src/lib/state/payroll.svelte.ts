/**
 * Payroll as live state for `/payroll` (issue 12): pay rates, settings, the next pay period's
 * pay per technician, and past runs; commands run with this user as the actor. Reads follow
 * the finance doc (rates, settings, runs) and the board doc (time entries, locks); every change
 * recomputes once per microtask, not once per record.
 */
import { untrack } from 'svelte';
import type { TechnicianPay } from '../domain/payroll/pay-period';
import { countedRuns, type PayRun } from '../domain/payroll/pay-run';
import type { PayPeriod } from '../domain/payroll/periods';
import type { PayRate } from '../domain/payroll/pay-rates';
import { payRunTable } from '../domain/payroll/run-records';
import { DEFAULT_PAYROLL_SETTINGS, type PayrollSettings } from '../domain/payroll/settings';
import type { Table } from '../domain/receivables/exports';
import type { BoardDoc } from '../sync/board-doc';
import type { FinanceDoc, FinanceResult } from '../sync/finance';
import { approvePayRun, nextRun } from '../sync/payroll';
import { board } from './board.svelte';
import { finance } from './finance.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

/** Who opens the Payroll page: admins change it, managers read it (docs/access.md). */
export const PAYROLL_ROLES: ReadonlySet<string> = new Set(['admin', 'manager']);

class PayrollState {
  settings = $state.raw<PayrollSettings>(DEFAULT_PAYROLL_SETTINGS);
  rates = $state.raw<PayRate[]>([]);
  /** Every run, newest period first; `counted` holds the ids that count (duplicates of a period pay nothing). */
  runs = $state.raw<PayRun[]>([]);
  counted = $state.raw<ReadonlySet<string>>(new Set());
  next = $state.raw<{ period: PayPeriod; pays: TechnicianPay[]; ended: boolean } | null>(null);
  #docs: { finance: FinanceDoc; board: BoardDoc } | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const financeDoc = workspace.finance;
        const boardDoc = workspace.board;
        if (!financeDoc || !boardDoc) return;
        return untrack(() => this.#attach(financeDoc, boardDoc));
      });
      // Days and periods are the organisation's: recompute when its zone or day changes.
      $effect(() => {
        void board.timeZone;
        void finance.today;
        untrack(() => this.#refresh());
      });
    });
  }

  get role(): string {
    return session.claims?.role ?? '';
  }

  get canView(): boolean {
    return PAYROLL_ROLES.has(this.role) && workspace.finance !== null;
  }

  /** Rates, settings and approving runs: admins only (the relay refuses others too). */
  get canEdit(): boolean {
    return this.role === 'admin' && workspace.canWriteFinance;
  }

  get ready(): boolean {
    return workspace.ready && this.#docs !== null;
  }

  technicianName(id: string): string {
    return board.technicians.find((t) => t.id === id)?.name ?? id;
  }

  setRate(input: unknown): FinanceResult<{ id: string }> {
    return this.#admin((docs, actor) => docs.finance.setPayRate(input, actor));
  }

  saveSettings(input: unknown): FinanceResult<{ settings: PayrollSettings }> {
    return this.#admin((docs, actor) => docs.finance.savePayrollSettings(input, actor));
  }

  approve(period: PayPeriod): FinanceResult<{ run: PayRun }> {
    return this.#admin((docs, actor) => approvePayRun(docs.finance, docs.board, period, board.timeZone, finance.today, actor));
  }

  /** The run as a CSV table (a row per technician and a totals row). */
  table(run: PayRun): Table {
    return payRunTable(run, (id) => this.technicianName(id));
  }

  #admin<T extends object>(command: (docs: { finance: FinanceDoc; board: BoardDoc }, actor: { id: string; name?: string; role: 'admin' }) => FinanceResult<T>): FinanceResult<T> {
    const actor = workspace.actor;
    if (!this.#docs || !actor || !this.canEdit) return { ok: false, error: 'Only an admin can change payroll.' };
    return command(this.#docs, { ...actor, role: 'admin' });
  }

  #attach(financeDoc: FinanceDoc, boardDoc: BoardDoc): () => void {
    this.#docs = { finance: financeDoc, board: boardDoc };
    let queued = false;
    const schedule = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        this.#refresh();
      });
    };
    this.#refresh();
    const offFinance = financeDoc.observe(schedule);
    const offBoard = boardDoc.fieldWork.onChanged(schedule);
    return () => {
      offFinance();
      offBoard();
      this.#docs = null;
      this.next = null;
    };
  }

  #refresh(): void {
    const docs = this.#docs;
    if (!docs || !finance.today) return;
    this.settings = docs.finance.payrollSettings();
    this.rates = docs.finance.payRates.list();
    const runs = docs.finance.payRuns.list();
    this.runs = [...runs].sort((a, b) => (a.from > b.from ? -1 : a.from < b.from ? 1 : a.at < b.at ? -1 : 1));
    this.counted = new Set(countedRuns(runs).map((r) => r.id));
    this.next = nextRun(docs.finance, docs.board, board.timeZone, finance.today);
  }
}

export const payroll = new PayrollState();
