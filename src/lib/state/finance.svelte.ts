/**
 * Invoices and receivables as live state for the `/invoices` views and Settings › Periods:
 * documents with their derived status and balance, customer balances, AR aging, period locks,
 * and the commands (draft, issue, void, payment, credit, refund, close a month), each run
 * with this user as the actor and this tab's numbering series. Reads follow the finance doc;
 * every change (this tab, another tab, another device) republishes once per transaction.
 */
import { untrack } from 'svelte';
import { agingReport, type AgingReport } from '../domain/receivables/aging';
import type { InvoiceView, Receivables } from '../domain/receivables/ledger';
import { orgDay, type PeriodLock } from '../domain/receivables/records';
import { EXPORT_TABLE, type ExportKind, type Table } from '../domain/receivables/exports';
import { customerStatement, type Statement } from '../domain/receivables/statement';
import { zonedInstant } from '../domain/time/zoned';
import type { FinanceDoc, FinanceResult } from '../sync/finance';
import { followInvoiceViews } from '../sync/finance-changes';
import { ReceivablesChanges } from './billing-projection';
import { priceManualLines, toFormLines, type FormLine, type ManualLine } from '../domain/receivables/forms';
import type { PaymentTerms } from '../domain/receivables/records';
import type { PayRate } from '../domain/payroll/pay-rates';
import type { Expense } from '../domain/expenses/expense';
import { board } from './board.svelte';
import { followBilling } from './job-invoice';
import { invoiceOfJob } from '../sync/job-billing';
import { jobInvoices } from '../domain/receivables/job-invoices';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

/** What the draft form does: a new draft, edit a draft, revise or credit an issued invoice. */
export type DraftMode = 'new' | 'edit' | 'revise' | 'credit';
export interface DraftFormInput {
  customerId: string;
  officeId: string | null;
  date: string;
  terms: PaymentTerms;
  lines: ManualLine[];
}

const EMPTY: Receivables = { invoices: [], byId: new Map(), customers: new Map() };
const READ_ONLY = { ok: false as const, error: 'Your role can look at invoices but not change them.' };

