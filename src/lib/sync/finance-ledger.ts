/**
 * The finance room's money ledgers (README "finance collections"): payments, refunds and
 * credit applications are immutable authored entries, so two offices recording money offline
 * both count; balances are derived (domain/receivables). Period locks close a month.
 */
import { uuidv4 } from 'lib0/random';
import { LOCAL_EDIT, type Actor } from './board-doc';
import type { FinanceDoc, FinanceResult } from './finance';
import { allocateOldestFirst, checkAllocations, planCreditApplication } from '../domain/receivables/allocation';
import { fieldErrorsOf, paymentInputSchema, refundInputSchema } from '../domain/receivables/forms';
import { checkInstantOpen, checkMonthClosable } from '../domain/receivables/period-lock';
import { monthSchema, orgDay, type Allocation } from '../domain/receivables/records';
import type { Role } from '../domain/access/roles';

export class FinanceLedger {
  readonly #finance: FinanceDoc;

  constructor(finance: FinanceDoc) {
    this.#finance = finance;
  }

  /**
   * Records a payment against the invoices chosen (checked against their balances) or, with
   * no allocations given, over the customer's open invoices oldest first. What is not
   * allocated is the customer's credit.
   */
  recordPayment(input: unknown, actor: Actor, now = new Date()): FinanceResult<{ id: string; allocations: Allocation[]; creditCents: number }> {
    const parsed = paymentInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const p = parsed.data;
    const timing = this.#checkTime(p.receivedAt, now);
    if (timing) return { ok: false, error: timing, errors: { receivedAt: timing } };
    const receivables = this.#finance.receivables();
    let allocations: Allocation[];
    if (p.allocations) {
      const problems = checkAllocations(receivables, p.customerId, p.amountCents, p.allocations);
      if (problems.length) return { ok: false, error: problems.map((x) => x.message).join('; ') };
      allocations = p.allocations;
    } else allocations = allocateOldestFirst(receivables, p.customerId, p.amountCents).allocations;
    const allocated = allocations.reduce((sum, a) => sum + a.amountCents, 0);
    const id = uuidv4();
    this.#finance.doc.transact(() => {
      this.#finance.payments.insert({ id, customerId: p.customerId, method: p.method, amountCents: p.amountCents, receivedAt: p.receivedAt, allocations, reference: p.reference, at: now.toISOString(), by: actor.id, ...named(actor) });
    }, LOCAL_EDIT);
    return { ok: true, id, allocations, creditCents: p.amountCents - allocated };
  }

  /** Pays money back to a customer out of their credit. */
  recordRefund(input: unknown, actor: Actor, now = new Date()): FinanceResult<{ id: string }> {
    const parsed = refundInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const r = parsed.data;
    const timing = this.#checkTime(r.refundedAt, now);
    if (timing) return { ok: false, error: timing, errors: { refundedAt: timing } };
    const credit = this.#finance.receivables().customers.get(r.customerId)?.creditCents ?? 0;
    if (r.amountCents > credit) return { ok: false, error: `The customer’s credit is ${Math.max(0, credit)} cents: a refund cannot be more.`, errors: { amountCents: 'more than the credit' } };
    const id = uuidv4();
    this.#finance.doc.transact(() => {
      this.#finance.refunds.insert({ id, customerId: r.customerId, method: r.method, amountCents: r.amountCents, refundedAt: r.refundedAt, reference: r.reference, at: now.toISOString(), by: actor.id, ...named(actor) });
    }, LOCAL_EDIT);
    return { ok: true, id };
  }

  /** Applies the customer's credit (all of it, or up to `amountCents`) to their open invoices, oldest first. */
  applyCredit(customerId: string, actor: Actor, now = new Date(), amountCents?: number): FinanceResult<{ id: string; allocations: Allocation[] }> {
    const closed = checkInstantOpen(this.#finance.locks(), now.toISOString());
    if (closed) return { ok: false, error: closed };
    const plan = planCreditApplication(this.#finance.receivables(), customerId, amountCents);
    if (!plan.allocations.length) return { ok: false, error: 'There is no credit, or no open invoice, to apply it to.' };
    const id = uuidv4();
    this.#finance.doc.transact(() => {
      this.#finance.creditApplications.insert({ id, customerId, allocations: plan.allocations, at: now.toISOString(), by: actor.id, ...named(actor) });
    }, LOCAL_EDIT);
    return { ok: true, id, allocations: plan.allocations };
  }

  /** Closes `month` for good (admins only; it must have ended in the organisation's zone). */
  closePeriod(month: string, timeZone: string, actor: Actor & { role: Role }, now = new Date()): FinanceResult<{ id: string }> {
    if (actor.role !== 'admin') return { ok: false, error: 'Only an admin can close a month.' };
    if (!monthSchema.safeParse(month).success) return { ok: false, error: 'Choose a month (YYYY-MM).' };
    const problem = checkMonthClosable(this.#finance.locks(), month, orgDay(now, timeZone));
    if (problem) return { ok: false, error: problem };
    const id = uuidv4();
    this.#finance.doc.transact(() => {
      this.#finance.periodLocks.insert({ id, month, timeZone, at: now.toISOString(), by: actor.id, ...named(actor) });
    }, LOCAL_EDIT);
    return { ok: true, id };
  }

  /** Money is recorded in an open month and not in the future (the relay refuses both). */
  #checkTime(instant: string, now: Date): string | null {
    if (Date.parse(instant) > now.getTime() + 60_000) return 'That is in the future.';
    return checkInstantOpen(this.#finance.locks(), instant);
  }
}

function named(actor: Actor): { byName?: string } {
  return actor.name ? { byName: actor.name } : {};
}
