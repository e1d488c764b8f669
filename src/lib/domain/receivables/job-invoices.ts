/**
 * One open invoice per job, even when two devices each drafted one offline.
 *
 * THE JOB'S INVOICE RULE: among a job's invoices that are not void (credit notes aside),
 * "the" invoice is the first issued one (issue events in stamp order), else the earliest
 * draft by (createdAt, id): every device picks the same one. Every other draft of the job is a
 * DUPLICATE draft, except a revision of the job's invoice (`revisionOf`), which is how an
 * issued invoice is changed. A duplicate is shown as such with "Discard" (a `voided` event
 * with a reason: finance records are never deleted), and issuing it is refused, so a job is
 * never billed twice by accident. Two invoices already issued for one job (offline, before
 * this rule could see both) both stay issued: numbers are never taken back; void or credit one.
 */
import { compareStamped } from '../jobs/event-order';
import type { InvoiceView } from './ledger';

export interface JobInvoices {
  /** The job's invoice (issued, or the earliest draft); undefined when it has none. */
  current: InvoiceView | undefined;
  /** Drafts of the job other than `current` and its revisions: to be discarded, never issued. */
  duplicates: InvoiceView[];
}

function byCreation(a: InvoiceView, b: InvoiceView): number {
  return a.record.createdAt.localeCompare(b.record.createdAt) || a.id.localeCompare(b.id);
}

export function jobInvoices(invoices: readonly InvoiceView[], jobId: string): JobInvoices {
  const mine = invoices.filter((v) => v.kind === 'invoice' && v.record.jobId === jobId && v.status !== 'void');
  const issued = mine.filter((v) => v.issued).sort((a, b) => compareStamped(a.issued!, b.issued!));
  const drafts = mine.filter((v) => !v.issued).sort(byCreation);
  const current = issued[0] ?? drafts.find((v) => v.record.revisionOf === null) ?? drafts[0];
  const duplicates = drafts.filter((v) => v !== current && v.record.revisionOf === null);
  return { current, duplicates };
}

/** Why `view` may not be issued because it duplicates its job's invoice, or null. */
export function duplicateDraftBlock(invoices: readonly InvoiceView[], view: InvoiceView): string | null {
  if (!view.record.jobId || view.kind !== 'invoice' || view.record.revisionOf !== null) return null;
  const { current, duplicates } = jobInvoices(invoices, view.record.jobId);
  if (!current || !duplicates.some((d) => d.id === view.id)) return null;
  const which = current.number ? `invoice ${current.number}` : `the draft created ${current.record.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
  return `This is a duplicate draft of the same job: ${which} is the job’s invoice. Discard this one (or void the other first).`;
}
