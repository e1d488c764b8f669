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
 * Issued invoices (not credit notes, not drafts) as the KPIs see them: subtotal after
 * discounts and before tax, less the subtotals of the issued credit notes against them (a
 * credited job did not earn what was credited: revenue per call, revenue credit and profit see
 * the net; the credit counts on its invoice's issue date), due at the start of the due day
 * (org zone), voided ones marked; and every settlement of them (payments, applied credit,
 * credit notes) as money received, so owed vs paid uses the full total.
 */
export function invoiceFactsOf(receivables: Receivables, timeZone: string): Pick<MoneyInputs, 'invoices' | 'payments'> {
  const invoices: InvoiceFacts[] = [];
  const payments: PaymentFacts[] = [];
  const credited = new Map<string, number>();
  for (const view of receivables.invoices) {
    if (view.kind !== 'credit-note' || !view.issued || view.status === 'void' || !view.record.creditOf) continue;
    const net = Math.abs(view.totals.subtotalCents - view.totals.discountCents);
    credited.set(view.record.creditOf, (credited.get(view.record.creditOf) ?? 0) + net);
  }
  for (const view of receivables.invoices) {
    if (view.kind !== 'invoice' || !view.issued) continue;
    invoices.push({
      id: view.id,
      number: view.number ?? view.id,
      jobId: view.record.jobId,
      customerId: view.customerId,
      issuedAt: view.issued.at,
      dueAt: new Date(zonedInstant(view.dueDate, 0, timeZone)).toISOString(),
      subtotalCents: view.totals.subtotalCents - view.totals.discountCents - (credited.get(view.id) ?? 0),
      totalCents: view.totals.totalCents,
      warranty: view.lines.some(warrantyLine),
      voided: view.status === 'void'
    });
    for (const s of view.settlements) payments.push({ id: `${s.source}:${s.sourceId}:${view.id}`, customerId: view.customerId, invoiceId: view.id, at: s.at, amountCents: s.amountCents });
  }
  return { invoices, payments };
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
