import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE } from '../../../../tests/clock';
import { daysIn, lastDays, monthRange, periodKey, periodKeys } from './periods';

const LA = TEST_TIME_ZONE;

describe('reporting periods in the organisation zone', () => {
  it.each([
    ['an evening in LA that is already the next UTC day', '2026-06-11T06:00:00.000Z', 'day', '2026-06-10'],
    ['the last minute of May in LA (June in UTC)', '2026-06-01T06:59:00.000Z', 'month', '2026-05'],
    ['the first minute of June in LA', '2026-06-01T07:00:00.000Z', 'month', '2026-06'],
    ['a Sunday night belongs to the week starting Monday before', '2026-06-15T06:30:00.000Z', 'week', '2026-06-08'],
    ['New Year’s Eve in LA is still December', '2027-01-01T07:59:00.000Z', 'month', '2026-12']
  ] as const)('puts %s in its local period', (_, instant, granularity, key) => {
    expect(periodKey(instant, granularity, LA)).toBe(key);
  });

  it.each(TEST_CLOCK_NAMES)('lists every day of the last 7 ending on the test day at %s', (name) => {
    const range = lastDays(7, TEST_CLOCKS[name].getTime(), LA);
    const keys = periodKeys(range, 'day', LA);
    expect(keys).toHaveLength(7);
    expect(keys.at(-1)).toBe('2026-06-10');
    expect(daysIn(range, LA)).toBe(7);
  });

  it('spans a month exactly from local midnight to local midnight, DST months included', () => {
    expect(monthRange('2026-03', LA)).toEqual({ start: '2026-03-01T08:00:00.000Z', end: '2026-04-01T07:00:00.000Z' });
    expect(periodKeys(monthRange('2026-03', LA), 'day', LA)).toHaveLength(31);
    expect(periodKeys(monthRange('2026-03', LA), 'month', LA)).toEqual(['2026-03']);
  });

  it('gives no periods for an empty range', () => {
    expect(periodKeys({ start: '2026-06-02T00:00:00.000Z', end: '2026-06-02T00:00:00.000Z' }, 'day', LA)).toEqual([]);
  });
});
