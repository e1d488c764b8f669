/**
 * The typed API of an organisation's `finance` doc (README "finance collections"): invoices
 * and credit notes, their status events, the money ledgers and period locks. Components and
 * state modules use this; nothing outside `src/lib/sync/` touches the Y.Doc.
 *
 * Documents: a draft's fields change until it is issued. Issuing appends an `issued` event
 * that carries its number (this tab's series, README "numbering") and a snapshot of what was
 * issued, so an issued document is locked by construction: later changes are a credit note or
 * a revision with its own number. Voiding appends a `voided` event with the reason. Money is
 * in `FinanceLedger` (finance-ledger.ts). Every command checks the period locks first.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { Collection } from './collection';
import { nextNumberIn } from './numbering';
import { LOCAL_EDIT, type Actor } from './board-doc';
import { FinanceLedger } from './finance-ledger';
import { QuoteBook } from './quotes';
import { nextStamp } from '../domain/jobs/event-order';
import { deriveReceivables, moneyReceivedCents, type FinanceData, type InvoiceView, type Receivables } from '../domain/receivables/ledger';
import { creditApplicationSchema, dueDateFor, invoiceEventSchema, invoiceRecordSchema, paymentSchema, periodLockSchema, refundSchema, type CreditApplication, type InvoiceEvent, type InvoiceRecord, type Payment, type PeriodLock, type Refund } from '../domain/receivables/records';
import { draftInvoiceInputSchema, fieldErrorsOf, voidInputSchema, type FieldErrors } from '../domain/receivables/forms';
import { checkDayOpen } from '../domain/receivables/period-lock';
import { payRateInputSchema, payRateSchema, type PayRate } from '../domain/payroll/pay-rates';
import { payRunSchema, type PayRun } from '../domain/payroll/pay-run';
import { payrollSettingsInputSchema, payrollSettingsSchema, type PayrollSettings } from '../domain/payroll/settings';
import type { Role } from '../domain/access/roles';
import { expenseSchema, type Expense } from '../domain/expenses/expense';
import { recordExpense, reverseExpense, type ExpenseResult } from './expenses';
import { duplicateDraftBlock } from '../domain/receivables/job-invoices';
import { priceNeededBlock, setDraftLinePrice } from '../domain/billing/draft-lines';

export type FinanceResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; errors?: FieldErrors };

/** The top-level map holding the payroll settings (a register: one plain value per key, like `billingSettings`). */
export const PAYROLL_SETTINGS_MAP = 'payrollSettings';

/** Number prefixes: `INV-<series>-<NNNN>`, `CN-<series>-<NNNN>`. */
export const NUMBER_PREFIX = { invoice: 'INV', 'credit-note': 'CN' } as const;

