/**
 * The client's pure computations over the simulated company (bench/client.ts): the KPI
 * dashboard (the reporting projection's rows → computeDashboard, as bench/reports.ts does)
 * and invoice pricing (a typical job's draft through job-invoice.ts, and a 50-line invoice
 * through priceDocument). Medians of repeated runs after a warm-up; figures only.
 */
import { eventsByJob, type JobEvent } from '../../src/lib/domain/jobs/job-events';
import type { Job } from '../../src/lib/domain/jobs/job';
import type { VisitStatus } from '../../src/lib/domain/scheduling/visit';
import { computeDashboard } from '../../src/lib/domain/kpi/dashboard';
import { invoiceDraftFromJob, type JobInvoiceInput } from '../../src/lib/domain/billing/job-invoice';
import { priceDocument } from '../../src/lib/domain/billing/price-document';
import { draft, qty, TAX_CA, TAX_CITY, TAX_SF, testBook } from '../../src/lib/domain/billing/test-book';
import { currentTimeEntries } from '../../src/lib/domain/fieldwork/time-entries';
import { ReportingProjection } from '../../src/lib/state/reporting-projection';
import type { BoardDoc } from '../../src/lib/sync/board-doc';

export function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** Times `run` `times` times after one warm-up run (the JIT), returning each duration in ms. */
export function timed(times: number, run: () => void): number[] {
  run();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    out.push(performance.now() - t);
  }
  return out;
}

/** Jobs, histories and further visits of one or more boards (a year comes in chunks). */
export class ReportInput {
  readonly jobs = new Map<string, Job>();
  readonly events = new Map<string, JobEvent[]>();
  readonly visits = new Map<string, VisitStatus[]>();

  add(board: BoardDoc): this {
    for (const job of board.listJobs()) this.jobs.set(job.id, job);
    for (const [id, list] of eventsByJob(board.jobEvents.list())) this.events.set(id, list);
    for (const visit of board.visits.collection.list()) this.visits.set(visit.jobId, [...(this.visits.get(visit.jobId) ?? []), visit.status]);
    return this;
  }
}

export interface KpiFigures {
  jobs: number;
  rebuildMs: number;
  dashboardMs: number;
}

/** The full dashboard over `range`, from rows rebuilt once (the projection keeps them up to date in the app). */
export function measureKpi(input: ReportInput, range: { start: string; end: string }, timeZone: string): KpiFigures {
  const projection = new ReportingProjection();
  const t = performance.now();
  const rows = projection.rebuild({ jobIds: () => input.jobs.keys(), job: (id) => input.jobs.get(id), historyOf: (id) => input.events.get(id) ?? [], furtherVisits: (id) => input.visits.get(id) ?? [] });
  const rebuildMs = performance.now() - t;
  const dashboardMs = median(timed(7, () => computeDashboard(rows, { range }, timeZone)));
  return { jobs: rows.length, rebuildMs, dashboardMs };
}

export interface InvoiceFigures {
  typicalLines: number;
  typicalMs: number;
  fiftyLineMs: number;
}

/**
 * A typical finished job of `board` (one with parts and at least two time entries) priced
 * with the test price book; its generated parts are mapped onto the book's parts so they price
 * from the book rather than as "PRICE NEEDED" lines. Then a 50-line invoice of mixed tax rates.
 */
export function measureInvoice(board: BoardDoc, timeZone: string): InvoiceFigures {
  const book = testBook();
  const uses = board.fieldWork.partUses.list();
  const entries = currentTimeEntries(board.fieldWork.timeEntries.list());
  const job = board.listJobs().find((j) => uses.some((u) => u.jobId === j.id) && entries.filter((e) => e.jobId === j.id && e.end).length >= 2);
  if (!job) throw new Error('no finished job with parts and time in the history');
  const input: JobInvoiceInput = {
    job: { id: job.id, number: job.number, customerId: job.customerId ?? 'customer', type: job.type, status: 'completed' },
    timeEntries: entries.filter((e) => e.jobId === job.id),
    partUses: uses.filter((u) => u.jobId === job.id).map((u, i) => ({ ...u, partId: book.parts[i % book.parts.length]!.id })),
    technicians: board.directory.technicians.list(),
    book,
    timeZone
  };
  const result = invoiceDraftFromJob(input);
  if (!result.ok) throw new Error(result.errors.join('; '));
  const taxes = [TAX_CA, TAX_CITY, TAX_SF];
  const lines = Array.from({ length: 50 }, (_, i) => {
    const tax = taxes[i % 3]!;
    return draft({ id: `line-${i}`, description: `Line ${i}`, quantity: qty(1 + (i % 4) * 0.5), unitPriceCents: 1000 + i * 137, taxRateId: tax.id, taxRateBp: tax.rateBp, taxRatePpm: tax.ratePpm ?? null, taxRateName: tax.name, taxable: i % 5 !== 0 });
  });
  if (!priceDocument(lines).ok) throw new Error('the 50-line invoice did not price');
  return { typicalLines: result.draft.lines.length, typicalMs: median(timed(200, () => invoiceDraftFromJob(input))), fiftyLineMs: median(timed(200, () => priceDocument(lines))) };
}
