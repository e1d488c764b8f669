import { describe, expect, it } from 'vitest';
import { toJob, jobRecordSchema } from '../jobs/job';
import type { JobEvent } from '../jobs/job-events';
import type { JobStatus } from '../jobs/status';
import { jobFacts, onSiteFromEvents } from './job-facts';

const record = jobRecordSchema.parse({ id: 'j1', number: 'J-A-0001', customerName: 'C', problem: 'P', createdAt: '2026-06-02T16:00:00.000Z', createdBy: 'u', updatedAt: '2026-06-02T16:00:00.000Z', callbackOf: 'j0', 'assigned': { t1: true } });

function history(...steps: Array<[JobStatus, string]>): JobEvent[] {
  let from: JobStatus | null = null;
  return steps.map(([to, at], i) => {
    const e: JobEvent = { id: `e${i}`, jobId: 'j1', kind: from ? 'status' : 'created', from, to, at, by: 'u' };
    from = to;
    return e;
  });
}

describe('job facts from events and visits', () => {
  it.each([
    { name: 'a new job has no on-site or completion time', events: history(['new', '2026-06-02T16:00:00.000Z']), status: 'new' as const, facts: { firstOnSiteAt: null, completedAt: null, onSiteVisits: 0 } },
    {
      name: 'a completed job: first arrival, first completion, one visit',
      events: history(['new', '2026-06-02T16:00:00.000Z'], ['on_site', '2026-06-02T18:00:00.000Z'], ['completed', '2026-06-02T19:30:00.000Z'], ['invoiced', '2026-06-03T19:30:00.000Z']),
      status: 'invoiced' as const,
      facts: { firstOnSiteAt: '2026-06-02T18:00:00.000Z', completedAt: '2026-06-02T19:30:00.000Z', onSiteVisits: 1 }
    },
    {
      name: 'sent back and returned to site is two visits',
      events: history(['new', '2026-06-02T16:00:00.000Z'], ['on_site', '2026-06-02T18:00:00.000Z'], ['on_hold', '2026-06-02T19:00:00.000Z'], ['on_site', '2026-06-04T18:00:00.000Z'], ['completed', '2026-06-04T19:00:00.000Z']),
      status: 'completed' as const,
      facts: { firstOnSiteAt: '2026-06-02T18:00:00.000Z', onSiteVisits: 2, completedAt: '2026-06-04T19:00:00.000Z' }
    },
    {
      name: 'cancelled after completion is not completed',
      events: history(['new', '2026-06-02T16:00:00.000Z'], ['completed', '2026-06-02T18:00:00.000Z'], ['cancelled', '2026-06-02T19:00:00.000Z']),
      status: 'cancelled' as const,
      facts: { completedAt: null }
    }
  ])('$name', ({ events, status, facts }) => {
    const f = jobFacts(toJob(record, status), events);
    expect(f).toMatchObject({ ...facts, status, callbackOf: 'j0', technicianIds: ['t1'] });
  });

  it('adds further visits that reached site, not the scheduled or cancelled ones', () => {
    const events = history(['new', '2026-06-02T16:00:00.000Z'], ['on_site', '2026-06-02T18:00:00.000Z']);
    expect(jobFacts(toJob(record, 'on_site'), events, ['done', 'scheduled', 'cancelled', 'on_site']).onSiteVisits).toBe(3);
  });

  it('takes on-site time from each arrival to the next event, skipping a stretch still open', () => {
    const events = history(['new', '2026-06-02T16:00:00.000Z'], ['on_site', '2026-06-02T18:00:00.000Z'], ['on_hold', '2026-06-02T19:00:00.000Z'], ['on_site', '2026-06-04T18:00:00.000Z']);
    expect(onSiteFromEvents('j1', events)).toEqual([{ jobId: 'j1', technicianId: null, start: '2026-06-02T18:00:00.000Z', end: '2026-06-02T19:00:00.000Z' }]);
  });
});