class FinanceState {
  receivables = $state.raw<Receivables>(EMPTY);
  locks = $state.raw<PeriodLock[]>([]);
  /** Technicians' pay-rate ledger (labour cost; payroll/pay-rates.ts). */
  payRates = $state.raw<PayRate[]>([]);
  /** Business expenses and their reversals (domain/expenses). */
  expenses = $state.raw<Expense[]>([]);
  attached = $state(false);
  /** The organisation's day, refreshed every minute (aging and overdue move at midnight, org time). */
  today = $state('');
  /** Which invoices each published `receivables` changed (readers that keep per-invoice state update just those). */
  readonly changes = new ReceivablesChanges();
  #doc: FinanceDoc | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.finance;
        if (!doc) return;
        return untrack(() => this.#attach(doc));
      });
      $effect(() => {
        const zone = board.timeZone;
        const tick = () => (this.today = orgDay(new Date(), zone));
        tick();
        const timer = setInterval(tick, 60_000);
        return () => clearInterval(timer);
      });
    });
  }

  /** Admin, dispatcher, manager; never technicians or the wallboard (they do not open finance). */
  get canView(): boolean {
    return workspace.finance !== null;
  }

  get canWrite(): boolean {
    return workspace.canWriteFinance;
  }

  get ready(): boolean {
    return workspace.ready && this.attached;
  }

  get aging(): AgingReport {
    return agingReport(this.receivables, this.today);
  }

  invoice(id: string): InvoiceView | undefined {
    return this.receivables.byId.get(id);
  }

  /** The job's invoice that is not void (draft, issued or paid), if any: one per job at a time. */
  invoiceOfJob(jobId: string): InvoiceView | undefined {
    return invoiceOfJob(this.receivables, jobId);
  }

  statement(customerId: string, from: string, to: string): Statement | null {
    const doc = this.#doc;
    if (!doc) return null;
    return customerStatement(this.receivables, doc.data(), customerId, from, to, board.timeZone);
  }

  /** An accountant's export (CSV tables: domain/receivables/exports.ts); null before the doc is open. */
  exportTable(kind: ExportKind, customerNames: ReadonlyMap<string, string>): Table | null {
    const doc = this.#doc;
    if (!doc) return null;
    return EXPORT_TABLE[kind]({ receivables: this.receivables, data: doc.data(), aging: this.aging, customerNames, timeZone: board.timeZone });
  }

  createDraft(input: unknown): FinanceResult<{ id: string }> {
    return this.#run((doc, actor) => doc.createDraftInvoice(input, actor));
  }

  /** The form's starting values for `mode` on `source` (revisions and credit notes are dated today). */
  draftFormStart(mode: DraftMode, source: InvoiceView | undefined): { customerId: string; officeId: string | null; date: string; terms: PaymentTerms; lines: FormLine[] } | null {
    if (mode === 'new' || !source) return null;
    return { customerId: source.customerId, officeId: source.officeId, date: mode === 'edit' ? source.date : this.today, terms: source.record.terms, lines: toFormLines(source.lines) };
  }

  /** Saves the draft form: creates or edits a draft, or starts a revision or credit note of `source`. */
  saveDraftForm(mode: DraftMode, source: InvoiceView | undefined, values: DraftFormInput): FinanceResult<{ id: string }> {
    const customerName = board.customerById.get(values.customerId)?.name ?? source?.customerName ?? '';
    const base = { ...values, customerName, jobId: source?.record.jobId ?? null, ...priceManualLines(values.lines) };
    if (mode === 'new') return this.createDraft(base);
    if (!source) return { ok: false, error: 'That document no longer exists.' };
    if (mode === 'edit') {
      const result = this.#run((doc) => doc.updateDraft(source.id, { ...base, kind: source.kind, creditOf: source.record.creditOf, revisionOf: source.record.revisionOf }));
      return result.ok ? { ok: true, id: source.id } : result;
    }
    return this.createDraft(mode === 'revise' ? { ...base, revisionOf: source.id } : { ...base, kind: 'credit-note', creditOf: source.id });
  }

  /** Issues a draft; its job (if any) follows to `invoiced` from this device (state/job-invoice.ts). */
  issue(id: string): FinanceResult<{ number: string }> {
    const result = this.#run((doc, actor) => doc.issueInvoice(id, actor, workspace.deviceCode()));
    if (result.ok) followBilling([this.#doc?.receivables().byId.get(id)?.record.jobId ?? null]);
    return result;
  }

  /** Voids a document; a job whose issued invoice it was goes back to `completed` from this device. */
  void(id: string, reason: string): FinanceResult {
    const result = this.#run((doc, actor) => doc.voidInvoice(id, { reason }, actor));
    if (result.ok) followBilling([this.#doc?.receivables().byId.get(id)?.record.jobId ?? null]);
    return result;
  }

  /** Discards a duplicate draft of a job: a void with the reason, never a delete. */
  discardDuplicate(id: string): FinanceResult {
    return this.void(id, 'Duplicate draft of the job’s invoice (discarded)');
  }

  /** The job's duplicate drafts besides `invoiceOfJob` (two devices drafted offline). */
  duplicatesOfJob(jobId: string): InvoiceView[] {
    return jobInvoices(this.receivables.invoices, jobId).duplicates;
  }

  /** Sets the price of a draft's line (a PRICE NEEDED part) with a reason. */
  setLinePrice(id: string, lineId: string, unitPriceCents: number, reason: string): FinanceResult {
    return this.#run((doc) => doc.setDraftLinePrice(id, lineId, unitPriceCents, reason));
  }

  /** Records a payment; the jobs of the invoices it paid follow to `paid` from this device. */
  recordPayment(input: unknown): ReturnType<FinanceDoc['ledger']['recordPayment']> {
    const result = this.#run((doc, actor) => doc.ledger.recordPayment(input, actor));
    if (result.ok) {
      const byId = this.#doc?.receivables().byId;
      followBilling(result.allocations.map((a) => byId?.get(a.invoiceId)?.record.jobId ?? null));
    }
    return result;
  }

  /** The instant money counts as received on organisation day `day`: now for today, else that day's noon. */
  instantOfDay(day: string): string {
    return day === this.today ? new Date().toISOString() : new Date(zonedInstant(day, 12 * 60, board.timeZone)).toISOString();
  }

  /** Applies a customer's credit; jobs of invoices it settled follow to `paid`. */
  applyCredit(customerId: string): FinanceResult {
    const result = this.#run((doc, actor) => doc.ledger.applyCredit(customerId, actor));
    if (result.ok) followBilling((this.#doc?.receivables().invoices ?? []).filter((v) => v.customerId === customerId).map((v) => v.record.jobId));
    return result;
  }

  recordRefund(input: unknown): FinanceResult {
    return this.#run((doc, actor) => doc.ledger.recordRefund(input, actor));
  }

  /** Enters a business expense (admins, dispatchers; managers read only). */
  recordExpense(input: unknown): FinanceResult<{ id: string }> {
    const role = session.claims?.role;
    if (!role) return READ_ONLY;
    return this.#run((doc, actor) => doc.recordExpense(input, { ...actor, role }, this.today));
  }

  /** Reverses an expense with a reason. */
  reverseExpense(id: string, reason: string): FinanceResult<{ id: string }> {
    const role = session.claims?.role;
    if (!role) return READ_ONLY;
    return this.#run((doc, actor) => doc.reverseExpense(id, { reason }, { ...actor, role }, this.today));
  }

  closeMonth(month: string): FinanceResult {
    const role = session.claims?.role;
    if (!role) return READ_ONLY;
    return this.#run((doc, actor) => doc.ledger.closePeriod(month, board.timeZone, { ...actor, role }));
  }

  #run<T extends FinanceResult<object>>(command: (doc: FinanceDoc, actor: { id: string; name?: string }) => T): T | typeof READ_ONLY {
    const doc = this.#doc;
    const actor = workspace.actor;
    if (!doc || !actor || !this.canWrite) return READ_ONLY;
    return command(doc, actor);
  }

  #attach(doc: FinanceDoc): () => void {
    this.#doc = doc;
    let queued = false;
    // Invoices touched since the last publish; null once some change could not be traced to its invoices.
    let touched: Set<string> | null = null;
    const stopTouched = followInvoiceViews(doc, (ids) => {
      if (!ids) touched = null;
      else if (touched) for (const id of ids) touched.add(id);
    });
    const publish = () => {
      queued = false;
      const next = doc.receivables();
      this.changes.record(next, touched);
      touched = new Set();
      this.receivables = next;
      this.locks = doc.locks().sort((a, b) => b.month.localeCompare(a.month));
      this.payRates = doc.payRates.list();
      this.expenses = doc.expenses.list();
    };
    const stop = doc.observe(() => {
      if (!queued) queueMicrotask(publish);
      queued = true;
    });
    publish();
    this.attached = true;
    return () => {
      stop();
      stopTouched();
      this.changes.clear();
      this.#doc = null;
      this.attached = false;
      this.receivables = EMPTY;
      this.locks = [];
      this.payRates = [];
      this.expenses = [];
    };
  }
}

export const finance = new FinanceState();
