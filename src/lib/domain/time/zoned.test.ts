import { describe, expect, it } from 'vitest';
import { clockMinutes, daysWindow, nextDate, zonedInstant, zonedParts } from './zoned';

describe('zoned time', () => {
  it('reads an instant as a local day and minute, across a DST change', () => {
    expect(zonedParts(Date.parse('2026-03-03T17:00:00.000Z'), 'America/Los_Angeles')).toEqual({ date: '2026-03-03', weekday: 'tue', minutes: 9 * 60 });
    // 2026-03-08 is the spring-forward day in California: 10:00 local is 17:00Z (PDT, UTC−7).
    expect(zonedParts(Date.parse('2026-03-08T17:00:00.000Z'), 'America/Los_Angeles')).toMatchObject({ date: '2026-03-08', minutes: 10 * 60 });
  });

  it('finds the instant of a local day and clock', () => {
    expect(new Date(zonedInstant('2026-03-03', 9 * 60, 'America/Los_Angeles')).toISOString()).toBe('2026-03-03T17:00:00.000Z');
    expect(new Date(zonedInstant('2026-03-09', 8 * 60, 'America/Los_Angeles')).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
  });

  it('turns whole local days into a window, refusing reversed or malformed days', () => {
    expect(daysWindow('2026-03-05', '2026-03-06', 'America/Los_Angeles')).toEqual({ start: '2026-03-05T08:00:00.000Z', end: '2026-03-07T08:00:00.000Z' });
    expect(daysWindow('2026-03-06', '2026-03-05', 'America/Los_Angeles')).toBeNull();
    expect(daysWindow('tomorrow', '2026-03-05', 'UTC')).toBeNull();
  });

  // From the map's day helper and the dispatch zoned-time module this one replaced.
  it('reads calendar days in the given zone, not the machine\u2019s', () => {
    expect(zonedParts(Date.parse('2026-03-10T04:00:00.000Z'), 'America/Los_Angeles').date).toBe('2026-03-09');
    expect(zonedParts(Date.parse('2026-03-10T04:00:00.000Z'), 'Europe/London').date).toBe('2026-03-10');
    // 2026-03-03T06:00Z is still Monday 2 March, 22:00, in San Francisco.
    expect(zonedParts(Date.parse('2026-03-03T06:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-03-02', weekday: 'mon', minutes: 22 * 60 });
  });

  it('turns local wall-clock times into instants on both sides of a DST change, in any zone', () => {
    expect(new Date(zonedInstant('2026-03-02', clockMinutes('08:00'), 'America/Los_Angeles')).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    // US DST starts 8 March 2026: 08:00 is then UTC−7.
    expect(new Date(zonedInstant('2026-03-09', clockMinutes('08:00'), 'America/Los_Angeles')).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(new Date(zonedInstant('2026-07-01', clockMinutes('17:30'), 'Europe/Berlin')).toISOString()).toBe('2026-07-01T15:30:00.000Z');
  });
});
