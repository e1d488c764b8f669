import { describe, expect, it } from 'vitest';
import type { Technician } from '../domain/directory/directory';
import { Calendar, HOUR, MINUTE, localParts, zonedMs } from './calendar';

const TZ = 'America/Los_Angeles';
const tech: Technician = {
  id: 't1',
  name: 'Test Tech',
  userId: null,
  officeId: null,
  skills: ['hvac'],
  homeBase: null,
  workingHours: { mon: ['08:00', '17:00'], tue: ['08:00', '17:00'] },
  color: '#123456',
  active: true
};

describe('local time', () => {
  it('converts San Francisco wall time to instants across daylight saving', () => {
    expect(new Date(zonedMs(2026, 7, 1, 9, 0, TZ)).toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(new Date(zonedMs(2026, 12, 1, 9, 0, TZ)).toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(localParts(Date.parse('2026-11-23T18:30:00Z'), TZ)).toEqual({ year: 2026, month: 11, day: 23, hour: 10, minute: 30, weekday: 'mon' });
  });
});

describe('Calendar.findSlot', () => {
  const monday8 = zonedMs(2026, 11, 23, 8, 0, TZ);

  it('starts at the next opening of the technician’s working hours', () => {
    const calendar = new Calendar(TZ);
    expect(calendar.findSlot(tech, zonedMs(2026, 11, 23, 6, 10, TZ), 60)).toBe(monday8);
    // Sunday evening: next working day is Monday.
    expect(calendar.findSlot(tech, zonedMs(2026, 11, 22, 19, 0, TZ), 60)).toBe(monday8);
  });

  it('skips booked time plus a travel gap and moves to the next working day when full', () => {
    const calendar = new Calendar(TZ);
    calendar.book('t1', monday8, monday8 + 2 * HOUR);
    expect(calendar.findSlot(tech, monday8, 60)).toBe(monday8 + 2 * HOUR + 30 * MINUTE);
    calendar.book('t1', monday8 + 2 * HOUR + 30 * MINUTE, zonedMs(2026, 11, 23, 17, 0, TZ));
    expect(calendar.findSlot(tech, monday8, 60)).toBe(zonedMs(2026, 11, 24, 8, 0, TZ));
    expect(calendar.isFree('t1', monday8 + HOUR, monday8 + 90 * MINUTE)).toBe(false);
  });

  it('books on-call emergencies outside working hours but not past 22:00', () => {
    const calendar = new Calendar(TZ);
    const saturday = zonedMs(2026, 11, 28, 20, 0, TZ);
    expect(calendar.findSlot(tech, saturday, 90, { onCall: true })).toBe(saturday);
    expect(calendar.findSlot(tech, zonedMs(2026, 11, 28, 21, 0, TZ), 90, { onCall: true })).toBe(zonedMs(2026, 11, 29, 6, 0, TZ));
    expect(calendar.findSlot(tech, saturday, 90, { maxDays: 1 })).toBeNull();
  });
});
