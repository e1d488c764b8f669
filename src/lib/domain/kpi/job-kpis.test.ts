import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { completedJob, jobFactsOf, onSite } from './fixtures';
import { averageJobDuration, callbackRate, createdVsCompleted, firstTimeFix, openJobsByStatus, responseTime, suggestedCallbacks, timeToResolve } from './job-kpis';
import { monthRange } from './periods';
import type { KpiFilter } from './types';

const LA = TEST_TIME_ZONE;
const JUNE: KpiFilter = { range: monthRange('2026-06', LA) };

describe('first-time fix rate', () => {
  it.each([
    { name: 'no resolved jobs is no data, not 0 %', jobs: [jobFactsOf({ id: 'a', status: 'scheduled' })], value: null, resolved: [] },
    {
      name: 'one visit each, one needed a second visit: 2 of 3',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z'), completedJob('b', '2026-06-03T16:00:00Z'), completedJob('c', '2026-06-04T16:00:00Z', { onSiteVisits: 2 })],
      value: (2 / 3) * 100,
      resolved: ['a', 'b', 'c']
    },
    {
      name: 'a callback job linked to a job makes it not first-time; the callback itself can be',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z'), completedJob('cb', '2026-06-10T16:00:00Z', { type: 'callback', callbackOf: 'a' })],
      value: 50,
      resolved: ['a', 'cb']
    },
    {
      name: 'cancelled jobs and no-fault maintenance are excluded; a quality check (followUpOf) is no callback',
      jobs: [
        completedJob('a', '2026-06-02T16:00:00Z'),
        completedJob('m', '2026-06-02T16:00:00Z', { type: 'maintenance', outcome: 'no_fault_found' }),
        jobFactsOf({ id: 'x', status: 'cancelled', completedAt: '2026-06-03T16:00:00Z' }),
        completedJob('q', '2026-06-05T16:00:00Z', { type: 'inspection', followUpOf: 'a' })
      ],
      value: 100,
      resolved: ['a', 'q']
    },
    {
      name: 'jobs completed outside the month do not count (month end at local midnight)',
      jobs: [completedJob('may', '2026-05-31T20:00:00Z', { completedAt: '2026-06-01T06:59:00.000Z' }), completedJob('jun', '2026-05-31T20:00:00Z', { completedAt: '2026-06-01T07:00:00.000Z', onSiteVisits: 3 })],
      value: 0,
      resolved: ['jun']
    }
  ])('$name', ({ jobs, value, resolved }) => {
    const r = firstTimeFix(jobs, JUNE);
    expect(r.value).toBe(value);
    expect(r.ids).toEqual(resolved);
    expect(r.count).toBe(resolved.length);
  });

  it('counts no-fault maintenance when the setting includes it', () => {
    const jobs = [completedJob('m', '2026-06-02T16:00:00Z', { type: 'maintenance', outcome: 'no_fault_found' })];
    expect(firstTimeFix(jobs, JUNE, { excludeNoFaultMaintenance: false }).value).toBe(100);
  });

  it('filters by technician, office and type', () => {
    const jobs = [completedJob('a', '2026-06-02T16:00:00Z', { technicianIds: ['t1', 't2'] }), completedJob('b', '2026-06-02T16:00:00Z', { technicianIds: ['t3'], officeId: 'o2', onSiteVisits: 2 })];
    expect(firstTimeFix(jobs, { ...JUNE, technicianId: 't2' }).ids).toEqual(['a']);
    expect(firstTimeFix(jobs, { ...JUNE, officeId: 'o2' }).value).toBe(0);
    expect(firstTimeFix(jobs, { ...JUNE, jobType: 'install' }).value).toBeNull();
  });
});

describe('callback rate', () => {
  it.each([
    { name: 'nothing completed is no data', jobs: [jobFactsOf({ id: 'cb', callbackOf: 'x', createdAt: '2026-06-02T16:00:00Z' })], value: null, callbacks: ['cb'] },
    {
      name: 'one callback created per four completed: 25 %',
      jobs: [
        ...['a', 'b', 'c', 'd'].map((id) => completedJob(id, '2026-06-02T16:00:00Z')),
        jobFactsOf({ id: 'cb', type: 'callback', callbackOf: 'a', createdAt: '2026-06-09T16:00:00Z' })
      ],
      value: 25,
      callbacks: ['cb']
    },
    {
      name: 'a callback created in May is not June’s; quality checks (followUpOf) are not callbacks',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z'), jobFactsOf({ id: 'cb', callbackOf: 'a', createdAt: '2026-05-20T16:00:00Z' }), jobFactsOf({ id: 'q', followUpOf: 'a', createdAt: '2026-06-05T16:00:00Z' })],
      value: 0,
      callbacks: []
    },
    {
      name: 'a job-type filter follows the called-back job (a callback’s own type is callback)',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z', { type: 'install' }), jobFactsOf({ id: 'cb', type: 'callback', callbackOf: 'a', createdAt: '2026-06-09T16:00:00Z' })],
      filter: { jobType: 'install' as const },
      value: 100,
      callbacks: ['cb']
    }
  ])('$name', ({ jobs, value, callbacks, filter }) => {
    const r = callbackRate(jobs, { ...JUNE, ...filter });
    expect(r.value).toBe(value);
    expect(r.ids).toEqual(callbacks);
  });

  it('suggests, without counting, a new fault on the same asset within 30 days', () => {
    const jobs = [
      completedJob('a', '2026-06-01T16:00:00Z', { assetIds: ['boiler'] }),
      jobFactsOf({ id: 'n', assetIds: ['boiler'], createdAt: '2026-06-20T16:00:00Z' }),
      jobFactsOf({ id: 'late', assetIds: ['boiler'], createdAt: '2026-07-20T16:00:00Z' }),
      jobFactsOf({ id: 'other', assetIds: ['fan'], createdAt: '2026-06-20T16:00:00Z' })
    ];
    expect(suggestedCallbacks(jobs)).toEqual([{ jobId: 'n', earlierJobId: 'a' }]);
    expect(callbackRate(jobs, JUNE).value).toBe(0);
  });
});

