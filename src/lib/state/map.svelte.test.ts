import { describe, expect, it } from 'vitest';
import type { Office, Site, Technician } from '../domain/directory/directory';
import type { Job } from '../domain/jobs/job';
import { board } from './board.svelte';
import { mapState } from './map.svelte';

const office: Office = { id: 'o1', name: 'Mission', code: 'SF-M', address: '', timeZone: 'America/Los_Angeles' } as Office;
const tech = { id: 't1', name: 'Tess', userId: null, officeId: 'o1', skills: [], workingHours: {}, color: '#aa3377', active: true, homeBase: { label: 'Yard', location: { lat: 37.75, lng: -122.4 } } } satisfies Technician;
const site = (id: string, location: Site['location']): Site => ({ id, customerId: 'c1', label: '', address: `${id} Valencia St`, location, accessNotes: '' });

let n = 0;
function aJob(overrides: Partial<Job>): Job {
  n++;
  return {
    id: `j${n}`, number: `J-ST-${n}`, customerName: 'C', siteAddress: '', problem: 'p', type: 'repair', priority: 'normal',
    createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'u', updatedAt: '2026-03-01T00:00:00.000Z', customerId: null, siteId: null,
    assetIds: [], officeId: null, requiredSkills: [], estimatedMinutes: 60, slaDue: null, assignedTechIds: [], scheduledStart: null,
    scheduledEnd: null, outcome: null, resolution: '', callbackOf: null, followUpOf: null, channel: 'phone', rank: 'a', feedbackRating: null,
    status: 'new', window: null, windowIssue: null, ...overrides
  };
}

describe('mapState', () => {
  it("groups unplaced jobs by site and draws a technician's day for the organisation's today", () => {
    board.offices = [office];
    board.technicians = [tech];
    board.sites = [site('placed', { lat: 37.76, lng: -122.42 }), site('bare', null)];
    // 17:30 on 9 March in San Francisco, already 10 March in UTC.
    board.now = Date.parse('2026-03-10T00:30:00.000Z');
    const today = aJob({ siteId: 'placed', assignedTechIds: ['t1'], status: 'scheduled', window: { start: '2026-03-09T23:00:00.000Z', end: '2026-03-10T00:00:00.000Z' } });
    const tomorrowHere = aJob({ siteId: 'placed', assignedTechIds: ['t1'], status: 'scheduled', window: { start: '2026-03-10T17:00:00.000Z', end: '2026-03-10T18:00:00.000Z' } });
    const a = aJob({ siteId: 'bare' });
    const b = aJob({ siteId: 'bare' });
    const noSite = aJob({});
    board.jobs = [today, tomorrowHere, a, b, noSite];
    // Each booked job's first visit, as the board derives it.
    board.visits = [today, tomorrowHere].map((j) => ({ id: `v1:${j.id}`, jobId: j.id, technicianIds: ['t1'], window: j.window!, status: 'scheduled' as const, notes: '', locked: false, source: 'job' as const }));

    expect(mapState.today).toBe('2026-03-09');
    expect(mapState.markers.collection.features.map((f) => f.properties.jobId).sort()).toEqual([today.id, tomorrowHere.id].sort());
    expect(mapState.unplacedSites.map((u) => [u.site.id, u.jobs.map((j) => j.id)])).toEqual([['bare', [a.id, b.id]]]);
    expect(mapState.jobsWithoutSite).toBe(1);

    mapState.showTechnician('t1');
    expect(mapState.day?.stops.map((s) => s.job.id)).toEqual([today.id]);
    expect(mapState.dayFeatures.features.map((f) => f.geometry.type)).toEqual(['LineString', 'Point']);
    mapState.showTechnician('t1');
    expect(mapState.day).toBeNull();
  });

  it('keeps the pin pending and says why when it cannot be saved', () => {
    board.sites = [site('bare', null)];
    mapState.cancelPin();
    expect(mapState.dropPin({ lat: 37.7, lng: -122.4 })).toEqual({ ok: false, errors: { _form: 'Choose a site to pin first.' } });
    mapState.startPin('bare');
    expect(mapState.pinSite?.address).toBe('bare Valencia St');
    // No board doc is open in this test (signed out): refused, and the pin mode stays on.
    const result = mapState.dropPin({ lat: 37.7, lng: -122.4 });
    expect(result.ok).toBe(false);
    expect(mapState.pinSiteId).toBe('bare');
    mapState.cancelPin();
    expect(mapState.pinSite).toBeUndefined();
  });
});
