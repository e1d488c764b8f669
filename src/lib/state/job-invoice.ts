/**
 * "Create invoice" on a completed job, and the job's status following its billing.
 * Reads the board doc (job, time entries, part uses), the directory (technicians' hours) and
 * the price book as they are now, builds the draft with the pure rule
 * (domain/billing/job-invoice.ts) and writes it through `FinanceDoc.createDraftInvoice`.
 * Finance roles only; a technician has no finance doc, so every command here refuses.
 */
import { invoiceDraftFromJob } from '../domain/billing/job-invoice';
import { currentTimeEntries, type CurrentTimeEntry } from '../domain/fieldwork/time-entries';
import { orgDay } from '../domain/receivables/records';
import { followJobBilling, invoiceOfJob } from '../sync/job-billing';
import { board } from './board.svelte';
import { workspace } from './workspace.svelte';

export type JobInvoiceResult = { ok: true; id: string; existing: boolean; priceNeeded: string[] } | { ok: false; error: string };

/**
 * The job's date for coverage (agreement in force, warranty end): the organisation day its
 * last finished time entry ended, else today.
 */
function workDay(entries: readonly CurrentTimeEntry[], jobId: string, now: Date, timeZone: string): string {
  const ends = entries.filter((e) => e.jobId === jobId && e.end).map((e) => e.end!).sort();
  const last = ends[ends.length - 1];
  return orgDay(last ? new Date(last) : now, timeZone);
}

/**
 * Builds and saves the job's draft invoice. A job that already has an invoice that is not
 * void gets that one back (`existing`), never a second draft.
 */
export function createDraftFromJob(jobId: string, now = new Date()): JobInvoiceResult {
  const { board: boardDoc, finance, catalog, actor } = { board: workspace.board, finance: workspace.finance, catalog: workspace.catalog, actor: workspace.actor };
  if (!boardDoc || !finance || !catalog || !actor || !workspace.canWriteFinance) return { ok: false, error: 'Your role cannot create invoices.' };
  const existing = invoiceOfJob(finance.receivables(), jobId);
  if (existing) return { ok: true, id: existing.id, existing: true, priceNeeded: [] };
  const job = boardDoc.getJob(jobId);
  if (!job) return { ok: false, error: 'That job is not on this board.' };
  if (!job.customerId) return { ok: false, error: `Job ${job.number} has no customer record: link it to a customer before invoicing.` };
  const timeEntries = currentTimeEntries(boardDoc.fieldWork.timeRecords());
  const assets = boardDoc.directory.assets.list().filter((a) => job.assetIds.includes(a.id));
  const built = invoiceDraftFromJob({
    job: { id: job.id, number: job.number, customerId: job.customerId, type: job.type, status: job.status },
    timeEntries,
    coverage: { agreements: boardDoc.agreements.agreements.list(), siteId: job.siteId ?? null, assets, date: workDay(timeEntries, job.id, now, board.timeZone) },
    partUses: boardDoc.fieldWork.partUses.list(),
    technicians: board.technicians,
    book: catalog.priceBook(),
    timeZone: board.timeZone
  });
  if (!built.ok) return { ok: false, error: built.errors.join(' ') };
  const { draft } = built;
  const customerName = board.customerById.get(job.customerId)?.name ?? job.customerName;
  const saved = finance.createDraftInvoice({ customerId: job.customerId, customerName, officeId: job.officeId ?? null, jobId: job.id, date: orgDay(now, board.timeZone), terms: draft.terms, lines: draft.lines, totals: draft.totals }, actor, now);
  return saved.ok ? { ok: true, id: saved.id, existing: false, priceNeeded: draft.priceNeeded } : { ok: false, error: saved.error };
}

/**
 * After this device issued an invoice or recorded a payment: the jobs of the documents it
 * touched follow their billing (sync/job-billing.ts). Only a device that may change the board
 * writes; others leave it to a device that can.
 */
export function followBilling(jobIds: Iterable<string | null>, now = new Date()): void {
  const { board: boardDoc, finance, actor } = { board: workspace.board, finance: workspace.finance, actor: workspace.actor };
  if (!boardDoc || !finance || !actor || !workspace.canWriteBoard) return;
  const receivables = finance.receivables();
  for (const jobId of new Set(jobIds)) if (jobId) followJobBilling(boardDoc, receivables, jobId, actor, now);
}
