/**
 * The finance room's records (src/lib/sync/README.md "finance collections"): invoices and
 * credit notes (editable while draft), their status events, and the money ledgers (payments,
 * refunds, credit applications) and period locks, all immutable and authored.
 *
 * Money is integer cents (DESIGN §5); stored times are UTC instants; an invoice's `date` and
 * `dueDate` are calendar days (`YYYY-MM-DD`) in the organisation's zone.
 */
import { z } from 'zod';
import { zonedParts } from '../time/zoned';

const instant = z.iso.datetime({ offset: true });
/** A calendar day, `YYYY-MM-DD`, that exists. */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date (YYYY-MM-DD)')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day, 'not a calendar date');
/** A month, `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month (YYYY-MM)');
export const centsSchema = z.number().int('amounts are whole cents').safe();
export const positiveCentsSchema = centsSchema.positive('must be more than zero');

/**
 * An invoice line as stored. The pricing engine (domain/billing) will own the full line; until
 * it lands a line needs a description and its amount, and any other fields (quantity, unit
 * price, how it was priced) are kept as they are.
 */
export const invoiceLineSchema = z.looseObject({
  description: z.string().min(1).max(500),
  amountCents: centsSchema
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceTotalsSchema = z.object({
  subtotalCents: centsSchema,
  discountCents: centsSchema,
  taxCents: centsSchema,
  totalCents: centsSchema
});
export type InvoiceTotals = z.infer<typeof invoiceTotalsSchema>;

export const PAYMENT_TERMS = ['on-receipt', 'net-15', 'net-30'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];
export const TERMS_DAYS: Record<PaymentTerms, number> = { 'on-receipt': 0, 'net-15': 15, 'net-30': 30 };
export const TERMS_LABEL: Record<PaymentTerms, string> = { 'on-receipt': 'Due on receipt', 'net-15': 'Net 15', 'net-30': 'Net 30' };

export const DOCUMENT_KINDS = ['invoice', 'credit-note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** An invoice or credit note (`invoices`). Only a draft's fields change; issuing snapshots them. */
export const invoiceRecordSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(DOCUMENT_KINDS).catch('invoice'),
  customerId: z.string().min(1),
  customerName: z.string().catch(''),
  officeId: z.string().nullable().catch(null),
  jobId: z.string().nullable().catch(null),
  /** The issued invoice this document revises (it is voided when the revision is issued). */
  revisionOf: z.string().nullable().catch(null),
  /** The issued invoice a credit note reduces. */
  creditOf: z.string().nullable().catch(null),
  date: calendarDaySchema,
  terms: z.enum(PAYMENT_TERMS).catch('on-receipt'),
  dueDate: calendarDaySchema,
  lines: z.array(invoiceLineSchema),
  totals: invoiceTotalsSchema,
  createdAt: instant,
  createdBy: z.string(),
  updatedAt: instant
});
export type InvoiceRecord = z.infer<typeof invoiceRecordSchema>;

const authored = {
  id: z.string().min(1),
  at: instant,
  stamp: instant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional()
};

/** Issuing: the number and a snapshot of what was issued (later edits of the draft fields do not change it). */
export const issuedEventSchema = z.object({
  ...authored,
  kind: z.literal('issued'),
  invoiceId: z.string().min(1),
  number: z.string().min(1),
  docKind: z.enum(DOCUMENT_KINDS),
  customerId: z.string().min(1),
  date: calendarDaySchema,
  dueDate: calendarDaySchema,
  lines: z.array(invoiceLineSchema),
  totals: invoiceTotalsSchema
});
export const voidedEventSchema = z.object({
  ...authored,
  kind: z.literal('voided'),
  invoiceId: z.string().min(1),
  reason: z.string().min(1).max(500)
});
/** `invoiceEvents`: immutable, authored (relay rule). */
export const invoiceEventSchema = z.discriminatedUnion('kind', [issuedEventSchema, voidedEventSchema]);
export type InvoiceEvent = z.infer<typeof invoiceEventSchema>;
export type IssuedEvent = z.infer<typeof issuedEventSchema>;

export const PAYMENT_METHODS = ['cash', 'check', 'card', 'bank-transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const METHOD_LABEL: Record<PaymentMethod, string> = { cash: 'Cash', check: 'Check', card: 'Card', 'bank-transfer': 'Bank transfer' };

export const allocationSchema = z.object({ invoiceId: z.string().min(1), amountCents: positiveCentsSchema });
export type Allocation = z.infer<typeof allocationSchema>;

const allocationsWithin = (entry: { amountCents: number; allocations: Allocation[] }) => entry.allocations.reduce((sum, a) => sum + a.amountCents, 0) <= entry.amountCents;

/** `payments`: money received; what is not allocated to invoices is the customer's credit. */
export const paymentSchema = z
  .object({
    ...authored,
    customerId: z.string().min(1),
    method: z.enum(PAYMENT_METHODS),
    amountCents: positiveCentsSchema,
    receivedAt: instant,
    allocations: z.array(allocationSchema),
    reference: z.string().max(200).catch('')
  })
  .refine(allocationsWithin, 'allocations exceed the payment');
export type Payment = z.infer<typeof paymentSchema>;

/** `refunds`: money paid back to a customer (out of their credit). */
export const refundSchema = z.object({
  ...authored,
  customerId: z.string().min(1),
  method: z.enum(PAYMENT_METHODS),
  amountCents: positiveCentsSchema,
  refundedAt: instant,
  reference: z.string().max(200).catch('')
});
export type Refund = z.infer<typeof refundSchema>;

/** `creditApplications`: a customer's credit applied to invoices later. */
export const creditApplicationSchema = z.object({
  ...authored,
  customerId: z.string().min(1),
  allocations: z.array(allocationSchema).min(1)
});
export type CreditApplication = z.infer<typeof creditApplicationSchema>;

/** `periodLocks`: a closed month (final). `timeZone` is the organisation's when it was closed. */
export const periodLockSchema = z.object({
  ...authored,
  month: monthSchema,
  timeZone: z.string().min(1)
});
export type PeriodLock = z.infer<typeof periodLockSchema>;

/** The calendar day `days` after `day`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (calendar days; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The due date of a document dated `date` on `terms` (no terms: due on issue). */
export function dueDateFor(date: string, terms: PaymentTerms): string {
  return addDays(date, TERMS_DAYS[terms]);
}

/** The calendar day `now` falls on in `timeZone` (the organisation's). */
export function orgDay(now: Date, timeZone: string): string {
  return zonedParts(now.getTime(), timeZone).date;
}