describe('average job duration and time to resolve', () => {
  it.each([
    { name: 'no completed jobs is no data', jobs: [jobFactsOf({ id: 'a' })], intervals: [], value: null, missing: [] },
    {
      name: 'two technicians’ time on one job adds up; mean over jobs',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z'), completedJob('b', '2026-06-03T16:00:00Z')],
      intervals: [onSite('a', 't1', '2026-06-02T18:00:00Z', 60), onSite('a', 't2', '2026-06-02T18:00:00Z', 60), onSite('b', 't1', '2026-06-03T18:00:00Z', 30)],
      value: 75,
      missing: []
    },
    {
      name: 'a completed job without on-site time is left out and listed as missing',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z'), completedJob('b', '2026-06-03T16:00:00Z'), jobFactsOf({ id: 'x', status: 'cancelled', completedAt: '2026-06-03T16:00:00Z' })],
      intervals: [onSite('a', 't1', '2026-06-02T18:00:00Z', 45)],
      value: 45,
      missing: ['b']
    }
  ])('$name', ({ jobs, intervals, value, missing }) => {
    const r = averageJobDuration(jobs, intervals, JUNE);
    expect(r.value).toBe(value);
    expect(r.missing).toEqual(missing);
  });

  it.each([
    { name: 'no data', jobs: [jobFactsOf({ id: 'a' })], value: null, count: 0 },
    { name: 'three hours each', jobs: [completedJob('a', '2026-06-02T16:00:00Z'), completedJob('b', '2026-06-05T16:00:00Z')], value: 180, count: 2 },
    {
      name: 'mean of one and three days, cancelled excluded',
      jobs: [
        completedJob('a', '2026-06-02T16:00:00Z', { completedAt: '2026-06-03T16:00:00Z' }),
        completedJob('b', '2026-06-02T16:00:00Z', { completedAt: '2026-06-05T16:00:00Z' }),
        jobFactsOf({ id: 'x', status: 'cancelled', completedAt: '2026-06-05T16:00:00Z' })
      ],
      value: 2 * 24 * 60,
      count: 2
    }
  ])('time to resolve: $name', ({ jobs, value, count }) => {
    const r = timeToResolve(jobs, JUNE);
    expect(r.value).toBe(value);
    expect(r.count).toBe(count);
  });
});

describe('response time against SLA', () => {
  it.each([
    { name: 'nobody on site yet: no data for both', jobs: [jobFactsOf({ id: 'a', slaDue: '2026-06-02T20:00:00Z' })], mean: null, sla: null, slaCount: 0 },
    {
      name: 'SLA share counts only jobs with a due time',
      jobs: [
        completedJob('a', '2026-06-02T16:00:00Z', { slaDue: '2026-06-02T19:00:00Z' }),
        completedJob('b', '2026-06-02T16:00:00Z', { slaDue: '2026-06-02T17:00:00Z' }),
        completedJob('c', '2026-06-02T16:00:00Z', { firstOnSiteAt: '2026-06-02T20:00:00Z' })
      ],
      mean: (120 + 120 + 240) / 3,
      sla: 50,
      slaCount: 2
    },
    {
      name: 'arriving exactly at the due time meets it',
      jobs: [completedJob('a', '2026-06-02T16:00:00Z', { slaDue: '2026-06-02T18:00:00.000Z' })],
      mean: 120,
      sla: 100,
      slaCount: 1
    }
  ])('$name', ({ jobs, mean, sla, slaCount }) => {
    const r = responseTime(jobs, JUNE);
    expect(r.mean.value).toBe(mean);
    expect(r.withinSla.value).toBe(sla);
    expect(r.withinSla.count).toBe(slaCount);
  });
});

describe('open jobs and created vs completed', () => {
  it('counts open jobs by status, leaving out done and cancelled ones', () => {
    const jobs = [jobFactsOf({ id: 'a' }), jobFactsOf({ id: 'b', status: 'on_site' }), jobFactsOf({ id: 'c', status: 'on_site' }), completedJob('d', '2026-06-02T16:00:00Z'), jobFactsOf({ id: 'x', status: 'cancelled' })];
    const open = openJobsByStatus(jobs, {});
    expect(open.get('new')?.value).toBe(1);
    expect(open.get('on_site')?.ids).toEqual(['b', 'c']);
    expect(open.has('completed')).toBe(false);
    expect(openJobsByStatus(jobs, { officeId: 'elsewhere' }).get('on_site')?.value).toBe(0);
  });

  it('buckets created and completed by local day, zeros included', () => {
    const jobs = [
      completedJob('a', '2026-06-02T05:00:00Z', { completedAt: '2026-06-03T06:30:00Z' }),
      jobFactsOf({ id: 'b', createdAt: '2026-06-03T16:00:00Z' })
    ];
    const buckets = createdVsCompleted(jobs, { range: { start: '2026-06-01T07:00:00.000Z', end: '2026-06-04T07:00:00.000Z' } }, 'day', LA);
    expect(buckets.map((b) => [b.key, b.created, b.completed])).toEqual([
      ['2026-06-01', ['a'], []],
      ['2026-06-02', [], ['a']],
      ['2026-06-03', ['b'], []]
    ]);
  });
});
