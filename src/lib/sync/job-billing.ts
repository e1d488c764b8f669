/**
 * The join between a job (board doc) and its invoices (finance doc).
 *
 * - `invoiceOfJob`: the job's invoice that is not void (a draft, issued or paid), so a job gets
 *   one draft at a time: a second "Create invoice" opens the existing one instead. When two
 *   devices drafted offline, every device picks the same one (domain/receivables/job-invoices.ts).
 * - `followJobBilling`: the job's status follows billing through the job event log (README
 *   "job status follows billing"): issued → `invoiced`, fully paid → `paid`, its issued invoice
 *   voided (none left) → back to `completed`. It is run by the
 *   device that records the issue or the payment, right after it, and writes only the missing
 *   steps (completed → invoiced → paid, each an ordinary status event with the stamp rule), so
 *   running it again writes nothing. Two devices that both write the same step converge: the
 *   status is the `to` of the latest event and both say the same.
 */
import type { Receivables, InvoiceView } from '../domain/receivables/ledger';
import { jobInvoices } from '../domain/receivables/job-invoices';
import { jobBillingStatus } from '../domain/receivables/ledger';
import type { JobStatus } from '../domain/jobs/status';
import type { Actor, BoardDoc } from './board-doc';

export function invoiceOfJob(receivables: Receivables, jobId: string): InvoiceView | undefined {
  return jobInvoices(receivables.invoices, jobId).current;
}

/**
 * The status steps from `from` that bring a job in line with billing `target`. An `invoiced`
 * job with no issued invoice left (its invoice was voided) goes back to `completed`
 * (status.ts allows it), so it can be invoiced again.
 */
export function billingSteps(from: JobStatus, target: 'invoiced' | 'paid' | null): JobStatus[] {
  if (target === null) return from === 'invoiced' ? ['completed'] : [];
  if (target === 'invoiced') return from === 'completed' ? ['invoiced'] : [];
  if (target === 'paid') return from === 'completed' ? ['invoiced', 'paid'] : from === 'invoiced' ? ['paid'] : [];
  return [];
}

/** Writes the job's missing billing steps; returns the statuses written (none when already in line). */
export function followJobBilling(board: BoardDoc, receivables: Receivables, jobId: string, actor: Actor, now = new Date()): JobStatus[] {
  const job = board.getJob(jobId);
  if (!job) return [];
  const written: JobStatus[] = [];
  for (const to of billingSteps(job.status, jobBillingStatus(receivables, jobId))) {
    if (!board.transitionJob(jobId, to, actor, now).ok) break;
    written.push(to);
  }
  return written;
}
