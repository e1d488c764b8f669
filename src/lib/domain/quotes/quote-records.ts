/**
 * The finance room's quotes (src/lib/sync/README.md "finance collections: quotes"): a quote
 * record (editable until the customer answers) and its event ledger (`quoteEvents`: sent,
 * accepted, declined; immutable and authored). Expiry is not an event: it is derived from
 * `validUntil` against the organisation's day (quote-status.ts).
 *
 * Lines are the pricing engine's `LineDraft`s (shared lines in every option, plus each option's
 * own) and the record keeps the engine's priced options, so the quote prints and is accepted
 * exactly as it was priced on the device that saved it.
 */
import { z } from 'zod';
import { lineDraftSchema, pricedDocumentSchema, type LineDraft } from '../billing/lines';
import { priceQuote } from '../billing/documents';
import { requiredPartsInputSchema } from '../jobs/required-parts';
import { calendarDaySchema, centsSchema } from '../receivables/records';
import { quoteLineDraft, quoteLineInputSchema, quotedParts, type QuoteBook } from './quote-lines';

export { QUOTED_PRICE_REASON, quoteLineInputSchema, type QuoteBook, type QuoteLineInput } from './quote-lines';

const instant = z.iso.datetime({ offset: true });

export const quoteOptionSchema = z.object({
  id: z.string().min(1).max(60),
  label: z.string().min(1).max(60),
  lines: z.array(lineDraftSchema)
});

export const pricedQuoteOptionSchema = z.object({
  id: z.string().min(1).max(60),
  label: z.string().min(1).max(60),
  document: pricedDocumentSchema,
  /**
   * The price-book parts the option brings in whole units (its part lines and its bundles'
   * parts, quote-lines.ts `quotedParts`): the accepted job's required parts. Absent on quotes
   * saved before it was added (their part lines are used).
   */
  requiredParts: requiredPartsInputSchema.optional().catch(undefined)
});
export type PricedQuoteOptionRecord = z.infer<typeof pricedQuoteOptionSchema>;

/** `quotes`: one per quote; fields change until the customer answers (then the office makes a new quote). */
export const quoteRecordSchema = z.object({
  id: z.string().min(1),
  /** `Q-<series>-<NNNN>`, from the creating tab's series (README "numbering"). */
  number: z.string().min(1),
  customerId: z.string().min(1),
  customerName: z.string().catch(''),
  siteAddress: z.string().catch(''),
  /** The job the quote was made for (acceptance is recorded on it instead of a new job). */
  jobId: z.string().nullable().catch(null),
  date: calendarDaySchema,
  validUntil: calendarDaySchema,
  notes: z.string().max(4000).catch(''),
  shared: z.array(lineDraftSchema),
  options: z.array(quoteOptionSchema),
  /** The engine's output for `shared` + each option (one option "Quote" when there are none). */
  priced: z.array(pricedQuoteOptionSchema).min(1),
  createdAt: instant,
  createdBy: z.string(),
  updatedAt: instant
});
export type QuoteRecord = z.infer<typeof quoteRecordSchema>;

const authored = {
  id: z.string().min(1),
  quoteId: z.string().min(1),
  at: instant,
  by: z.string().min(1),
  byName: z.string().optional()
};

/** The office sent the quote (copied or shared its customer link). */
export const quoteSentSchema = z.object({ ...authored, kind: z.literal('sent') });
/** The customer accepted one option through the link (written by the relay, `by` = LINK_AUTHOR). */
export const quoteAcceptedSchema = z.object({
  ...authored,
  kind: z.literal('accepted'),
  optionId: z.string().min(1),
  optionLabel: z.string(),
  /** The accepted option's total when accepted (the record could be edited later; this cannot). */
  totalCents: centsSchema,
  signerName: z.string().min(1).max(200),
  /** SHA-256 of the drawn signature (PNG) in the blob store. */
  signatureSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The job made from the acceptance, or the quote's own job. */
  jobId: z.string().nullable().catch(null),
  jobNumber: z.string().nullable().catch(null)
});
export const quoteDeclinedSchema = z.object({ ...authored, kind: z.literal('declined'), reason: z.string().min(1).max(1000), signerName: z.string().max(200).catch('') });
export const quoteEventSchema = z.discriminatedUnion('kind', [quoteSentSchema, quoteAcceptedSchema, quoteDeclinedSchema]);
export type QuoteEvent = z.infer<typeof quoteEventSchema>;
export type QuoteAccepted = z.infer<typeof quoteAcceptedSchema>;
export type QuoteDeclined = z.infer<typeof quoteDeclinedSchema>;

/** Who the relay writes a customer's answer as (the customer has no account). */
export const LINK_AUTHOR = 'customer-link';

/** What the quote form hands the finance room. No options = a single-option quote. */
export const quoteInputSchema = z
  .object({
    customerId: z.string().min(1, 'choose a customer'),
    customerName: z.string().max(200).default(''),
    siteAddress: z.string().trim().max(300).default(''),
    jobId: z.string().min(1).nullable().default(null),
    date: calendarDaySchema,
    validUntil: calendarDaySchema,
    notes: z.string().trim().max(4000).default(''),
    shared: z.array(quoteLineInputSchema).max(200).default([]),
    options: z.array(z.object({ label: z.string().trim().min(1, 'name the option').max(60), lines: z.array(quoteLineInputSchema).min(1, 'an option needs a line').max(200) })).max(3).default([])
  })
  .refine((q) => q.validUntil >= q.date, { path: ['validUntil'], message: 'valid until must be on or after the date' })
  .refine((q) => q.shared.length > 0 || q.options.length > 0, { path: ['shared'], message: 'add at least one line' });
export type QuoteInput = z.input<typeof quoteInputSchema>;

/** The quote's stored lines and priced options from the form's input (already parsed), with the price book when there is one. */
export function priceQuoteInput(input: z.output<typeof quoteInputSchema>, book: QuoteBook | null = null): { ok: true; shared: LineDraft[]; options: z.infer<typeof quoteOptionSchema>[]; priced: PricedQuoteOptionRecord[] } | { ok: false; errors: string[] } {
  const shared = input.shared.map((l, i) => quoteLineDraft(l, `s${i + 1}`, null, book));
  const options = input.options.map((o, i) => {
    const id = `o${i + 1}`;
    return { id, label: o.label, lines: o.lines.map((l, j) => quoteLineDraft(l, `${id}-${j + 1}`, id, book)) };
  });
  const priced = priceQuote(shared, options);
  if (!priced.ok) return priced;
  return { ok: true, shared, options, priced: priced.options.map((o) => ({ ...o, requiredParts: quotedParts(o.document.lines, book?.bundles ?? []) })) };
}
