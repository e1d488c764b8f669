/**
 * What users and other modules hand the finance room, validated (zod at every boundary):
 * a draft document, a payment, a refund, a void. Field errors come back keyed by field name.
 */
import { z } from 'zod';
import { calendarDaySchema, centsSchema, invoiceLineSchema, invoiceTotalsSchema, PAYMENT_METHODS, PAYMENT_TERMS, positiveCentsSchema, allocationSchema, DOCUMENT_KINDS, type InvoiceLine, type InvoiceTotals } from './records';
import { centsToText, lineAmountCents, milliToText } from './money';

/** A line typed by hand: description, quantity (thousandths), unit price. */
export const manualLineSchema = z.object({
  description: z.string().trim().min(1, 'describe the line').max(500),
  quantityMilli: z.number().int().positive('quantity must be more than zero').max(10_000_000),
  unitPriceCents: centsSchema
});
export type ManualLine = z.infer<typeof manualLineSchema>;

/** Prices hand-typed lines (half-up per line; no tax: the pricing engine brings tax rates). */
export function priceManualLines(lines: readonly ManualLine[]): { lines: InvoiceLine[]; totals: InvoiceTotals } {
  const priced = lines.map((l) => ({ description: l.description, quantityMilli: l.quantityMilli, unitPriceCents: l.unitPriceCents, amountCents: lineAmountCents(l.quantityMilli, l.unitPriceCents), pricing: 'manual' }));
  const subtotalCents = priced.reduce((sum, l) => sum + l.amountCents, 0);
  return { lines: priced, totals: { subtotalCents, discountCents: 0, taxCents: 0, totalCents: subtotalCents } };
}

/**
 * A draft from any source (`FinanceDoc.createDraftInvoice`): priced lines and totals. The
 * totals must hold together: total = subtotal − discount + tax.
 */
export const draftInvoiceInputSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS).default('invoice'),
    customerId: z.string().min(1, 'choose a customer'),
    customerName: z.string().max(200).default(''),
    officeId: z.string().min(1).nullable().default(null),
    jobId: z.string().min(1).nullable().default(null),
    revisionOf: z.string().min(1).nullable().default(null),
    creditOf: z.string().min(1).nullable().default(null),
    date: calendarDaySchema,
    terms: z.enum(PAYMENT_TERMS).default('on-receipt'),
    lines: z.array(invoiceLineSchema).min(1, 'add at least one line').max(500),
    totals: invoiceTotalsSchema
  })
  .refine((d) => d.totals.totalCents === d.totals.subtotalCents - d.totals.discountCents + d.totals.taxCents, { path: ['totals'], message: 'total must be subtotal − discount + tax' })
  .refine((d) => d.totals.totalCents >= 0, { path: ['totals'], message: 'the total cannot be negative' })
  .refine((d) => d.kind === 'credit-note' || d.creditOf === null, { path: ['creditOf'], message: 'only a credit note credits an invoice' });
export type DraftInvoiceInput = z.input<typeof draftInvoiceInputSchema>;
export type DraftInvoice = z.output<typeof draftInvoiceInputSchema>;

const instant = z.iso.datetime({ offset: true });

/** A payment: allocations by hand, or none to allocate oldest first. */
export const paymentInputSchema = z.object({
  customerId: z.string().min(1, 'choose a customer'),
  method: z.enum(PAYMENT_METHODS, 'choose how it was paid'),
  amountCents: positiveCentsSchema,
  receivedAt: instant,
  reference: z.string().trim().max(200).default(''),
  allocations: z.array(allocationSchema).optional()
});
export type PaymentInput = z.input<typeof paymentInputSchema>;

export const refundInputSchema = z.object({
  customerId: z.string().min(1),
  method: z.enum(PAYMENT_METHODS),
  amountCents: positiveCentsSchema,
  refundedAt: instant,
  reference: z.string().trim().max(200).default('')
});
export type RefundInput = z.input<typeof refundInputSchema>;

export const voidInputSchema = z.object({ reason: z.string().trim().min(3, 'say why it is void').max(500) });

export type FieldErrors = Record<string, string>;

/** The first message per field of a zod error (`lines.0.description` → `lines.0.description`). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    out[key] ??= issue.message;
  }
  return out;
}

/** A stored line as the hand-typed form shows it: its quantity and unit price, or 1 × its amount. */
export interface FormLine {
  description: string;
  quantity: string;
  unitPrice: string;
}

export function toFormLines(lines: readonly InvoiceLine[]): FormLine[] {
  return lines.map((line) => {
    const manual = manualLineSchema.safeParse(line);
    return manual.success && lineAmountCents(manual.data.quantityMilli, manual.data.unitPriceCents) === line.amountCents
      ? { description: line.description, quantity: milliToText(manual.data.quantityMilli), unitPrice: centsToText(manual.data.unitPriceCents) }
      : { description: line.description, quantity: '1', unitPrice: centsToText(line.amountCents) };
  });
}
