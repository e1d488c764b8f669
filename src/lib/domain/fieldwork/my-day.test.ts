import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE, orgTimeOn } from '../../../../tests/clock';
import type { Visit } from '../scheduling/visit';
import { myDay } from './my-day';

function visit(id: string, days: number, start: string, fields: Partial<Visit> = {}): Visit {
  const s = orgTimeOn(days, start);
  return { id, jobId: `job-${id}`, technicianIds: ['tess'], window: { start: s.toISOString(), end: new Date(s.getTime() + 3_600_000).toISOString() }, status: 'scheduled', notes: '', locked: false, source: 'visit', ...fields };
}

describe.each(TEST_CLOCK_NAMES)('myDay at %s org time', (name) => {
  const now = TEST_CLOCKS[name];
  // 23:00 on the test day is already the next UTC date: the org's day still decides.
  const visits = [
    visit('late', 0, '16:00'),
    visit('early', 0, '08:00'),
    visit('evening', 0, '22:30', { status: 'done' }),
    visit('tomorrow', 1, '09:00'),
    visit('yesterday', -1, '10:00'),
    visit('cancelled', 0, '11:00', { status: 'cancelled' }),
    visit('someone-else', 0, '12:00', { technicianIds: ['max'] }),
    visit('far', 30, '09:00')
  ];

  it('lists today in route order by the org zone, then the next days, without others’ or cancelled visits', () => {
    const day = myDay(visits, 'tess', now, TEST_TIME_ZONE);
    expect(day.today.date).toBe('2026-06-10');
    expect(day.today.visits.map((v) => v.id)).toEqual(['early', 'late', 'evening']);
    expect(day.upcoming).toEqual([{ date: '2026-06-11', visits: [visits[3]] }]);
  });
});

describe('myDay across the date line of UTC', () => {
  it('puts a visit at 18:00 org time (01:00 UTC the next day) on today', () => {
    const now = TEST_CLOCKS['07:00'];
    const day = myDay([visit('evening', 0, '18:00')], 'tess', now, TEST_TIME_ZONE);
    expect(day.today.visits.map((v) => v.id)).toEqual(['evening']);
  });
});
