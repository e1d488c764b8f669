/**
 * Which invoices a finance transaction touched, for readers that keep something per invoice in
 * step (the reports' money index, state/report-money.svelte.ts) instead of re-deriving every
 * invoice. An invoice's view (domain/receivables/ledger.ts) is derived from its record, its
 * events, the payments and credit applications allocated to it, and the credit notes against
 * it; so a change to any of those names the invoice, and a change to a credit note (record or
 * event) names the invoice it credits too.
 */
import type { FinanceDoc } from './finance';

/**
 * Calls back once per touched collection per transaction with the invoice ids whose views it
 * may have changed, or with null when it cannot tell (a record it touched is gone or unreadable,
 * so what it allocated or credited is unknown): the reader re-derives everything then.
 * Returns the unsubscribe function.
 */
export function followInvoiceViews(finance: FinanceDoc, onChange: (invoiceIds: Set<string> | null) => void): () => void {
  // What each credit note credits, as last read: an edit that changed `creditOf` touches the old target too.
  const credits = new Map<string, string>();
  for (const record of finance.invoices.list()) if (record.creditOf) credits.set(record.id, record.creditOf);
  const withCredited = (ids: Set<string>, invoiceId: string) => {
    ids.add(invoiceId);
    const target = credits.get(invoiceId);
    if (target) ids.add(target);
  };
  const offInvoices = finance.invoices.observe((changed) => {
    const ids = new Set<string>();
    for (const id of changed) {
      const record = finance.invoices.get(id);
      if (!record) return onChange(null);
      withCredited(ids, id); // the target it credited before this change
      if (record.creditOf) credits.set(id, record.creditOf);
      else credits.delete(id);
      withCredited(ids, id); // and the one it credits now
    }
    onChange(ids);
  });
  const offEvents = finance.invoiceEvents.observe((changed) => {
    const ids = new Set<string>();
    for (const id of changed) {
      const event = finance.invoiceEvents.get(id);
      if (!event) return onChange(null);
      withCredited(ids, event.invoiceId);
    }
    onChange(ids);
  });
  const allocationsOf = (ledger: FinanceDoc['payments'] | FinanceDoc['creditApplications']) =>
    ledger.observe((changed) => {
      const ids = new Set<string>();
      for (const id of changed) {
        const entry = ledger.get(id);
        if (!entry) return onChange(null);
        for (const a of entry.allocations) ids.add(a.invoiceId);
      }
      onChange(ids);
    });
  const offPayments = allocationsOf(finance.payments);
  const offCredits = allocationsOf(finance.creditApplications);
  return () => {
    offInvoices();
    offEvents();
    offPayments();
    offCredits();
  };
}
