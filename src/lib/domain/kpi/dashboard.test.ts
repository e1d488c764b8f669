import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE } from '../../../../tests/clock';
import { computeDashboard, granularityFor } from './dashboard';
import { randomSummaryRows } from './fixtures';
import { averageJobDuration, callbackRate, createdVsCompleted, firstTimeFix, openJobsByStatus, responseTime, timeToResolve } from './job-kpis';
import { lastDays, monthRange } from './periods';

describe('dashboard', () => {
  it.each(TEST_CLOCK_NAMES)('computes in one pass exactly what every KPI function gives over all rows (clock %s)', (name) => {
    const now = TEST_CLOCKS[name].getTime();
    for (const seed of [3, 11]) {
      const rows = randomSummaryRows(seed, 1500, now);
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
