import { describe, expect, it } from 'vitest';
import type { Site, Technician } from '../directory/directory';
import type { Job } from '../jobs/job';
import type { Visit } from '../scheduling/visit';
import { dayFeatures, jobMarkers, needsAttention, PRIORITY_STYLE, STATUS_COLORS, technicianDay, technicianMarkers } from './map-features';

const NOW = Date.parse('2026-03-10T18:00:00.000Z');
const HOUR = 3600_000;

let n = 0;
function aJob(overrides: Partial<Job> = {}): Job {
  n++;
  return {
    id: `j${n}`, number: `J-MAP-${String(n).padStart(3, '0')}`, customerName: `Customer ${n}`, siteAddress: '', problem: 'leak',
    type: 'repair', priority: 'normal', createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u', updatedAt: '2026-03-01T00:00:00.000Z',
    customerId: null, siteId: 's1', assetIds: [], officeId: null, requiredSkills: [], estimatedMinutes: 60, slaDue: null,
    assignedTechIds: [], scheduledStart: null, scheduledEnd: null, outcome: null, resolution: '', callbackOf: null, followUpOf: null, channel: 'phone',
    rank: `a${n}`, feedbackRating: null, status: 'new', window: null, windowIssue: null, ...overrides
  };
}

function aSite(id: string, location: Site['location']): Site {
  return { id, customerId: 'c1', label: '', address: `${id} Mission St`, location, accessNotes: '' };
}

function aTech(overrides: Partial<Technician> = {}): Technician {
  return {
    id: 't1', name: 'Tess', userId: null, officeId: null, skills: [], workingHours: {}, color: '#aa3377', active: true,
    homeBase: { label: 'Yard', location: { lat: 37.75, lng: -122.4 } }, ...overrides
  };
}

const SITES = new Map([aSite('s1', { lat: 37.78, lng: -122.41 }), aSite('s2', { lat: 37.76, lng: -122.43 }), aSite('nowhere', null)].map((s) => [s.id, s]));

describe('jobMarkers', () => {
  it('places open jobs at their site as [lng, lat], coloured by status and styled by priority', () => {
    const job = aJob({ status: 'dispatched', priority: 'high', assignedTechIds: ['t1'] });
    const { collection } = jobMarkers([job], SITES, NOW);
    expect(collection.features).toHaveLength(1);
    const feature = collection.features[0]!;
    expect(feature.geometry.coordinates).toEqual([-122.41, 37.78]);
    expect(feature.properties).toMatchObject({
      jobId: job.id,
      status: 'dispatched',
      color: STATUS_COLORS.dispatched,
      radius: PRIORITY_STYLE.high.radius,
      ring: PRIORITY_STYLE.high.ring,
      unassigned: false,
      pulse: false
    });
  });

  it('gives every status on the map its own colour and makes higher priorities larger', () => {
    const onMap = ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold'] as const;
    expect(new Set(onMap.map((s) => STATUS_COLORS[s])).size).toBe(onMap.length);
    const radii = (['low', 'normal', 'high', 'urgent'] as const).map((p) => PRIORITY_STYLE[p].radius);
    expect(radii).toEqual([...radii].sort((a, b) => a - b));
    expect(new Set(radii).size).toBe(4);
  });

  it('leaves settled work off the map and lists open jobs without a located site as unplaced', () => {
    const closed = aJob({ status: 'closed' });
    const done = aJob({ status: 'completed' });
    const noLocation = aJob({ siteId: 'nowhere' });
    const noSite = aJob({ siteId: null });
    const placed = aJob({ siteId: 's2' });
    const result = jobMarkers([closed, done, noLocation, noSite, placed], SITES, NOW);
    expect(result.collection.features.map((f) => f.properties.jobId)).toEqual([placed.id]);
    expect(result.unplaced.map((j) => j.id)).toEqual([noLocation.id, noSite.id]);
  });

  it('draws urgent work last (on top) and numbers features for feature state', () => {
    const urgent = aJob({ priority: 'urgent' });
    const low = aJob({ priority: 'low' });
    const normal = aJob();
    const { collection } = jobMarkers([urgent, low, normal], SITES, NOW);
    expect(collection.features.map((f) => f.properties.priority)).toEqual(['low', 'normal', 'urgent']);
    expect(collection.features.map((f) => f.id)).toEqual([0, 1, 2]);
  });
});

describe('the SLA pulse rule', () => {
  const at = (msFromNow: number) => new Date(NOW + msFromNow).toISOString();

  it('pulses an unassigned job due within two hours or already overdue', () => {
    expect(needsAttention(aJob({ slaDue: at(HOUR) }), NOW)).toBe(true);
    expect(needsAttention(aJob({ slaDue: at(-HOUR) }), NOW)).toBe(true);
    const { collection } = jobMarkers([aJob({ slaDue: at(30 * 60_000) })], SITES, NOW);
    expect(collection.features[0]?.properties.pulse).toBe(true);
  });

  it('does not pulse assigned work, work due later, work without an SLA or work already done', () => {
    expect(needsAttention(aJob({ slaDue: at(HOUR), assignedTechIds: ['t1'] }), NOW)).toBe(false);
    expect(needsAttention(aJob({ slaDue: at(3 * HOUR) }), NOW)).toBe(false);
    expect(needsAttention(aJob({ slaDue: null }), NOW)).toBe(false);
    expect(needsAttention(aJob({ slaDue: at(-HOUR), status: 'completed' }), NOW)).toBe(false);
  });
});