export class FinanceDoc {
  readonly doc: Y.Doc;
  readonly invoices: Collection<InvoiceRecord>;
  readonly invoiceEvents: Collection<InvoiceEvent>;
  readonly payments: Collection<Payment>;
  readonly refunds: Collection<Refund>;
  readonly creditApplications: Collection<CreditApplication>;
  readonly periodLocks: Collection<PeriodLock>;
  /** Technicians' pay rates: an authored ledger, admins only (domain/payroll/pay-rates.ts). */
  readonly payRates: Collection<PayRate>;
  /** Approved pay runs: authored, immutable, admins only (domain/payroll/pay-run.ts; approving is sync/payroll.ts). */
  readonly payRuns: Collection<PayRun>;
  /** Business expenses and their reversals: authored, immutable (domain/expenses; commands in expenses.ts). */
  readonly expenses: Collection<Expense>;
  readonly #payrollSettings: Y.Map<unknown>;
  /** Payments, refunds, credit applications, period closing. */
  readonly ledger: FinanceLedger;
  /** Quotes and their events (quotes.ts). */
  readonly quotes: QuoteBook;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.invoices = new Collection(doc.getMap('invoices'), invoiceRecordSchema);
    this.invoiceEvents = new Collection(doc.getMap('invoiceEvents'), invoiceEventSchema);
    this.payments = new Collection(doc.getMap('payments'), paymentSchema);
    this.refunds = new Collection(doc.getMap('refunds'), refundSchema);
    this.creditApplications = new Collection(doc.getMap('creditApplications'), creditApplicationSchema);
    this.periodLocks = new Collection(doc.getMap('periodLocks'), periodLockSchema);
    this.payRates = new Collection(doc.getMap('payRates'), payRateSchema);
    this.payRuns = new Collection(doc.getMap('payRuns'), payRunSchema);
    this.expenses = new Collection(doc.getMap('expenses'), expenseSchema);
    this.#payrollSettings = doc.getMap(PAYROLL_SETTINGS_MAP);
    this.ledger = new FinanceLedger(this);
    this.quotes = new QuoteBook(doc);
  }

  /** Every readable record, as the pure domain takes it. */
  data(): FinanceData {
    return { invoices: this.invoices.list(), events: this.invoiceEvents.list(), payments: this.payments.list(), refunds: this.refunds.list(), creditApplications: this.creditApplications.list() };
  }

  /** Statuses and balances of every document and customer (derived; see domain/receivables/ledger.ts). */
  receivables(): Receivables {
    return deriveReceivables(this.data());
  }

  locks(): PeriodLock[] {
    return this.periodLocks.list();
  }

  /** Calls back after any change to the finance collections (local or remote). */
  observe(callback: () => void): () => void {
    const stops = [this.invoices, this.invoiceEvents, this.payments, this.refunds, this.creditApplications, this.periodLocks, this.payRates, this.payRuns, this.expenses].map((c) => c.observe(() => callback()));
    const settings = () => callback();
    this.#payrollSettings.observe(settings);
    return () => {
      stops.forEach((stop) => stop());
      this.#payrollSettings.unobserve(settings);
    };
  }

  /** Enters a business expense (admins, dispatchers) dated on an org day up to `today`, in an open month. */
  recordExpense(input: unknown, actor: Actor & { role: Role }, today: string, now = new Date()): ExpenseResult<{ id: string }> {
    return recordExpense(this.doc, this.expenses, this.locks(), input, actor, now, today);
  }

  /** Reverses an expense with a reason (a new record; the expense itself never changes). */
  reverseExpense(id: string, input: unknown, actor: Actor & { role: Role }, today: string, now = new Date()): ExpenseResult<{ id: string }> {
    return reverseExpense(this.doc, this.expenses, this.locks(), id, input, actor, now, today);
  }

  /** The payroll settings; a key missing or unreadable reads as its default. */
  payrollSettings(): PayrollSettings {
    return payrollSettingsSchema.parse(this.#payrollSettings.toJSON());
  }

  /** Saves the payroll settings form (admins only); only changed keys are written, each merging on its own. */
  savePayrollSettings(input: unknown, actor: Actor & { role: Role }): FinanceResult<{ settings: PayrollSettings }> {
    if (actor.role !== 'admin') return { ok: false, error: 'Only an admin can change payroll settings.' };
    const parsed = payrollSettingsInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const current = this.payrollSettings() as Record<string, unknown>;
    const changed = Object.entries(parsed.data).filter(([key, value]) => current[key] !== value);
    if (changed.length) this.doc.transact(() => changed.forEach(([key, value]) => this.#payrollSettings.set(key, value)), LOCAL_EDIT);
    return { ok: true, settings: this.payrollSettings() };
  }

  /** Sets a technician's hourly pay from a day on (a new record; earlier rates stay as history). Admins only, like the relay's rule. */
  setPayRate(input: unknown, actor: Actor & { role: Role }, now = new Date()): FinanceResult<{ id: string }> {
    if (actor.role !== 'admin') return { ok: false, error: 'Only an admin can set pay rates.' };
    const parsed = payRateInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const id = uuidv4();
    const at = now.toISOString();
    const stamp = nextStamp(this.payRates.list(), now);
    this.doc.transact(() => this.payRates.insert({ id, ...parsed.data, at, stamp, by: actor.id, ...(actor.name ? { byName: actor.name } : {}) }), LOCAL_EDIT);
    return { ok: true, id };
  }

  /**
   * Creates a draft invoice or credit note from priced lines and totals (a completed job's
   * draft from the pricing engine, or lines typed by hand). Drafts have no number.
   */
  createDraftInvoice(input: unknown, actor: Actor, now = new Date()): FinanceResult<{ id: string }> {
    const parsed = draftInvoiceInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const draft = parsed.data;
    const closed = checkDayOpen(this.locks(), draft.date);
    if (closed) return { ok: false, error: closed, errors: { date: closed } };
    if (draft.creditOf || draft.revisionOf) {
      const target = this.receivables().byId.get((draft.creditOf ?? draft.revisionOf)!);
      if (!target?.issued || target.status === 'void' || target.kind !== 'invoice') return { ok: false, error: 'Only an issued invoice can be credited or revised.' };
      if (target.customerId !== draft.customerId) return { ok: false, error: 'A credit note or revision is for the same customer as its invoice.' };
    }
    const id = uuidv4();
    const at = now.toISOString();
    const record: InvoiceRecord = { id, ...draft, dueDate: dueDateFor(draft.date, draft.terms), createdAt: at, createdBy: actor.id, updatedAt: at };
    this.doc.transact(() => this.invoices.insert(record), LOCAL_EDIT);
    return { ok: true, id };
  }

  /** Replaces a draft's fields (customer, date, terms, lines, totals); refused once issued or void. */
  updateDraft(id: string, input: unknown, now = new Date()): FinanceResult {
    const view = this.receivables().byId.get(id);
    if (!view) return { ok: false, error: 'That document no longer exists.' };
    if (view.status !== 'draft') return { ok: false, error: `It is ${view.status}: change it with a credit note or a revision.` };
    const parsed = draftInvoiceInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const closed = checkDayOpen(this.locks(), view.date) ?? checkDayOpen(this.locks(), parsed.data.date);
    if (closed) return { ok: false, error: closed };
    const { kind: _kind, creditOf: _c, revisionOf: _r, ...fields } = parsed.data;
    this.doc.transact(() => this.invoices.patch(id, { ...fields, dueDate: dueDateFor(fields.date, fields.terms), updatedAt: now.toISOString() }), LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Sets the price of one engine line of a draft (a "PRICE NEEDED" part, say) as an override
   * with a reason, and prices the draft again (domain/billing/draft-lines.ts).
   */
  setDraftLinePrice(id: string, lineId: string, unitPriceCents: number, reason: string, now = new Date()): FinanceResult {
    const view = this.receivables().byId.get(id);
    if (!view) return { ok: false, error: 'That document no longer exists.' };
    if (view.status !== 'draft') return { ok: false, error: `It is ${view.status}: change it with a credit note or a revision.` };
    const closed = checkDayOpen(this.locks(), view.date);
    if (closed) return { ok: false, error: closed };
    const repriced = setDraftLinePrice(view.record.lines, lineId, unitPriceCents, reason);
    if (!repriced.ok) return repriced;
    this.doc.transact(() => this.invoices.patch(id, { lines: repriced.lines, totals: repriced.totals, updatedAt: now.toISOString() }), LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Issues a draft: numbers it from this tab's series (`deviceCode`), counting every number
   * the doc holds, readable or not, and snapshots what is issued. A revision's original is
   * voided in the same transaction. Refused while a line still needs its price, and for a
   * duplicate draft of a job (domain/receivables/job-invoices.ts).
   */
  issueInvoice(id: string, actor: Actor, deviceCode: string, now = new Date()): FinanceResult<{ number: string }> {
    const receivables = this.receivables();
    const view = receivables.byId.get(id);
    if (!view) return { ok: false, error: 'That document no longer exists.' };
    if (view.status !== 'draft') return { ok: false, error: `It is already ${view.status}.` };
    const closed = checkDayOpen(this.locks(), view.date);
    if (closed) return { ok: false, error: closed };
    const blocked = priceNeededBlock(view.lines) ?? duplicateDraftBlock(receivables.invoices, view);
    if (blocked) return { ok: false, error: blocked };
    const original = view.record.revisionOf ? receivables.byId.get(view.record.revisionOf) : undefined;
    if (original && (original.status === 'void' || moneyReceivedCents(original) > 0)) {
      return { ok: false, error: original.status === 'void' ? 'The invoice it revises is void.' : 'The invoice it revises has payments: use a credit note instead.' };
    }
    if (original) {
      const originalClosed = checkDayOpen(this.locks(), original.date);
      if (originalClosed) return { ok: false, error: `The invoice it revises is in a closed month (${originalClosed}).` };
    }
    const number = nextNumberIn(this.invoiceEvents, NUMBER_PREFIX[view.kind], deviceCode);
    const r = view.record;
    this.doc.transact(() => {
      const at = now.toISOString();
      const stamp = nextStamp(view.history, now);
      this.invoiceEvents.insert({ id: uuidv4(), kind: 'issued', invoiceId: id, number, docKind: r.kind, customerId: r.customerId, date: r.date, dueDate: r.dueDate, lines: r.lines, totals: r.totals, at, stamp, by: actor.id, ...named(actor) });
      if (original) this.#void(original, `Revised by ${number}`, actor, now);
    }, LOCAL_EDIT);
    return { ok: true, number };
  }

  /** Voids a document with a reason (no money may be allocated to it: credit it instead). */
  voidInvoice(id: string, input: unknown, actor: Actor, now = new Date()): FinanceResult {
    const parsed = voidInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Say why it is void.', errors: fieldErrorsOf(parsed.error) };
    const view = this.receivables().byId.get(id);
    if (!view) return { ok: false, error: 'That document no longer exists.' };
    if (view.status === 'void') return { ok: false, error: 'It is already void.' };
    const closed = checkDayOpen(this.locks(), view.date);
    if (closed) return { ok: false, error: closed };
    if (moneyReceivedCents(view) > 0) return { ok: false, error: 'Money was received on it: issue a credit note instead.' };
    this.doc.transact(() => this.#void(view, parsed.data.reason, actor, now), LOCAL_EDIT);
    return { ok: true };
  }

  #void(view: InvoiceView, reason: string, actor: Actor, now: Date): void {
    this.invoiceEvents.insert({ id: uuidv4(), kind: 'voided', invoiceId: view.id, reason, at: now.toISOString(), stamp: nextStamp(view.history, now), by: actor.id, ...named(actor) });
  }
}

/** `byName` when the actor has a name (optional fields are left out, not undefined). */
function named(actor: Actor): { byName?: string } {
  return actor.name ? { byName: actor.name } : {};
}
