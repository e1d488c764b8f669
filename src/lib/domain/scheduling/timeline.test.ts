import { describe, expect, it } from 'vitest';
import { instantAt, placeSpans, placeOnRow, shiftDays, snapMinutes, viewDays } from './timeline';

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

  it('shades a window on every shown day it touches, clipped to the shown hours', () => {
    const week = viewDays('2026-03-03', 'week');
    // Tuesday 13:00 until Wednesday 10:00 local: Tuesday 13:00–20:00 and Wednesday 06:00–10:00.
    const spans = placeSpans({ start: '2026-03-03T21:00:00.000Z', end: '2026-03-04T18:00:00.000Z' }, week, LA);
    expect(spans).toHaveLength(2);
    expect(spans[0]!.left).toBeCloseTo((1 + 7 / 14) / 7);
    expect(spans[0]!.width).toBeCloseTo(7 / 14 / 7);
    expect(spans[1]!.left).toBeCloseTo(2 / 7);
    expect(spans[1]!.width).toBeCloseTo(4 / 14 / 7);
    // Night hours only: nothing shown.
    expect(placeSpans({ start: '2026-03-04T05:00:00.000Z', end: '2026-03-04T12:00:00.000Z' }, week, LA)).toEqual([]);
  });
});
