/**
 * A quote's status, derived the same way on every device and on the relay:
 * accepted / declined (the customer's first answer) › expired (no answer and the
 * organisation's day is after `validUntil`) › sent (the office sent its link) › draft.
 */
import type { QuoteAccepted, QuoteDeclined, QuoteEvent, QuoteRecord } from './quote-records';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_STATUS_LABEL: Record<QuoteStatus, string> = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', expired: 'Expired' };

export interface QuoteView {
  id: string;
  record: QuoteRecord;
  status: QuoteStatus;
  /** The customer's answer, if any. */
  answer: QuoteAccepted | QuoteDeclined | null;
  sentAt: string | null;
  /** The lowest and highest option totals (equal for a single option). */
  totalRange: [number, number];
}

/** The first answer by time (then id), so two answers racing in from two relays still agree. */
function firstAnswer(events: readonly QuoteEvent[]): QuoteAccepted | QuoteDeclined | null {
  const answers = events.filter((e): e is QuoteAccepted | QuoteDeclined => e.kind === 'accepted' || e.kind === 'declined');
  answers.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return answers[0] ?? null;
}

/** The view of one quote on organisation day `today` (`YYYY-MM-DD`). */
export function quoteView(record: QuoteRecord, events: readonly QuoteEvent[], today: string): QuoteView {
  const own = events.filter((e) => e.quoteId === record.id);
  const answer = firstAnswer(own);
  const sent = own.filter((e) => e.kind === 'sent').map((e) => e.at).sort()[0] ?? null;
  const status: QuoteStatus = answer ? answer.kind : today > record.validUntil ? 'expired' : sent ? 'sent' : 'draft';
  const totals = record.priced.map((o) => o.document.totals.totalCents);
  return { id: record.id, record, status, answer, sentAt: sent, totalRange: [Math.min(...totals), Math.max(...totals)] };
}

/** Every quote, newest first. */
export function deriveQuotes(records: readonly QuoteRecord[], events: readonly QuoteEvent[], today: string): QuoteView[] {
  return records.map((r) => quoteView(r, events, today)).sort((a, b) => b.record.date.localeCompare(a.record.date) || b.record.number.localeCompare(a.record.number));
}

/** Why the customer can no longer answer, or null when they can. */
export function answerRefusal(view: QuoteView): string | null {
  if (view.status === 'accepted') return 'This quote was already accepted.';
  if (view.status === 'declined') return 'This quote was already declined.';
  if (view.status === 'expired') return `This quote expired on ${view.record.validUntil}. Please ask for a new one.`;
  return null;
}
