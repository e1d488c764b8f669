/**
 * The reports' money inputs, live: invoices and settlements follow the finance state (one
 * republish per finance transaction) through a billing index updated for just the invoices
 * each change touched (billing-projection.ts), and so do the expenses entered
 * (domain/expenses); labour and parts cost follow the board's time entries
 * and stock ledger and the finance room's pay rates, recomputed once per transaction that
 * touched them, and only while a page shows reports. Roles without the finance room (the
 * technicians, the wallboard) get no money at all: `available` is false and inputs are empty.
 *
 * Built at module level inside `$effect.root` (it outlives the page that first uses it).
 */
import { untrack } from 'svelte';
import { expenseFactsOf } from '../domain/expenses/ledger';
import { currentTimeEntries } from '../domain/fieldwork/time-entries';
import type { BillingIndex } from '../domain/kpi/billing-index';
import { NO_MONEY, type MoneyInputs } from '../domain/kpi/money-dashboard';
import { indexedMoneyInputs } from '../domain/kpi/money-index';
import type { BoardDoc } from '../sync/board-doc';
import type { FinanceDoc } from '../sync/finance';
import { board } from './board.svelte';
import { finance } from './finance.svelte';
import { BillingProjection } from './billing-projection';
import { labourFactsOf, partFactsOf } from './report-money';
import { workspace } from './workspace.svelte';

type Costs = Pick<MoneyInputs, 'labour' | 'unpricedTechnicians' | 'parts'>;
const NO_COSTS: Costs = { labour: [], unpricedTechnicians: [], parts: [] };

class ReportMoneyState {
  #costs = $state.raw<Costs>(NO_COSTS);
  #users = $state(0);
  readonly #projection = new BillingProjection();
  /**
   * The billing index in step with the published receivables (a new wrapper per snapshot: the
   * index itself is updated in place). Not reactive state: syncing it inside this derived is
   * idempotent per snapshot and zone.
   */
  readonly #billing = $derived.by((): { index: BillingIndex } | null => {
    if (!finance.canView) return null;
    const receivables = finance.receivables;
    const zone = board.timeZone;
    return { index: untrack(() => this.#projection.sync(receivables, zone, finance.changes)) };
  });
  readonly #expenses = $derived(finance.canView ? expenseFactsOf(finance.expenses) : []);
  /** What the money numbers are computed from. */
  readonly inputs: MoneyInputs = $derived.by(() => {
    const rest = { ...NO_MONEY, expenses: this.#expenses, ...this.#costs };
    return this.#billing ? indexedMoneyInputs(this.#billing.index, rest) : rest;
  });

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.board;
        const money = workspace.finance;
        const zone = board.timeZone;
        if (!doc || !money || this.#users === 0) return;
        return untrack(() => this.#follow(doc, money, zone));
      });
    });
  }

  /** Whether this user may see money (the finance room is open to their role). */
  get available(): boolean {
    return finance.canView;
  }

  /** Call while a page shows money numbers; returns the release function. */
  use(): () => void {
    untrack(() => this.#users++);
    return () => untrack(() => this.#users--);
  }

  #follow(doc: BoardDoc, money: FinanceDoc, timeZone: string): () => void {
    let queued = false;
    const recompute = () => {
      queued = false;
      this.#costs = { ...labourFactsOf(currentTimeEntries(doc.fieldWork.timeRecords()), money.payRates.list(), timeZone), parts: partFactsOf(doc.stock.listMoves()) };
    };
    const later = () => {
      if (!queued) queueMicrotask(recompute);
      queued = true;
    };
    const offs = [doc.fieldWork.timeEntries.observe(later), doc.stock.moves.observe(later), money.payRates.observe(later)];
    recompute();
    return () => {
      offs.forEach((off) => off());
      this.#costs = NO_COSTS;
    };
  }
}

export const reportMoney = new ReportMoneyState();
