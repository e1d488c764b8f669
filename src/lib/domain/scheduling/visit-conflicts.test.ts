import { describe, expect, it } from 'vitest';
import { technicianSchema } from '../directory/directory';
import { findVisitConflicts, conflictsByVisit, jobDoubleBookings, type ScheduleContext } from './visit-conflicts';
import { nextVisit, checkVisitTransition, visitStatusOfJob, type Visit } from './visit';

// 2026-03-03 is a Tuesday; 17:00Z is 09:00 in Los Angeles (PST, UTC−8).
const visit = (over: Partial<Visit>): Visit => ({
  id: 'a', jobId: 'j1', technicianIds: ['t1'], window: { start: '2026-03-03T17:00:00.000Z', end: '2026-03-03T18:00:00.000Z' }, status: 'scheduled', notes: '', locked: false, source: 'visit', ...over
});
const tess = technicianSchema.parse({ id: 't1', name: 'Tess', officeId: 'o1' });
const context = (over: Partial<ScheduleContext> = {}): ScheduleContext => ({
  technicians: [tess], timeOff: [], holidays: [], officeZones: new Map([['o1', 'America/Los_Angeles']]), orgTimeZone: 'America/Los_Angeles', ...over
});

describe('findVisitConflicts', () => {
  it('flags a technician in two overlapping visits, naming both, and nothing for back-to-back ones', () => {
    const b = visit({ id: 'b', window: { start: '2026-03-03T17:30:00.000Z', end: '2026-03-03T19:00:00.000Z' } });
    const c = visit({ id: 'c', window: { start: '2026-03-03T19:00:00.000Z', end: '2026-03-03T20:00:00.000Z' } });
    const found = findVisitConflicts([visit({}), b, c], context());
    expect(found).toEqual([{ kind: 'double_booking', technicianId: 't1', visitIds: ['a', 'b'], message: 'Tess is booked on two visits that overlap by 30 min.' }]);
    expect([...conflictsByVisit(found).keys()].sort()).toEqual(['a', 'b']);
    // Told by job for the board: both jobs, their numbers, the overlap.
    const b2 = { ...b, jobId: 'j2' };
    expect(jobDoubleBookings(findVisitConflicts([visit({}), b2], context()), [visit({}), b2], (id) => id.toUpperCase())).toEqual([{ technicianId: 't1', jobIds: ['j1', 'j2'], numbers: ['J1', 'J2'], overlapMinutes: 30 }]);
  });

  it('ignores done and cancelled visits', () => {
    expect(findVisitConflicts([visit({}), visit({ id: 'b', status: 'cancelled' }), visit({ id: 'c', status: 'done' })], context())).toEqual([]);
  });

  it('flags a visit outside working hours in the office zone, and a day off', () => {
    // 16:00Z = 08:00 local: inside 08:00–17:00. 00:30Z next day = 16:30 local, ending 17:30: outside.
    expect(findVisitConflicts([visit({ window: { start: '2026-03-03T16:00:00.000Z', end: '2026-03-03T17:00:00.000Z' } })], context())).toEqual([]);
    const late = findVisitConflicts([visit({ window: { start: '2026-03-04T00:30:00.000Z', end: '2026-03-04T01:30:00.000Z' } })], context());
    expect(late.map((c) => c.kind)).toEqual(['outside_hours']);
    // Saturday 2026-03-07, 10:00 local.
    const saturday = findVisitConflicts([visit({ window: { start: '2026-03-07T18:00:00.000Z', end: '2026-03-07T19:00:00.000Z' } })], context());
    expect(saturday).toEqual([{ kind: 'outside_hours', technicianId: 't1', visitIds: ['a'], message: 'Tess does not work on this day.' }]);
  });

  it('flags time off that overlaps, and a holiday of the office or of everyone, but not removed ones or other offices', () => {
    const off = { id: 'o', technicianId: 't1', window: { start: '2026-03-03T17:45:00.000Z', end: '2026-03-03T23:00:00.000Z' }, reason: 'Dentist', removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    const holiday = { id: 'h', date: '2026-03-03', name: 'Founders day', officeId: null, removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    const kinds = findVisitConflicts([visit({})], context({ timeOff: [off], holidays: [holiday] })).map((c) => [c.kind, c.message]);
    expect(kinds).toEqual([['time_off', 'Tess is off (Dentist).'], ['holiday', '2026-03-03 is a holiday (Founders day).']]);
    expect(findVisitConflicts([visit({})], context({ timeOff: [{ ...off, removed: true }], holidays: [{ ...holiday, officeId: 'o2' }] }))).toEqual([]);
    // A visit ending at local midnight does not touch the next day's holiday (07:00Z = 23:00 local).
    const lateVisit = visit({ window: { start: '2026-03-03T07:00:00.000Z', end: '2026-03-03T08:00:00.000Z' } });
    expect(findVisitConflicts([lateVisit], context({ holidays: [{ ...holiday, date: '2026-03-03' }] })).map((c) => c.kind)).toEqual(['outside_hours']);
  });

  it('flags only the visits that touch hours off, not the rest of that day', () => {
    // The dentist 13:00–17:00 local (21:00Z–01:00Z).
    const dentist = { id: 'd', technicianId: 't1', window: { start: '2026-03-03T21:00:00.000Z', end: '2026-03-04T01:00:00.000Z' }, reason: 'Dentist', removed: false, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u' };
    const morning = visit({ id: 'm' });
    const justBefore = visit({ id: 'b', window: { start: '2026-03-03T20:00:00.000Z', end: '2026-03-03T21:00:00.000Z' } });
    const into = visit({ id: 'i', window: { start: '2026-03-03T20:30:00.000Z', end: '2026-03-03T21:30:00.000Z' } });
    const found = findVisitConflicts([morning, justBefore, into], context({ timeOff: [dentist] })).filter((c) => c.kind === 'time_off');
    expect(found).toEqual([{ kind: 'time_off', technicianId: 't1', visitIds: ['i'], message: 'Tess is off (Dentist).' }]);
  });
});

describe('travel gaps', () => {
  // Mission (24th & Mission) to the Richmond (Geary & 25th Ave): ≈ 7.6 km straight, ≈ 29 min with
  // the default model (×1.3 detour, 25 km/h, +5 min parking). Two sites a block apart: ≈ 6 min.
  const mission = { lat: 37.7524, lng: -122.4184 };
  const richmond = { lat: 37.7806, lng: -122.4845 };
  const locations: Record<string, { lat: number; lng: number } | null> = { j1: mission, j2: richmond, j3: null };
  const withTravel = context({ locationOf: (v) => locations[v.jobId] ?? null });
  const second = (start: string, end: string, over: Partial<Visit> = {}) => visit({ id: 'b', jobId: 'j2', window: { start, end }, ...over });

  it('flags nothing when the gap is long enough for the drive', () => {
    expect(findVisitConflicts([visit({}), second('2026-03-03T18:45:00.000Z', '2026-03-03T19:45:00.000Z')], withTravel)).toEqual([]);
  });

  it('flags both visits with the minutes needed and available when the gap is too short', () => {
    const found = findVisitConflicts([second('2026-03-03T18:10:00.000Z', '2026-03-03T19:00:00.000Z'), visit({})], withTravel);
    expect(found).toHaveLength(1);
    const [gap] = found;
    expect(gap).toMatchObject({ kind: 'travel', technicianId: 't1', visitIds: ['a', 'b'], travel: { availableMinutes: 10 } });
    expect(gap!.travel!.neededMinutes).toBeGreaterThan(20);
    expect(gap!.travel!.neededMinutes).toBeLessThan(40);
    expect(gap!.message).toBe(`Tess needs ${gap!.travel!.neededMinutes} min to drive between these visits but has 10 min.`);
    expect([...conflictsByVisit(found).keys()].sort()).toEqual(['a', 'b']);
  });

  it('checks each technician\'s own consecutive visits only, and uses the travel model given', () => {
    const other = technicianSchema.parse({ id: 't2', name: 'Omar', officeId: 'o1' });
    const b = second('2026-03-03T18:10:00.000Z', '2026-03-03T19:00:00.000Z', { technicianIds: ['t2'] });
    expect(findVisitConflicts([visit({}), b], context({ technicians: [tess, other], locationOf: withTravel.locationOf }))).toEqual([]);
    // A visit in between (same site as the first) makes the pairs a→c (no drive) and c→b.
    const c = visit({ id: 'c', window: { start: '2026-03-03T18:00:00.000Z', end: '2026-03-03T18:05:00.000Z' } });
    const found = findVisitConflicts([visit({}), c, second('2026-03-03T18:10:00.000Z', '2026-03-03T19:00:00.000Z')], { ...withTravel, travel: { minutes: (p, q) => (p === q ? 0 : 7) } });
    expect(found.map((f) => [f.visitIds, f.travel])).toEqual([[['c', 'b'], { neededMinutes: 7, availableMinutes: 5 }]]);
  });

  it('skips an unknown location, visits on different days, overlaps (double booking) and closed visits', () => {
    const unknown = visit({ id: 'b', jobId: 'j3', window: { start: '2026-03-03T18:05:00.000Z', end: '2026-03-03T19:00:00.000Z' } });
    expect(findVisitConflicts([visit({}), unknown], withTravel)).toEqual([]);
    // 07:30Z on the 4th is 23:30 on the 3rd in Los Angeles; 08:05Z is 00:05 on the 4th.
    const lateA = visit({ window: { start: '2026-03-04T06:30:00.000Z', end: '2026-03-04T07:55:00.000Z' } });
    const early = second('2026-03-04T08:05:00.000Z', '2026-03-04T09:00:00.000Z');
    expect(findVisitConflicts([lateA, early], withTravel).map((c) => c.kind)).not.toContain('travel');
    expect(findVisitConflicts([visit({}), second('2026-03-03T17:30:00.000Z', '2026-03-03T19:00:00.000Z')], withTravel).map((c) => c.kind)).toEqual(['double_booking']);
    expect(findVisitConflicts([visit({ status: 'done' }), second('2026-03-03T18:10:00.000Z', '2026-03-03T19:00:00.000Z')], withTravel)).toEqual([]);
    // Without locations (older callers) travel is not checked at all.
    expect(findVisitConflicts([visit({}), second('2026-03-03T18:10:00.000Z', '2026-03-03T19:00:00.000Z')], context())).toEqual([]);
  });
});

describe('visit lifecycle', () => {
  it('follows the on-site part of the job lifecycle', () => {
    expect(checkVisitTransition('scheduled', 'dispatched')).toEqual({ ok: true });
    expect(checkVisitTransition('scheduled', 'done')).toMatchObject({ ok: false });
    expect(visitStatusOfJob('completed')).toBe('done');
    expect(visitStatusOfJob('new')).toBe('scheduled');
    expect(visitStatusOfJob('en_route')).toBe('en_route');
  });

  it('the next visit is the earliest open one not over yet', () => {
    const past = visit({ id: 'p', window: { start: '2026-03-02T17:00:00.000Z', end: '2026-03-02T18:00:00.000Z' } });
    const later = visit({ id: 'l', window: { start: '2026-03-05T17:00:00.000Z', end: '2026-03-05T18:00:00.000Z' } });
    const cancelled = visit({ id: 'c', status: 'cancelled' });
    expect(nextVisit([later, past, cancelled, visit({})], new Date('2026-03-03T12:00:00.000Z'))?.id).toBe('a');
    expect(nextVisit([past], new Date('2026-03-03T12:00:00.000Z'))).toBeNull();
  });
});
