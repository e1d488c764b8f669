import { describe, expect, it } from 'vitest';
import { checkVisitTransition, VISIT_STATUSES } from '../scheduling/visit';
import { checkTransition } from '../jobs/status';
import { clockForTap, completionInputSchema, lastPositions, nextTap, statusTapSchema, tapPath, TAPS } from './status-taps';

describe('tapPath', () => {
  it('takes a scheduled visit through dispatched to en route, each step an allowed transition', () => {
    expect(tapPath('scheduled', 'en_route')).toEqual({ ok: true, steps: ['dispatched', 'en_route'] });
    expect(tapPath('en_route', 'on_site')).toEqual({ ok: true, steps: ['on_site'] });
    expect(tapPath('on_site', 'done')).toEqual({ ok: true, steps: ['done'] });
  });

  it('only offers steps the visit and job lifecycles both allow', () => {
    for (const from of VISIT_STATUSES) {
      for (const tap of TAPS) {
        const path = tapPath(from, tap);
        if (!path.ok) continue;
        let at = from;
        for (const step of path.steps) {
          expect(checkVisitTransition(at, step).ok, `${at} → ${step}`).toBe(true);
          const job = (s: string) => (s === 'done' ? 'completed' : s) as Parameters<typeof checkTransition>[0];
          expect(checkTransition(job(at), job(step)).ok, `job ${at} → ${step}`).toBe(true);
          at = step;
        }
        expect(at).toBe(tap);
      }
    }
  });

  it('refuses taps that do not apply with a sentence', () => {
    const done = tapPath('done', 'on_site');
    expect(done.ok).toBe(false);
    if (!done.ok) expect(done.reason).toMatch(/already done/);
    const back = tapPath('on_site', 'en_route');
    expect(back.ok).toBe(false);
  });

  it('offers the next tap in order and nothing after work done', () => {
    expect(['scheduled', 'dispatched', 'en_route', 'on_site', 'done', 'cancelled'].map((s) => nextTap(s as never))).toEqual(['en_route', 'en_route', 'on_site', 'done', null, null]);
  });

  it('starts travel en route, on-site time on site, and nothing on work done', () => {
    expect(TAPS.map((t) => clockForTap(t).start)).toEqual(['travel', 'on_site', null]);
  });
});

describe('completionInputSchema', () => {
  it('needs an outcome and a resolution note', () => {
    expect(completionInputSchema.safeParse({ outcome: 'fixed', resolution: '' }).success).toBe(false);
    expect(completionInputSchema.safeParse({ outcome: 'customer_declined', resolution: 'x' }).success).toBe(false);
    expect(completionInputSchema.parse({ outcome: 'callback_needed', resolution: ' Replaced valve \r\n' })).toEqual({ outcome: 'callback_needed', resolution: 'Replaced valve' });
  });
});

describe('lastPositions', () => {
  const tap = (id: string, technicianId: string | null, at: string, location: { lat: number; lng: number } | null) =>
    statusTapSchema.parse({ id, jobId: 'j', visitId: 'v', technicianId, tap: 'on_site', location: location && { ...location, accuracy: 10 }, at, by: 'u' });
  it('keeps each technician’s latest tap that carried a location, whatever the order', () => {
    const taps = [
      tap('a', 't1', '2026-06-10T16:00:00.000Z', { lat: 1, lng: 1 }),
      tap('b', 't1', '2026-06-10T17:00:00.000Z', { lat: 2, lng: 2 }),
      tap('c', 't1', '2026-06-10T18:00:00.000Z', null),
      tap('d', 't2', '2026-06-10T15:00:00.000Z', { lat: 3, lng: 3 }),
      tap('e', null, '2026-06-10T19:00:00.000Z', { lat: 4, lng: 4 })
    ];
    for (const order of [taps, [...taps].reverse()]) {
      const positions = lastPositions(order);
      expect([...positions.keys()].sort()).toEqual(['t1', 't2']);
      expect(positions.get('t1')?.location.lat).toBe(2);
    }
  });
});
