/**
 * The invoice list's filters (status, office, customer, overdue), validated when read from
 * the URL, and the pure filtering the list applies. Newest first.
 */
import { z } from 'zod';
import { isOverdue } from './aging';
import { INVOICE_STATUSES, type InvoiceView } from './ledger';

export const invoiceFilterSchema = z.object({
  status: z.enum(INVOICE_STATUSES).nullable().catch(null),
  officeId: z.string().min(1).nullable().catch(null),
  customerId: z.string().min(1).nullable().catch(null),
  overdue: z.boolean().catch(false)
});
export type InvoiceFilter = z.infer<typeof invoiceFilterSchema>;
export const NO_FILTER: InvoiceFilter = { status: null, officeId: null, customerId: null, overdue: false };

/** Reads the filter from URL search params (unknown values are ignored, never trusted). */
export function filterFromParams(params: URLSearchParams): InvoiceFilter {
  return invoiceFilterSchema.parse({ status: params.get('status'), officeId: params.get('office'), customerId: params.get('customer'), overdue: params.get('overdue') === '1' });
}

export function filterInvoices(invoices: readonly InvoiceView[], filter: InvoiceFilter, today: string): InvoiceView[] {
  return invoices
    .filter((v) => (filter.status === null || v.status === filter.status) && (filter.officeId === null || v.officeId === filter.officeId) && (filter.customerId === null || v.customerId === filter.customerId) && (!filter.overdue || isOverdue(v, today)))
    .sort((a, b) => b.date.localeCompare(a.date) || (b.number ?? '\uffff').localeCompare(a.number ?? '\uffff') || a.id.localeCompare(b.id));
}
