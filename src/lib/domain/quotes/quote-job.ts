/**
 * The job an accepted quote becomes (input for `BoardDoc.createJob`): a `new` web job the
 * dispatcher schedules, whose description is the chosen option's work, so the technician sees
 * what was sold, which names the quote it came from, and which requires the option's parts
 * (so the technician's "Bring" list and tomorrow's truck check count them).
 */
import { requiredPartList, type RequiredPart } from '../jobs/required-parts';
import { formatCents } from '../receivables/money';
import { quotedParts } from './quote-lines';
import type { QuoteView } from './quote-status';
import { namedUuid } from '../ids/named-uuid';

function optionOf(view: QuoteView, optionId: string) {
  return view.record.priced.find((o) => o.id === optionId) ?? view.record.priced[0]!;
}

/** The parts option `optionId` brings (whole units); a quote saved before they were stored: its part lines. */
export function quoteRequiredParts(view: QuoteView, optionId: string): RequiredPart[] {
  const option = optionOf(view, optionId);
  return option.requiredParts ?? quotedParts(option.document.lines, []);
}

/**
 * What a job already on the board (the quote was made for it) requires once the quote is
 * accepted: its own parts, each raised to at least the quoted quantity, plus the quoted parts
 * it lacked. Raised rather than added, because the office often lists on the job the very
 * parts it then quotes.
 */
export function withQuotedParts(stored: Readonly<Record<string, number>> | undefined, quoted: readonly RequiredPart[]): RequiredPart[] {
  const parts = new Map(requiredPartList(stored).map((p) => [p.partId, p.quantity]));
  for (const { partId, quantity } of quoted) parts.set(partId, Math.max(parts.get(partId) ?? 0, quantity));
  // The job's own parts come first in the map: past the 100-part limit only quoted newcomers are left out.
  return [...parts].map(([partId, quantity]) => ({ partId, quantity })).slice(0, 100);
}

export function quoteJobInput(view: QuoteView, optionId: string, signerName: string): Record<string, unknown> {
  const r = view.record;
  const option = optionOf(view, optionId);
  const requiredParts = quoteRequiredParts(view, option.id);
  const work = option.document.lines.map((l) => `- ${l.description} (${l.explanation})`).join('\n');
  const heading = `Quote ${r.number}${r.priced.length > 1 ? `, option ${option.label}` : ''} accepted by ${signerName} (${formatCents(option.document.totals.totalCents)}).`;
  const problem = [heading, 'Work:', work, ...(r.notes ? ['', `Notes: ${r.notes}`] : [])].join('\n');
  return {
    customerName: r.customerName || r.customerId,
    customerId: r.customerId,
    siteAddress: r.siteAddress,
    problem: problem.slice(0, 4000),
    type: 'repair',
    priority: 'normal',
    channel: 'web',
    ...(requiredParts.length ? { requiredParts } : {})
  };
}

/** The id of the job a quote's acceptance creates: the same for every attempt, so an acceptance retried after a crash finds its job instead of making a second one. */
export function quoteJobId(quoteId: string): string {
  return namedUuid(`quote-job:${quoteId}`);
}
