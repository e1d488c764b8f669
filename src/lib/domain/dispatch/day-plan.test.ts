import { describe, expect, it } from 'vitest';
import { technicianSchema } from '../directory/directory';
import type { Visit } from '../scheduling/visit';
import { movesForRoute, planDay } from './day-plan';
import { optimiseDay } from './optimise-route';

// 2026-03-03 is a Tuesday; Los Angeles is UTC−8, so 08:00 local = 16:00Z.
const zone = 'America/Los_Angeles';
const at = (hhmmZ: string, day = '2026-03-03') => `${day}T${hhmmZ}:00.000Z`;
const sites: Record<string, { lat: number; lng: number } | null> = {
  wharf: { lat: 37.808, lng: -122.4177 }, // Fisherman's Wharf
  excelsior: { lat: 37.7244, lng: -122.4339 }, // Excelsior
  marina: { lat: 37.8037, lng: -122.4368 }, // Marina
  bayview: { lat: 37.7299, lng: -122.3925 }, // Bayview
  unpinned: null
};
const tess = technicianSchema.parse({ id: 't1', name: 'Tess', homeBase: { label: 'Shop', location: { lat: 37.7599, lng: -122.4148 } } });
const visit = (id: string, jobId: string, start: string, end: string, over: Partial<Visit> = {}): Visit => ({
  id, jobId, technicianIds: ['t1'], window: { start: at(start), end: at(end) }, status: 'scheduled', notes: '', locked: false, source: 'visit', ...over
});
// North, south, north, south: the worst order for one van.
const zigzag = [visit('a', 'wharf', '16:30', '17:30'), visit('b', 'excelsior', '18:00', '19:00'), visit('c', 'marina', '19:30', '20:30'), visit('d', 'bayview', '21:00', '22:00')];
const facts = (over: Partial<Parameters<typeof planDay>[0]> = {}) => ({ technician: tess, day: '2026-03-03', timeZone: zone, visits: zigzag, locationOf: (v: Visit) => sites[v.jobId] ?? null, ...over });

describe('planDay', () => {
  it('reads the shift from working hours and home base, durations from the windows, in the current order', () => {
    const plan = planDay(facts({ visits: [...zigzag].reverse() }));
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.input.shift).toEqual({ start: at('16:00'), end: at('01:00', '2026-03-04'), from: tess.homeBase!.location, to: tess.homeBase!.location });
    expect(plan.input.visits.map((v) => [v.id, v.serviceMinutes, v.locked])).toEqual([['a', 60, false], ['b', 60, false], ['c', 60, false], ['d', 60, false]]);
  });

  it('keeps locked and crew visits in place, and leaves out other days, other technicians and closed visits', () => {
    const visits = [
      ...zigzag.slice(0, 2),
      visit('c', 'marina', '19:30', '20:30', { locked: true }),
      visit('d', 'bayview', '21:00', '22:00', { technicianIds: ['t1', 't2'] }),
      visit('e', 'wharf', '17:00', '18:00', { window: { start: at('17:00', '2026-03-04'), end: at('18:00', '2026-03-04') } }),
      visit('f', 'wharf', '23:00', '23:30', { technicianIds: ['t2'] }),
      visit('g', 'wharf', '23:00', '23:30', { status: 'done' })
    ];
    const plan = planDay(facts({ visits }));
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.input.visits.map((v) => [v.id, v.locked])).toEqual([['a', false], ['b', false], ['c', true], ['d', true]]);
  });

  it('says why a day cannot be planned', () => {
    expect(planDay(facts({ visits: zigzag.slice(0, 1) }))).toEqual({ ok: false, error: 'Tess has fewer than two open visits on 2026-03-03: nothing to reorder.' });
    expect(planDay(facts({ technician: { ...tess, homeBase: null } }))).toMatchObject({ ok: false, error: expect.stringContaining('no home base location') });
    expect(planDay(facts({ visits: [...zigzag, visit('u', 'unpinned', '23:00', '23:30')] }))).toEqual({ ok: false, error: 'One visit has no site location; pin the site on the map first.' });
    expect(planDay(facts({ technician: { ...tess, workingHours: { mon: ['08:00', '17:00'] } } }))).toEqual({ ok: false, error: 'Tess does not work on 2026-03-03.' });
  });
});

describe('movesForRoute', () => {
  it('optimises the zigzag day and moves each visit to its new start, keeping its length', () => {
    const plan = planDay(facts());
    if (!plan.ok) throw new Error(plan.error);
    const route = optimiseDay(plan.input);
    expect(route.feasible).toBe(true);
    expect(route.savedMinutes).toBeGreaterThan(0);
    // The two northern sites together and the two southern ones together.
    const pairs = route.order.join('');
    expect(['ac', 'ca'].some((p) => pairs.includes(p)) && ['bd', 'db'].some((p) => pairs.includes(p))).toBe(true);
    const moves = movesForRoute(route, plan.visits);
    for (const m of moves) expect(Date.parse(m.end) - Date.parse(m.start)).toBe(60 * 60_000);
    const startOf = new Map(zigzag.map((v) => [v.id, v.window.start]));
    for (const m of moves) startOf.set(m.visitId, m.start);
    expect([...startOf.entries()].sort((x, y) => x[1].localeCompare(y[1])).map(([id]) => id)).toEqual(route.order);
  });

  it('leaves out visits already at their start', () => {
    const plan = planDay(facts());
    if (!plan.ok) throw new Error(plan.error);
    const route = optimiseDay(plan.input);
    const moved = movesForRoute(route, plan.visits);
    const settled = zigzag.map((v) => { const m = moved.find((x) => x.visitId === v.id); return m ? { ...v, window: { start: m.start, end: m.end } } : v; });
    expect(movesForRoute(route, settled)).toEqual([]);
  });
});
