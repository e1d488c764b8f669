import { describe, expect, it } from 'vitest';
import { findDoubleBookings, type Booking } from './conflicts';

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
        booking({ jobId: 'j5', start: null })
      ])
    ).toEqual([]);
  });
});
