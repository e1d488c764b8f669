import { describe, expect, it } from 'vitest';
import { checkDayOpen, checkInstantOpen, checkMonthClosable, monthLabel } from './period-lock';

const locks = [{ month: '2026-05', timeZone: 'America/Los_Angeles' }];

describe('period locks', () => {
  it('refuses a day in a closed month with the reason, and allows the days around it', () => {
    expect(checkDayOpen(locks, '2026-05-01')).toBe('May 2026 is closed: record the correction in an open month');
    expect(checkDayOpen(locks, '2026-05-31')).toMatch(/May 2026 is closed/);
    expect(checkDayOpen(locks, '2026-04-30')).toBeNull();
    expect(checkDayOpen(locks, '2026-06-01')).toBeNull();
  });

  it('reads an instant’s month in the organisation zone of the lock', () => {
    // 2026-06-01 03:00 UTC is May 31, 20:00 in Los Angeles: closed.
    expect(checkInstantOpen(locks, '2026-06-01T03:00:00.000Z')).toMatch(/May 2026/);
    // 2026-05-01 05:00 UTC is April 30 in Los Angeles: open.
    expect(checkInstantOpen(locks, '2026-05-01T05:00:00.000Z')).toBeNull();
    expect(checkInstantOpen(locks, '2026-06-01T08:00:00.000Z')).toBeNull();
  });

  it('closes only months that have ended and are not closed yet', () => {
    expect(checkMonthClosable(locks, '2026-04', '2026-06-10')).toBeNull();
    expect(checkMonthClosable(locks, '2026-05', '2026-06-10')).toBe('May 2026 is already closed');
    expect(checkMonthClosable(locks, '2026-06', '2026-06-10')).toBe('June 2026 has not ended yet');
    expect(checkMonthClosable(locks, '2026-13', '2026-06-10')).toMatch(/choose a month/);
  });

  it('names months', () => {
    expect(monthLabel('2026-12')).toBe('December 2026');
  });
});
