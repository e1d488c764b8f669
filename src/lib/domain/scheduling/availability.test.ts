import { describe, expect, it } from 'vitest';
import { describeTimeOff, timeOffWindow } from './availability';

const LA = 'America/Los_Angeles';
const form = (extra: Partial<{ from: string; to: string; fromTime: string; toTime: string }>) => ({ from: '2026-03-05', to: '', fromTime: '', toTime: '', ...extra });

describe('time off from the settings form', () => {
  it('stores whole days from local midnight to the midnight after the last day, as before hours existed', () => {
    expect(timeOffWindow(form({}), LA)).toEqual({ ok: true, window: { start: '2026-03-05T08:00:00.000Z', end: '2026-03-06T08:00:00.000Z' } });
    expect(timeOffWindow(form({ to: '2026-03-06' }), LA)).toEqual({ ok: true, window: { start: '2026-03-05T08:00:00.000Z', end: '2026-03-07T08:00:00.000Z' } });
  });

  it('stores hours: from a time on the first day until a time on the last', () => {
    // The dentist, 13:00–17:00 on one day (PST, UTC−8).
    expect(timeOffWindow(form({ fromTime: '13:00', toTime: '17:00' }), LA)).toEqual({ ok: true, window: { start: '2026-03-05T21:00:00.000Z', end: '2026-03-06T01:00:00.000Z' } });
    // A course from Thursday noon until Friday 10:00.
    expect(timeOffWindow(form({ to: '2026-03-06', fromTime: '12:00', toTime: '10:00' }), LA)).toEqual({ ok: true, window: { start: '2026-03-05T20:00:00.000Z', end: '2026-03-06T18:00:00.000Z' } });
  });

  it('refuses a missing day, a reversed range, one time without the other and hours that end before they start', () => {
    expect(timeOffWindow(form({ from: '' }), LA)).toEqual({ ok: false, errors: { from: 'Choose the first day.' } });
    expect(timeOffWindow(form({ to: '2026-03-04' }), LA)).toMatchObject({ ok: false, errors: { to: expect.stringContaining('the last not before the first') } });
    expect(timeOffWindow(form({ fromTime: '13:00' }), LA)).toMatchObject({ ok: false, errors: { toTime: expect.stringContaining('end time') } });
    expect(timeOffWindow(form({ toTime: '17:00' }), LA)).toMatchObject({ ok: false, errors: { fromTime: expect.stringContaining('start time') } });
    expect(timeOffWindow(form({ fromTime: '17:00', toTime: '13:00' }), LA)).toEqual({ ok: false, errors: { toTime: 'Time off must end after it starts.' } });
    expect(timeOffWindow(form({ fromTime: '25:00', toTime: '26:00' }), LA)).toMatchObject({ ok: false, errors: { fromTime: expect.any(String) } });
  });

  it('reads entries back as days or hours (old whole-day entries unchanged)', () => {
    expect(describeTimeOff({ start: '2026-03-05T08:00:00.000Z', end: '2026-03-06T08:00:00.000Z' }, LA)).toBe('2026-03-05');
    expect(describeTimeOff({ start: '2026-03-05T08:00:00.000Z', end: '2026-03-07T08:00:00.000Z' }, LA)).toBe('2026-03-05 – 2026-03-06');
    expect(describeTimeOff({ start: '2026-03-05T21:00:00.000Z', end: '2026-03-06T01:00:00.000Z' }, LA)).toBe('2026-03-05 13:00–17:00');
    expect(describeTimeOff({ start: '2026-03-05T20:00:00.000Z', end: '2026-03-06T18:00:00.000Z' }, LA)).toBe('2026-03-05 12:00 – 2026-03-06 10:00');
  });
});
