import { describe, expect, it } from 'vitest';
import { localParts } from '../src/lib/demo/calendar';
import { orgTimeOn, selectedClockName, TEST_CLOCK_NAMES, TEST_CLOCKS, TEST_DAY, TEST_TIME_ZONE, testNow, TEST_NOW } from './clock';

const hhmm = (d: Date) => {
  const p = localParts(d.getTime(), TEST_TIME_ZONE);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

describe('the test clock', () => {
  it.each(TEST_CLOCK_NAMES)('states %s in the organisation zone, on the fixed day', (name) => {
    const instant = TEST_CLOCKS[name];
    expect(hhmm(instant)).toBe(name);
    const p = localParts(instant.getTime(), TEST_TIME_ZONE);
    expect(`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`).toBe(TEST_DAY);
  });

  it('reads FIELDBOARD_TEST_CLOCK, defaults to 13:00 and refuses anything else', () => {
    expect(selectedClockName({})).toBe('13:00');
    expect(selectedClockName({ FIELDBOARD_TEST_CLOCK: '23:00' })).toBe('23:00');
    expect(() => selectedClockName({ FIELDBOARD_TEST_CLOCK: '7am' })).toThrow(/expected one of 07:00, 13:00, 23:00/);
  });

  it('lies in the real past, so a relay with a real clock accepts what the browsers write', () => {
    // The relay refuses events dated in its future; the fixed day must stay behind any real run.
    expect(TEST_CLOCKS['23:00'].getTime()).toBeLessThan(Date.now());
    expect(testNow().getTime()).toBeGreaterThanOrEqual(TEST_NOW.getTime());
  });

  it('places org-time wall clock times on days after the fixed day', () => {
    expect(hhmm(orgTimeOn(0, '07:00'))).toBe('07:00');
    expect(orgTimeOn(0, '13:00')).toEqual(TEST_CLOCKS['13:00']);
    const later = orgTimeOn(21, '10:30');
    expect(hhmm(later)).toBe('10:30');
    expect(localParts(later.getTime(), TEST_TIME_ZONE).day).toBe(1); // 2026-07-01
  });
});