describe('technicians', () => {
  it('puts active technicians with a located home base on the map', () => {
    const markers = technicianMarkers([aTech(), aTech({ id: 't2', active: false }), aTech({ id: 't3', homeBase: { label: 'Van', location: null } }), aTech({ id: 't4', homeBase: null })]);
    expect(markers.features.map((f) => f.properties.technicianId)).toEqual(['t1']);
    expect(markers.features[0]?.geometry.coordinates).toEqual([-122.4, 37.75]);
    expect(markers.features[0]?.properties).toMatchObject({ color: '#aa3377', source: 'home-base' });
  });

  it('shows a technician where their latest located status tap was, else at the home base', () => {
    const seen = new Map([['t1', { location: { lat: 37.7599, lng: -122.4148 }, at: '2026-03-10T17:05:00.000Z' }], ['t4', { location: { lat: 37.8, lng: -122.45 }, at: '2026-03-10T16:00:00.000Z' }]]);
    const markers = technicianMarkers([aTech(), aTech({ id: 't3', homeBase: { label: 'Van', location: { lat: 37.7, lng: -122.5 } } }), aTech({ id: 't4', homeBase: null })], seen);
    expect(markers.features.map((f) => [f.properties.technicianId, f.properties.source, f.geometry.coordinates])).toEqual([
      ['t1', 'last-seen', [-122.4148, 37.7599]],
      ['t3', 'home-base', [-122.5, 37.7]],
      ['t4', 'last-seen', [-122.45, 37.8]]
    ]);
    expect(markers.features[0]?.properties.seenAt).toBe('2026-03-10T17:05:00.000Z');
  });

  it("draws a technician's day from every visit: a job's return visit the same day is a second stop, cancelled visits none", () => {
    const zone = 'America/Los_Angeles';
    const job = aJob({ siteId: 's1', assignedTechIds: ['t1'], status: 'scheduled', window: { start: '2026-03-10T16:00:00.000Z', end: '2026-03-10T17:00:00.000Z' } });
    const other = aJob({ siteId: 's2', assignedTechIds: [], status: 'scheduled', window: null });
    const visit = (id: string, jobId: string, start: string, status: Visit['status'] = 'scheduled', technicianIds = ['t1']): Visit => ({
      id, jobId, technicianIds, status, window: { start, end: new Date(Date.parse(start) + HOUR).toISOString() }, notes: '', locked: false, source: id.startsWith('v1:') ? 'job' : 'visit'
    });
    const visits = [
      visit(`v1:${job.id}`, job.id, '2026-03-10T16:00:00.000Z'),
      visit('return', job.id, '2026-03-10T22:00:00.000Z'),
      visit('further', other.id, '2026-03-10T19:00:00.000Z'),
      visit('dropped', other.id, '2026-03-10T20:00:00.000Z', 'cancelled'),
      visit('not-mine', other.id, '2026-03-10T18:00:00.000Z', 'scheduled', ['t2'])
    ];
    const day = technicianDay(aTech(), [job, other], SITES, '2026-03-10', zone, visits);
    expect(day.stops.map((s) => [s.order, s.visitId])).toEqual([[1, `v1:${job.id}`], [2, 'further'], [3, 'return']]);
    expect(day.line).toEqual([[-122.4, 37.75], [-122.41, 37.78], [-122.43, 37.76], [-122.41, 37.78]]);
  });

  it("orders a technician's day by window start from the home base, using the organisation's day", () => {
    const zone = 'America/Los_Angeles';
    const window = (start: string) => ({ start, end: new Date(Date.parse(start) + HOUR).toISOString() });
    // 16:00 local on 10 March; 09:00 local on 10 March; 20:00 local on 9 March (04:00Z on the 10th).
    const late = aJob({ siteId: 's2', assignedTechIds: ['t1'], status: 'scheduled', window: window('2026-03-10T23:00:00.000Z') });
    const early = aJob({ siteId: 's1', assignedTechIds: ['t1'], status: 'scheduled', window: window('2026-03-10T16:00:00.000Z') });
    const previousEvening = aJob({ assignedTechIds: ['t1'], window: window('2026-03-10T04:00:00.000Z') });
    const someoneElse = aJob({ assignedTechIds: ['t2'], window: window('2026-03-10T17:00:00.000Z') });
    const unlocated = aJob({ siteId: 'nowhere', assignedTechIds: ['t1'], window: window('2026-03-10T18:00:00.000Z') });
    const cancelled = aJob({ assignedTechIds: ['t1'], status: 'cancelled', window: window('2026-03-10T19:00:00.000Z') });
    const day = technicianDay(aTech(), [late, early, previousEvening, someoneElse, unlocated, cancelled], SITES, '2026-03-10', zone);
    expect(day.stops.map((s) => [s.order, s.job.id])).toEqual([[1, early.id], [2, unlocated.id], [3, late.id]]);
    expect(day.line).toEqual([[-122.4, 37.75], [-122.41, 37.78], [-122.43, 37.76]]);
  });
});

describe('dayFeatures', () => {
  it('draws the route line and one numbered point per located stop', () => {
    const tech = aTech();
    const job = aJob({ assignedTechIds: ['t1'], window: { start: '2026-03-10T17:00:00.000Z', end: '2026-03-10T18:00:00.000Z' } });
    const features = dayFeatures(technicianDay(tech, [job], SITES, '2026-03-10', 'America/Los_Angeles'), '#aa3377').features;
    expect(features.map((f) => f.geometry.type)).toEqual(['LineString', 'Point']);
    expect(features[1]?.properties).toEqual({ order: 1, jobId: job.id, color: '#aa3377' });
    // A day without stops draws nothing (the home base alone is not a route).
    expect(dayFeatures(technicianDay(tech, [], SITES, '2026-03-10', 'America/Los_Angeles'), '#aa3377').features).toEqual([]);
  });
});
