import { describe, expect, it } from 'vitest';
import { brokenWindows, findDoubleBookings, type Booking } from './conflicts';

const booking = (over: Partial<Booking>): Booking => ({
  jobId: 'j1', number: 'J-1', technicianIds: ['t1'], start: '2026-01-05T09:00:00Z', end: '2026-01-05T11:00:00Z', active: true, ...over
});

describe('findDoubleBookings', () => {
  it('reports a technician on two overlapping jobs with both jobs named', () => {
    const found = findDoubleBookings([booking({}), booking({ jobId: 'j2', number: 'J-2', start: '2026-01-05T10:30:00Z', end: '2026-01-05T12:00:00Z' })]);
    expect(found).toEqual([{ technicianId: 't1', jobIds: ['j1', 'j2'], numbers: ['J-1', 'J-2'], overlapMinutes: 30 }]);
  });

  it('ignores back-to-back visits, other technicians, cancelled and unscheduled jobs', () => {
    expect(
      findDoubleBookings([
        booking({}),
        booking({ jobId: 'j2', start: '2026-01-05T11:00:00Z', end: '2026-01-05T12:00:00Z' }),
        booking({ jobId: 'j3', technicianIds: ['t2'] }),
        booking({ jobId: 'j4', active: false }),
        booking({ jobId: 'j5', start: null, end: null })
      ])
    ).toEqual([]);
  });

  it('never skips a reversed or half-open window: it is checked as a repaired interval and listed as broken', () => {
    const reversed = booking({ jobId: 'j2', number: 'J-2', start: '2026-01-05T11:00:00Z', end: '2026-01-05T10:30:00Z' });
    const noStart = booking({ jobId: 'j3', number: 'J-3', start: null, end: '2026-01-05T10:00:00Z', minutes: 90 });
    const noEnd = booking({ jobId: 'j4', number: 'J-4', start: '2026-01-05T10:45:00Z', end: null, minutes: 30 });
    const found = findDoubleBookings([booking({}), reversed, noStart, noEnd]);
    expect(found.map((d) => d.jobIds.join('+')).sort()).toEqual(['j1+j2', 'j1+j4', 'j2+j4', 'j3+j1']);
    expect(brokenWindows([booking({}), reversed, noStart, noEnd])).toEqual([
      { jobId: 'j2', number: 'J-2', issue: 'reversed' },
      { jobId: 'j3', number: 'J-3', issue: 'missing_start' },
      { jobId: 'j4', number: 'J-4', issue: 'missing_end' }
    ]);
  });
});
