/**
 * The typed API of the finance doc's quotes (README "finance collections: quotes"): the
 * `quotes` records and the `quoteEvents` ledger. The office creates and edits quotes and
 * records that it sent one; the customer's answer (accepted / declined) is written by the
 * relay from the link (server/intake/document-links.ts) through `recordAnswer`, in one
 * transaction, refused once the quote is answered or expired.
 */
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { Collection } from './collection';
import { nextNumberIn } from './numbering';
import { LOCAL_EDIT, type Actor } from './board-doc';
import { fieldErrorsOf, type FieldErrors } from '../domain/receivables/forms';
import { priceQuoteInput, quoteEventSchema, type QuoteBook as PriceBookPart, quoteInputSchema, quoteRecordSchema, type QuoteAccepted, type QuoteDeclined, type QuoteEvent, type QuoteRecord } from '../domain/quotes/quote-records';
import { answerRefusal, deriveQuotes, quoteView, type QuoteView } from '../domain/quotes/quote-status';

export type QuoteResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; errors?: FieldErrors };

/** Quote numbers: `Q-<series>-<NNNN>`. */
export const QUOTE_PREFIX = 'Q';

/** An answer as the relay records it (the event without its id and quote). */
export type QuoteAnswer = Omit<QuoteAccepted, 'id' | 'quoteId'> | Omit<QuoteDeclined, 'id' | 'quoteId'>;

export class QuoteBook {
  readonly quotes: Collection<QuoteRecord>;
  readonly events: Collection<QuoteEvent>;

  constructor(private readonly doc: Y.Doc) {
    this.quotes = new Collection(doc.getMap('quotes'), quoteRecordSchema);
    this.events = new Collection(doc.getMap('quoteEvents'), quoteEventSchema);
  }

  /** Every readable quote with its status on organisation day `today`. */
  list(today: string): QuoteView[] {
    return deriveQuotes(this.quotes.list(), this.events.list(), today);
  }

  view(id: string, today: string): QuoteView | undefined {
    const record = this.quotes.get(id);
    return record ? quoteView(record, this.events.list(), today) : undefined;
  }

  observe(callback: () => void): () => void {
    const stops = [this.quotes.observe(() => callback()), this.events.observe(() => callback())];
    return () => stops.forEach((stop) => stop());
  }

  /** Prices and saves a new quote (lines started from the price book priced by `book`), numbered from this tab's series. */
  create(input: unknown, actor: Actor, deviceCode: string, now = new Date(), book: PriceBookPart | null = null): QuoteResult<{ id: string; number: string }> {
    const priced = this.#priced(input, book);
    if (!priced.ok) return priced;
    const id = uuidv4();
    const at = now.toISOString();
    const number = nextNumberIn(this.quotes, QUOTE_PREFIX, deviceCode);
    const record: QuoteRecord = { id, number, ...priced.fields, createdAt: at, createdBy: actor.id, updatedAt: at };
    this.doc.transact(() => this.quotes.insert(record), LOCAL_EDIT);
    return { ok: true, id, number };
  }

  /** Replaces an unanswered quote's fields (its number and customer's answer history stay). */
  update(id: string, input: unknown, today: string, now = new Date(), book: PriceBookPart | null = null): QuoteResult {
    const view = this.view(id, today);
    if (!view) return { ok: false, error: 'That quote no longer exists.' };
    if (view.answer) return { ok: false, error: `It was ${view.answer.kind}: make a new quote instead.` };
    const priced = this.#priced(input, book);
    if (!priced.ok) return priced;
    this.doc.transact(() => this.quotes.patch(id, { ...priced.fields, updatedAt: now.toISOString() }), LOCAL_EDIT);
    return { ok: true };
  }

  /** Records that the office sent the quote (its link was copied or shared); once is enough. */
  markSent(id: string, actor: Actor, today: string, now = new Date()): QuoteResult {
    const view = this.view(id, today);
    if (!view) return { ok: false, error: 'That quote no longer exists.' };
    if (view.sentAt) return { ok: true };
    this.doc.transact(() => this.events.insert({ id: uuidv4(), kind: 'sent', quoteId: id, at: now.toISOString(), by: actor.id, ...(actor.name ? { byName: actor.name } : {}) }), LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * The customer's answer, written by the relay. Refused when the quote is gone, already
   * answered or expired (relay's organisation day), or the option is not one of the quote's.
   */
  recordAnswer(id: string, answer: QuoteAnswer, today: string): QuoteResult {
    const view = this.view(id, today);
    if (!view) return { ok: false, error: 'This quote no longer exists.' };
    const refused = answerRefusal(view);
    if (refused) return { ok: false, error: refused };
    if (answer.kind === 'accepted' && !view.record.priced.some((o) => o.id === answer.optionId)) return { ok: false, error: 'Choose one of the quote’s options.' };
    const event = quoteEventSchema.safeParse({ ...answer, id: uuidv4(), quoteId: id });
    if (!event.success) return { ok: false, error: 'The answer is incomplete.', errors: fieldErrorsOf(event.error) };
    this.doc.transact(() => this.events.insert(event.data), LOCAL_EDIT);
    return { ok: true };
  }

  #priced(input: unknown, book: PriceBookPart | null): { ok: true; fields: Omit<QuoteRecord, 'id' | 'number' | 'createdAt' | 'createdBy' | 'updatedAt'> } | { ok: false; error: string; errors?: FieldErrors } {
    const parsed = quoteInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
    const priced = priceQuoteInput(parsed.data, book);
    if (!priced.ok) return { ok: false, error: priced.errors.join('; ') };
    const { customerId, customerName, siteAddress, jobId, date, validUntil, notes } = parsed.data;
    return { ok: true, fields: { customerId, customerName, siteAddress, jobId, date, validUntil, notes, shared: priced.shared, options: priced.options, priced: priced.priced } };
  }
}
