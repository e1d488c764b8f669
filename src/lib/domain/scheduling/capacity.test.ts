import { describe, expect, it } from 'vitest';
import { technicianSchema } from '../directory/directory';
import type { Holiday, TimeOff } from './availability';
import { coveredMinutes, dayCapacity, type CapacityFacts } from './capacity';
import type { Visit } from './visit';

const LA = 'America/Los_Angeles';
const tech = technicianSchema.parse({ id: 't1', name: 'Tess', officeId: 'o1' });
// Tuesday 3 March 2026 (PST, UTC−8): default hours 08:00–17:00 = 16:00Z–01:00Z, 540 min.
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(2026, 2, 3, h + 8, m)).toISOString();
};
const visit = (id: string, from: string, to: string, extra: Partial<Visit> = {}): Visit => ({ id, jobId: `job-${id}`, technicianIds: ['t1'], window: { start: at(from), end: at(to) }, status: 'scheduled', notes: '', locked: false, source: 'visit', ...extra });
const off = (id: string, from: string, to: string, extra: Partial<TimeOff> = {}): TimeOff => ({ id, technicianId: 't1', window: { start: at(from), end: at(to) }, reason: '', removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u', ...extra });
const facts = (extra: Partial<CapacityFacts> = {}): CapacityFacts => ({ visits: [], timeOff: [], holidays: [], reservePercent: 0, ...extra });
const capacity = (extra: Partial<CapacityFacts> = {}, day = '2026-03-03') => dayCapacity(tech, day, LA, facts(extra));

describe('day capacity', () => {
  it('counts booked against working minutes, less time off and holidays', () => {
    expect(capacity({ visits: [visit('a', '10:00', '12:30')] })).toEqual({ day: '2026-03-03', bookedMinutes: 150, emergencyMinutes: 0, workingMinutes: 540, reserveMinutes: 0, availableMinutes: 540, intoReserveMinutes: 0 });
    expect(capacity({ visits: [visit('a', '10:00', '12:30', { status: 'cancelled' }), visit('b', '10:00', '11:00', { technicianIds: ['t2'] })] }).bookedMinutes).toBe(0);
    // Whole days off (midnight to midnight, as old entries are stored) and holidays leave nothing.
    const wholeDay: TimeOff = { ...off('x', '00:00', '00:00'), window: { start: '2026-03-03T08:00:00.000Z', end: '2026-03-04T08:00:00.000Z' } };
    expect(capacity({ timeOff: [wholeDay] }).workingMinutes).toBe(0);
    const holiday: Holiday = { id: 'h', date: '2026-03-03', name: 'x', officeId: null, removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    expect(capacity({ holidays: [holiday] }).workingMinutes).toBe(0);
    expect(capacity({}, '2026-03-07').workingMinutes).toBe(0);
  });

  it('takes hours off out of the day, counting overlapping entries once and ignoring removed ones', () => {
    // The dentist 13:00–17:00: 4 h of the 9 h day.
    expect(capacity({ timeOff: [off('d', '13:00', '17:00')] }).workingMinutes).toBe(300);
    // 12:00–14:00 and 13:00–15:00 overlap: 3 h away, not 4; time off before the shift does not count.
    expect(capacity({ timeOff: [off('a', '12:00', '14:00'), off('b', '13:00', '15:00'), off('c', '06:00', '08:00')] }).workingMinutes).toBe(360);
    expect(capacity({ timeOff: [off('r', '13:00', '17:00', { removed: true })] }).workingMinutes).toBe(540);
  });

  it("keeps the office's reserve out of what non-emergency work may fill, and measures how far it eats into it", () => {
    // 10 % of 540 min = 54 min reserve, 486 min available.
    const full = [visit('a', '08:00', '12:00'), visit('b', '12:00', '16:30')];
    expect(capacity({ reservePercent: 10, visits: full })).toMatchObject({ bookedMinutes: 510, reserveMinutes: 54, availableMinutes: 486, intoReserveMinutes: 24 });
    expect(capacity({ reservePercent: 10, visits: [visit('a', '08:00', '12:00')] }).intoReserveMinutes).toBe(0);
    // Emergencies may use the reserve: the same day with the second visit an emergency is fine.
    const emergency = capacity({ reservePercent: 10, visits: full, isEmergency: (v) => v.id === 'b' });
    expect(emergency).toMatchObject({ bookedMinutes: 510, emergencyMinutes: 270, intoReserveMinutes: 0 });
    // Overbooked beyond the whole day: the reserve is gone, no more.
    expect(capacity({ reservePercent: 10, visits: [visit('a', '08:00', '17:00'), visit('b', '08:00', '10:00')] }).intoReserveMinutes).toBe(54);
  });

  it('measures the union of intervals inside a range', () => {
    expect(coveredMinutes([[0, 60_000 * 10], [60_000 * 5, 60_000 * 20], [60_000 * 30, 60_000 * 40]], 60_000 * 2, 60_000 * 35)).toBe(23);
    expect(coveredMinutes([], 0, 1)).toBe(0);
  });
});
