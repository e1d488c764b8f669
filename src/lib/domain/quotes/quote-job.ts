/**
 * The job an accepted quote becomes (input for `BoardDoc.createJob`): a `new` web job the
 * dispatcher schedules, whose description is the chosen option's work, so the technician sees
 * what was sold, and which names the quote it came from.
 */
import { formatCents } from '../receivables/money';
import type { QuoteView } from './quote-status';
import { namedUuid } from '../ids/named-uuid';

export function quoteJobInput(view: QuoteView, optionId: string, signerName: string): Record<string, unknown> {
  const r = view.record;
  const option = r.priced.find((o) => o.id === optionId) ?? r.priced[0]!;
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
    channel: 'web'
  };
}

/** The id of the job a quote's acceptance creates: the same for every attempt, so an acceptance retried after a crash finds its job instead of making a second one. */
export function quoteJobId(quoteId: string): string {
  return namedUuid(`quote-job:${quoteId}`);
}
