import { describe, expect, it } from 'vitest';
import { zonedDay, zonedInstant } from './zoned-time';

const SF = 'America/Los_Angeles';

describe('zoned time', () => {
  it('reads the local day and weekday of an instant', () => {
    // 2026-03-03T06:00Z is still Monday 2 March, 22:00, in San Francisco.
    expect(zonedDay(Date.parse('2026-03-03T06:00:00Z'), SF)).toEqual({ year: 2026, month: 3, day: 2, weekday: 'mon' });
  });

  it('turns local wall-clock times into instants on both sides of a DST change', () => {
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 2 }, '08:00', SF)).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    // US DST starts 8 March 2026: 08:00 is then UTC−7.
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 9 }, '08:00', SF)).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(new Date(zonedInstant({ year: 2026, month: 7, day: 1 }, '17:30', 'Europe/Berlin')).toISOString()).toBe('2026-07-01T15:30:00.000Z');
  });
});
