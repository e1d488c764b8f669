import { describe, expect, it } from 'vitest';
import { technicianSchema } from '../directory/directory';
import { dayCapacity, instantAt, placeOnRow, shiftDays, snapMinutes, viewDays } from './timeline';
import type { Visit } from './visit';

const LA = 'America/Los_Angeles';

describe('schedule timeline', () => {
  it('shows one day or Monday–Sunday of its week', () => {
    expect(viewDays('2026-03-04', 'day')).toEqual(['2026-03-04']);
    expect(viewDays('2026-03-04', 'week')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(shiftDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('places a window on a row and reads the instant under a point back, snapped to 15 min', () => {
    // 10:00–12:00 local on a 06:00–20:00 day: starts at 4/14 of the row, lasts 2/14.
    const place = placeOnRow({ start: '2026-03-03T18:00:00.000Z', end: '2026-03-03T20:00:00.000Z' }, ['2026-03-03'], LA);
    expect(place!.left).toBeCloseTo(4 / 14);
    expect(place!.width).toBeCloseTo(2 / 14);
    expect(new Date(instantAt(4 / 14 + 0.004, ['2026-03-03'], LA)).toISOString()).toBe('2026-03-03T18:00:00.000Z');
    // Week view: the second day's 06:00.
    expect(new Date(instantAt(1 / 7, viewDays('2026-03-03', 'week'), LA)).toISOString()).toBe('2026-03-03T14:00:00.000Z');
    expect(placeOnRow({ start: '2026-03-05T18:00:00.000Z', end: '2026-03-05T19:00:00.000Z' }, ['2026-03-03'], LA)).toBeNull();
    expect(snapMinutes(52)).toBe(45);
    expect(snapMinutes(3)).toBe(15);
  });

  it('counts booked against available hours, less time off, holidays and the reserve', () => {
    const tech = technicianSchema.parse({ id: 't1', name: 'Tess', officeId: 'o1' });
    const visit: Visit = { id: 'a', jobId: 'j', technicianIds: ['t1'], window: { start: '2026-03-03T18:00:00.000Z', end: '2026-03-03T20:30:00.000Z' }, status: 'scheduled', notes: '', locked: false, source: 'visit' };
    expect(dayCapacity(tech, '2026-03-03', LA, [visit], [], [], 0)).toEqual({ bookedMinutes: 150, availableMinutes: 540 });
    expect(dayCapacity(tech, '2026-03-03', LA, [visit], [], [], 10)).toEqual({ bookedMinutes: 150, availableMinutes: 486 });
    const off = { id: 'x', technicianId: 't1', window: { start: '2026-03-03T16:00:00.000Z', end: '2026-03-03T20:00:00.000Z' }, reason: '', removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    expect(dayCapacity(tech, '2026-03-03', LA, [], [off], [], 0).availableMinutes).toBe(300);
    const holiday = { id: 'h', date: '2026-03-03', name: 'x', officeId: null, removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    expect(dayCapacity(tech, '2026-03-03', LA, [], [], [holiday], 0).availableMinutes).toBe(0);
    expect(dayCapacity(tech, '2026-03-07', LA, [], [], [], 0).availableMinutes).toBe(0);
  });
});
