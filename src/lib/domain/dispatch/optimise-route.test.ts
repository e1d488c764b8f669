import { describe, expect, it } from 'vitest';
import { optimiseDay } from './optimise-route';
import { RouteInputError, type RouteVisit } from './route-input';
import type { TravelTimeModel } from './travel-time';

/** Points on a line, 1° of longitude = 10 min, so routes are easy to reason about by hand. */
const lineTravel: TravelTimeModel = { minutes: (a, b) => Math.round(Math.abs(a.lng - b.lng) * 10) };
const at = (x: number) => ({ lat: 0, lng: x });
const shift = { start: '2026-03-02T16:00:00.000Z', end: '2026-03-03T01:00:00.000Z', from: at(0), to: at(0) };
const visit = (id: string, x: number, extra: Partial<RouteVisit> = {}): RouteVisit => ({ id, location: at(x), serviceMinutes: 30, ...extra });

describe('optimiseDay', () => {
  it('reorders a zig-zag day and reports the minutes saved against the current order', () => {
    const result = optimiseDay({ shift, visits: [visit('c', 3), visit('a', 1), visit('d', 4), visit('b', 2)] }, { travel: lineTravel });
    expect(result.method).toBe('exact');
    expect(result.feasible).toBe(true);
    expect(result.driveMinutes).toBe(80);
    // Out to x=4 and back is 80 min whichever stops are served on the way back.
    expect([...result.order].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(result.current).toEqual({ driveMinutes: 30 + 20 + 30 + 20 + 20, feasible: true });
    expect(result.savedMinutes).toBe(40);
    expect(result.violations).toEqual([]);
    expect(result.message).toMatch(/Saves 40 min of driving \(120 → 80 min\)/);
  });

  it('keeps appointment windows (waiting when early) and returns arrival and start instants', () => {
    // d is far but must be served first thing; waiting at a until 17:00 is allowed.
    const result = optimiseDay(
      {
        shift,
        visits: [
          visit('a', 1, { window: { start: '2026-03-02T17:00:00.000Z', end: '2026-03-02T17:30:00.000Z' } }),
          visit('d', 4, { window: { start: '2026-03-02T16:00:00.000Z', end: '2026-03-02T16:45:00.000Z' } })
        ]
      },
      { travel: lineTravel }
    );
    expect(result.order).toEqual(['d', 'a']);
    expect(result.stops[0]).toMatchObject({ id: 'd', arrival: '2026-03-02T16:40:00.000Z', start: '2026-03-02T16:40:00.000Z', driveMinutes: 40 });
    expect(result.stops[1]).toMatchObject({ id: 'a', arrival: '2026-03-02T17:40:00.000Z', start: '2026-03-02T17:40:00.000Z', lateMinutes: 10 });
    expect(result.feasible).toBe(false);
    expect(result.violations).toEqual([{ id: 'a', lateMinutes: 10, message: 'a would start 10 min after its window' }]);
    expect(result.message).toMatch(/^No order keeps every window; the least late: a would start 10 min/);
  });

  it('keeps a locked visit at its booked time even when moving it would save driving', () => {
    const visits = [visit('a', 1), visit('lock', 4, { locked: true, start: '2026-03-02T16:40:00.000Z' }), visit('b', 2)];
    const result = optimiseDay({ shift, visits }, { travel: lineTravel });
    expect(result.feasible).toBe(true);
    expect(result.order[0]).toBe('lock');
    expect(result.stops[0]!.start).toBe('2026-03-02T16:40:00.000Z');
  });

  it('flags a day that cannot end by the end of the shift', () => {
    const short = { ...shift, end: '2026-03-02T17:00:00.000Z' };
    const result = optimiseDay({ shift: short, visits: [visit('far', 5)] }, { travel: lineTravel });
    expect(result.feasible).toBe(false);
    expect(result.violations).toEqual([{ id: null, lateMinutes: 70, message: 'back 70 min after the shift ends' }]);
    expect(result.returnAt).toBe('2026-03-02T18:10:00.000Z');
  });

  it('uses the heuristic above the exact limit and never proposes worse than the current order', () => {
    const visits = Array.from({ length: 14 }, (_, i) => visit(`v${i}`, i + 1, { serviceMinutes: 10 }));
    const result = optimiseDay({ shift, visits }, { travel: lineTravel });
    expect(result.method).toBe('heuristic');
    expect(result.feasible).toBe(true);
    expect(result.driveMinutes).toBe(280);
    expect(result.savedMinutes).toBe(0);
  });

  it('rejects bad input with every problem named', () => {
    const bad = { shift: { ...shift, end: shift.start }, visits: [visit('x', 1, { locked: true }), visit('x', 2)] };
    expect(() => optimiseDay(bad)).toThrow(RouteInputError);
    expect(() => optimiseDay(bad)).toThrow(/shift.*must end after it starts[\s\S]*locked visit needs its booked start/);
    expect(() => optimiseDay({ shift, visits: [visit('x', 1), visit('x', 2)] })).toThrow(/duplicate visit id x/);
  });
});
