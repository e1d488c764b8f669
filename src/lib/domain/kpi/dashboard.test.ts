import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE } from '../../../../tests/clock';
import { Random } from '../../demo/prng';
import { JOB_TYPES } from '../jobs/job';
import { JOB_STATUSES } from '../jobs/status';
import { computeDashboard, granularityFor } from './dashboard';
import { jobFactsOf, onSite } from './fixtures';
import { averageJobDuration, callbackRate, createdVsCompleted, firstTimeFix, openJobsByStatus, responseTime, timeToResolve } from './job-kpis';
import { summaryRow, type JobSummary } from './job-summary';
import { lastDays, monthRange } from './periods';

/** Seeded rows over a year: random statuses, dates, links. */
function randomRows(seed: number, count: number, now: number): JobSummary[] {
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
    rows.push(summaryRow(facts, onSiteAt && completed ? [onSite(facts.id, null, iso(onSiteAt), (completed - onSiteAt) / 60_000)] : [], ''));
  }
  return rows;
}

describe('dashboard', () => {
  it.each(TEST_CLOCK_NAMES)('computes in one pass exactly what every KPI function gives over all rows (clock %s)', (name) => {
    const now = TEST_CLOCKS[name].getTime();
    for (const seed of [3, 11]) {
      const rows = randomRows(seed, 1500, now);
      for (const filter of [{ range: lastDays(14, now, TEST_TIME_ZONE) }, { range: lastDays(90, now, TEST_TIME_ZONE), officeId: 'o2', jobType: 'repair' as const }, { range: lastDays(366, now, TEST_TIME_ZONE), technicianId: 't3' }, { range: lastDays(400, now, TEST_TIME_ZONE), jobType: 'maintenance' as const }]) {
        const d = computeDashboard(rows, filter, TEST_TIME_ZONE);
        expect(d.open).toEqual(openJobsByStatus(rows, filter));
        expect(d.perDay).toEqual(createdVsCompleted(rows, filter, d.granularity, TEST_TIME_ZONE));
        expect(d.firstTimeFix).toEqual(firstTimeFix(rows, filter));
        expect(d.callbackRate).toEqual(callbackRate(rows, filter));
        expect(d.jobDuration).toEqual(averageJobDuration(rows, rows.flatMap((x) => x.onSite), filter));
        expect(d.timeToResolve).toEqual(timeToResolve(rows, filter));
        expect(d.response).toEqual(responseTime(rows, filter));
        expect(d.firstTimeFix.count + d.callbackRate.count, `seed ${seed}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('created vs completed bucket size', () => {
  it.each([
    ['two weeks by day', 14, 'day'],
    ['ninety days by week', 90, 'week'],
    ['a year by month', 365, 'month']
  ] as const)('%s', (_, days, granularity) => {
    expect(granularityFor(lastDays(days, TEST_CLOCKS['13:00'].getTime(), TEST_TIME_ZONE))).toBe(granularity);
  });

  it('gives a month in local days, every day present', () => {
    const d = computeDashboard([], { range: monthRange('2026-02', TEST_TIME_ZONE) }, TEST_TIME_ZONE);
    expect(d.granularity).toBe('day');
    expect(d.perDay.map((b) => b.key)).toHaveLength(28);
    expect(d.firstTimeFix.value).toBeNull();
  });
});
