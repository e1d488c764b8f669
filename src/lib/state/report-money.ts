/**
 * The reports' money inputs from the docs that hold them (domain/kpi/money-dashboard.ts
 * `MoneyInputs`): issued invoices and what settled them from the finance room's receivables,
 * labour cost from the board's time entries at the finance room's pay rates, parts cost from
 * the stock ledger at moving-average cost. Pure mappings: state/reports.svelte.ts calls them
 * when one of those docs changes.
 */
import type { CurrentTimeEntry } from '../domain/fieldwork/time-entries';
import { partCostLines } from '../domain/inventory/average-cost';
import type { StockMove } from '../domain/inventory/stock-move';
import type { BilledInvoice } from '../domain/kpi/billing-index';
import type { MoneyInputs } from '../domain/kpi/money-dashboard';
import type { InvoiceFacts, LabourCostFacts, PaymentFacts } from '../domain/kpi/types';
import { labourCosts } from '../domain/payroll/labour-cost';
import type { PayRate } from '../domain/payroll/pay-rates';
import type { InvoiceView, Receivables } from '../domain/receivables/ledger';
import { zonedInstant } from '../domain/time/zoned';

/** A line billed under warranty (its coverage pays all of it). */
function warrantyLine(line: InvoiceView['lines'][number]): boolean {
  const coverage = (line as { coverage?: { kind?: unknown } | null }).coverage;
  return coverage?.kind === 'warranty';
}

/**
 * One issued invoice (not a credit note, not a draft) as the KPIs see it, or null for any
 * other document: subtotal after discounts and before tax, less the subtotals of the issued
 * credit notes against it (a credited job did not earn what was credited: revenue per call,
 * revenue credit and profit see the net; the credit counts on its invoice's issue date), due at
 * the start of the due day (org zone), voided ones marked; and every settlement of it
 * (payments, applied credit, credit notes) as money received, so owed vs paid uses the full
 * total. Reads only this invoice and its credit notes (its settlements name them), so a finance
 * change re-derives just the invoices it touched.
 */
export function billedInvoiceOf(receivables: Receivables, id: string, timeZone: string): BilledInvoice | null {
  const view = receivables.byId.get(id);
  if (!view || view.kind !== 'invoice' || !view.issued) return null;
  let credited = 0;
  for (const s of view.settlements) {
    if (s.source !== 'credit-note') continue;
    const note = receivables.byId.get(s.sourceId);
    if (note) credited += Math.abs(note.totals.subtotalCents - note.totals.discountCents);
  }
  const invoice: InvoiceFacts = {
    id: view.id,
    number: view.number ?? view.id,
    jobId: view.record.jobId,
    customerId: view.customerId,
    issuedAt: view.issued.at,
    dueAt: new Date(zonedInstant(view.dueDate, 0, timeZone)).toISOString(),
    subtotalCents: view.totals.subtotalCents - view.totals.discountCents - credited,
    totalCents: view.totals.totalCents,
    warranty: view.lines.some(warrantyLine),
    voided: view.status === 'void'
  };
  const payments: PaymentFacts[] = view.settlements.map((s) => ({ id: `${s.source}:${s.sourceId}:${view.id}`, customerId: view.customerId, invoiceId: view.id, at: s.at, amountCents: s.amountCents }));
  return { invoice, payments };
}

/** Every issued invoice (`billedInvoiceOf`), in the receivables' order. */
export function billedInvoicesOf(receivables: Receivables, timeZone: string): BilledInvoice[] {
  const out: BilledInvoice[] = [];
  for (const view of receivables.invoices) {
    const billed = billedInvoiceOf(receivables, view.id, timeZone);
    if (billed) out.push(billed);
  }
  return out;
}

/** The issued invoices and their settlements as flat lists (`billedInvoiceOf`). */
export function invoiceFactsOf(receivables: Receivables, timeZone: string): Pick<MoneyInputs, 'invoices' | 'payments'> {
  const billed = billedInvoicesOf(receivables, timeZone);
  return { invoices: billed.map((b) => b.invoice), payments: billed.flatMap((b) => b.payments) };
}

/** Labour cost of finished time entries at the pay rate in force on their day; technicians without a rate listed, not costed at zero. */
export function labourFactsOf(entries: readonly CurrentTimeEntry[], rates: readonly PayRate[], timeZone: string): Pick<MoneyInputs, 'labour' | 'unpricedTechnicians'> {
  const costs = labourCosts(entries, rates, timeZone);
  const labour: LabourCostFacts[] = costs.lines.map((l) => ({ jobId: l.jobId, technicianId: l.technicianId, at: l.at, costCents: l.costCents }));
  return { labour, unpricedTechnicians: [...new Set(costs.unpriced.map((e) => e.technicianId))].sort() };
}

/** Parts used on jobs at moving-average cost, dated when used. */
export function partFactsOf(moves: readonly StockMove[]): MoneyInputs['parts'] {
  return partCostLines(moves);
}
