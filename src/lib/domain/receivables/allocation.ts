/**
 * Spreading money over invoices. A payment is allocated to the invoices the user picked, in
 * the amounts they typed, or by default over the customer's open invoices oldest first
 * (due date, then date, then number). What is left is the customer's credit, applied later
 * (`planCreditApplication`) or refunded. Integer cents throughout; no division.
 */
import { openInvoicesOf, type InvoiceView, type Receivables } from './ledger';
import type { Allocation } from './records';

export interface AllocationPlan {
  allocations: Allocation[];
  /** Not allocated: becomes (or stays) the customer's credit. */
  remainderCents: number;
}

/** Allocates `amountCents` over `invoices` in the order given, each up to its balance. */
export function allocateInOrder(amountCents: number, invoices: readonly Pick<InvoiceView, 'id' | 'balanceCents'>[]): AllocationPlan {
  let left = amountCents;
  const allocations: Allocation[] = [];
  for (const invoice of invoices) {
    if (left <= 0) break;
    const take = Math.min(left, invoice.balanceCents);
    if (take <= 0) continue;
    allocations.push({ invoiceId: invoice.id, amountCents: take });
    left -= take;
  }
  return { allocations, remainderCents: left };
}

/** Allocates over the customer's open invoices, oldest first. */
export function allocateOldestFirst(receivables: Receivables, customerId: string, amountCents: number): AllocationPlan {
  return allocateInOrder(amountCents, openInvoicesOf(receivables, customerId));
}

export type AllocationProblem = { invoiceId: string | null; message: string };

/**
 * Checks allocations chosen by hand: each invoice is an open invoice of the customer, appears
 * once, and gets no more than its balance; together they do not exceed `amountCents`.
 * Returns the problems (empty when the plan may be recorded).
 */
export function checkAllocations(receivables: Receivables, customerId: string, amountCents: number, allocations: readonly Allocation[]): AllocationProblem[] {
  const problems: AllocationProblem[] = [];
  const seen = new Set<string>();
  let sum = 0;
  for (const a of allocations) {
    const invoice = receivables.byId.get(a.invoiceId);
    const label = invoice?.number ?? a.invoiceId;
    if (seen.has(a.invoiceId)) problems.push({ invoiceId: a.invoiceId, message: `${label} is listed twice` });
    seen.add(a.invoiceId);
    sum += a.amountCents;
    if (!invoice || invoice.customerId !== customerId) problems.push({ invoiceId: a.invoiceId, message: `${label} is not an invoice of this customer` });
    else if (invoice.kind !== 'invoice' || (invoice.status !== 'issued' && invoice.status !== 'partially-paid')) problems.push({ invoiceId: a.invoiceId, message: `${label} is not open (${invoice.status})` });
    else if (a.amountCents > invoice.balanceCents) problems.push({ invoiceId: a.invoiceId, message: `${label} has only ${invoice.balanceCents} cents left to pay` });
  }
  if (sum > amountCents) problems.push({ invoiceId: null, message: 'the allocations add up to more than the amount' });
  return problems;
}

/** Applies up to `amountCents` of the customer's credit to their open invoices, oldest first. */
export function planCreditApplication(receivables: Receivables, customerId: string, amountCents?: number): AllocationPlan {
  const credit = Math.max(0, receivables.customers.get(customerId)?.creditCents ?? 0);
  const wanted = Math.min(credit, amountCents ?? credit);
  return allocateOldestFirst(receivables, customerId, wanted);
}
