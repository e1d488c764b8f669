/**
 * Factories for hand-built KPI inputs (unit tests and the bench): a job's facts with sensible
 * defaults, so each case states only what it is about.
 */
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
