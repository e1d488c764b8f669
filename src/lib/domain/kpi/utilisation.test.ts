import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { completedJob, onSite } from './fixtures';
import { summaryRow } from './job-summary';
import { RowColumns } from './row-columns';
import { dayRange } from './periods';
import { availableMinutes, technicianOnSite, utilisation, type AvailabilityInput } from './utilisation';

const LA = TEST_TIME_ZONE;
// Mon 8 – Sun 14 June 2026, local.
const WEEK = dayRange('2026-06-08', '2026-06-14', LA)!;
const person = (overrides: Partial<AvailabilityInput> = {}): AvailabilityInput => ({
  technicianId: 't1',
  officeId: 'o1',
  workingHours: { mon: ['08:00', '17:00'], tue: ['08:00', '17:00'], wed: ['08:00', '17:00'], thu: ['08:00', '17:00'], fri: ['08:00', '17:00'] },
  timeZone: LA,
  timeOff: [],
  holidays: [],
  ...overrides
});

describe('available hours', () => {
  it.each([
    { name: 'a full week of 9-hour days', p: person(), hours: 45 },
    { name: 'less a day off (time off inside working hours only)', p: person({ timeOff: [{ start: '2026-06-10T07:00:00Z', end: '2026-06-11T07:00:00Z' }] }), hours: 36 },
    { name: 'less an office holiday; another office’s holiday does not count', p: person({ holidays: [{ date: '2026-06-12', officeId: 'o1' }, { date: '2026-06-11', officeId: 'o2' }] }), hours: 36 },
    { name: 'nobody works with no working hours', p: person({ workingHours: {} }), hours: 0 }
  ])('$name', ({ p, hours }) => expect(availableMinutes(p, WEEK) / 60).toBe(hours));
});

describe('technician utilisation', () => {
  const visits = [onSite('j1', 't1', '2026-06-08T16:00:00Z', 9 * 60), onSite('j2', 't1', '2026-06-09T16:00:00Z', 9 * 60), onSite('j3', 't2', '2026-06-09T16:00:00Z', 60)];
  const travel = [{ technicianId: 't1', jobId: 'j1', start: '2026-06-10T15:00:00Z', end: '2026-06-10T19:30:00Z' }];

  it.each([
    { name: 'on-site only when travel is not billable: 18 of 45 h', billable: false, value: 40 },
    { name: 'travel counts when the setting says so: 22.5 of 45 h', billable: true, value: 50 }
  ])('$name', ({ billable, value }) => {
    const r = utilisation([person()], visits, travel, WEEK, billable);
    expect(r.byTechnician.get('t1')?.value).toBe(value);
  });

  it('overall is total billable over total available; a technician with no hours is no data', () => {
    const r = utilisation([person(), person({ technicianId: 't2', workingHours: {} })], visits, [], WEEK, false);
    expect(r.byTechnician.get('t2')?.value).toBeNull();
    expect(r.overall.value).toBeCloseTo(((18 * 60 + 60) / (45 * 60)) * 100, 10);
  });

  it('counts overlapping entries once and clips to the range', () => {
    const r = utilisation([person()], [onSite('a', 't1', '2026-06-08T16:00:00Z', 120), onSite('b', 't1', '2026-06-08T17:00:00Z', 120), onSite('c', 't1', '2026-06-15T06:00:00Z', 120)], [], WEEK, false);
    expect(r.overall.billableMinutes).toBe(180 + 60);
  });
});

describe('technician on-site time from the columns', () => {
  it('keeps intervals that name a technician and touch the range, from rows marked as having them', () => {
    const inWeek = summaryRow(completedJob('a', '2026-06-09T15:00:00.000Z'), [onSite('a', 't1', '2026-06-09T17:00:00.000Z', 60), onSite('a', 't2', '2026-06-09T17:00:00.000Z', 30)], '');
    const before = summaryRow(completedJob('b', '2026-06-01T15:00:00.000Z'), [onSite('b', 't1', '2026-06-01T17:00:00.000Z', 60)], '');
    const events = summaryRow(completedJob('c', '2026-06-09T15:00:00.000Z'), [onSite('c', null, '2026-06-09T17:00:00.000Z', 60)], '');
    const found = technicianOnSite(RowColumns.of([inWeek, before, events]), WEEK);
    expect(found.map((i) => [i.jobId, i.technicianId])).toEqual([
      ['a', 't1'],
      ['a', 't2']
    ]);
    expect(utilisation([person()], found, [], WEEK, false).overall.billableMinutes).toBe(60);
  });
});
