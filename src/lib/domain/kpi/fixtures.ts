/**
 * Factories for hand-built KPI inputs (unit tests and the bench): a job's facts with sensible
 * defaults, so each case states only what it is about.
 */
import { Random } from '../../demo/prng';
import { JOB_TYPES } from '../jobs/job';
import { JOB_STATUSES } from '../jobs/status';
import type { BillingIndex } from './billing-index';
import { summaryRow, type JobSummary } from './job-summary';
import { RowColumns } from './row-columns';
import type { InvoiceFacts, JobFacts, OnSiteInterval } from './types';

export function jobFactsOf(overrides: Partial<JobFacts> & { id: string }): JobFacts {
  return {
    number: `J-T-${overrides.id}`,
    type: 'repair',
    status: 'new',
    officeId: 'o1',
    technicianIds: ['t1'],
    assetIds: [],
    createdAt: '2026-06-01T16:00:00.000Z',
    firstOnSiteAt: null,
    completedAt: null,
    slaDue: null,
    callbackOf: null,
    followUpOf: null,
    onSiteVisits: 0,
    outcome: null,
    ...overrides
  };
}

/** A job completed after one visit: created → on site +2 h → completed +3 h. */
export function completedJob(id: string, createdAt: string, overrides: Partial<JobFacts> = {}): JobFacts {
  const t = Date.parse(createdAt);
  return jobFactsOf({ id, createdAt, status: 'completed', firstOnSiteAt: new Date(t + 2 * 3600_000).toISOString(), completedAt: new Date(t + 3 * 3600_000).toISOString(), onSiteVisits: 1, ...overrides });
}

export function invoiceOf(id: string, jobId: string | null, issuedAt: string, subtotalCents: number, overrides: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return { id, number: `INV-${id}`, jobId, customerId: 'c1', issuedAt, dueAt: null, subtotalCents, totalCents: subtotalCents, ...overrides };
}

export function onSite(jobId: string, technicianId: string | null, start: string, minutes: number): OnSiteInterval {
  return { jobId, technicianId, start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString() };
}

/** Seeded rows over a year: random statuses, dates, links. */
export function randomSummaryRows(seed: number, count: number, now: number): JobSummary[] {
  const r = new Random(seed);
  const iso = (t: number) => new Date(t).toISOString();
  const rows: JobSummary[] = [];
  for (let i = 0; i < count; i++) {
    const created = now - r.int(0, 365) * 86_400_000 - r.int(0, 86_399) * 1000;
    const onSiteAt = r.chance(0.8) ? created + r.int(1, 72) * 3600_000 : null;
    const completed = onSiteAt && r.chance(0.8) ? onSiteAt + r.int(10, 300) * 60_000 : null;
    const facts = jobFactsOf({
      id: `j${i}`, type: r.pick(JOB_TYPES), status: completed ? r.pick(['completed', 'invoiced', 'paid'] as const) : r.pick(JOB_STATUSES), officeId: `o${r.int(1, 3)}`, technicianIds: [`t${r.int(1, 5)}`],
      createdAt: iso(created), firstOnSiteAt: onSiteAt ? iso(onSiteAt) : null, completedAt: completed ? iso(completed) : null,
      slaDue: r.chance(0.5) ? iso(created + r.int(1, 48) * 3600_000) : null, callbackOf: i > 0 && r.chance(0.1) ? `j${r.int(0, i - 1)}` : null, onSiteVisits: onSiteAt ? r.int(1, 3) : 0, outcome: completed && r.chance(0.3) ? r.pick(['fixed', 'no_fault_found'] as const) : null
    });
    // Some jobs' time comes from time entries of one or two technicians, the rest from events (technician unknown).
    const minutes = onSiteAt && completed ? (completed - onSiteAt) / 60_000 : 0;
    const techs = r.chance(0.5) ? [...new Set(facts.technicianIds.concat(r.chance(0.3) ? [`t${r.int(1, 5)}`] : []))] : [null];
    rows.push(summaryRow(facts, minutes ? techs.map((t, k) => onSite(facts.id, t, iso(onSiteAt! + k * 600_000), minutes / (k + 1))) : [], ''));
  }
  return rows;
}

/** Everything a billing index holds, as plain values (what an index kept in step and one rebuilt must agree on). */
export function billingSnapshot(index: BillingIndex, columns: RowColumns = new RowColumns()) {
  const byKey = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  const lists = index.lists();
  return {
    live: index.live.items.map((i) => i.id),
    ms: [...index.live.ms],
    liveIds: [...index.liveIds],
    firstOfJob: [...index.firstOfJob],
    totals: [...index.totals],
    paidAll: [...index.paidAll],
    lastPaidMs: [...index.lastPaidMs],
    firstIssued: byKey(index.firstIssued),
    paidByInvoice: byKey(index.paidByInvoice),
    slots: [...index.slotsIn(columns)],
    invoices: byId(lists.invoices),
    payments: byId(lists.payments),
    size: index.size
  };
}
