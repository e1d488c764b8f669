import { describe, expect, it } from 'vitest';
import { officeSchema, siteSchema, technicianSchema, type Technician } from '../directory/directory';
import { jobRecordSchema, toJob, type Job, type JobStatus } from '../jobs/job';
import { firstVisitOf, toVisit, visitRecordSchema, type Visit, type VisitStatus } from '../scheduling/visit';
import { pastJobs, suggestForJob, technicianDay, type BoardFacts } from './from-board';

const T0 = '2026-03-01T12:00:00.000Z';
const makeJob = (id: string, status: JobStatus, extra: Record<string, unknown> = {}): Job =>
  toJob(jobRecordSchema.parse({ id, number: id.toUpperCase(), customerName: 'Acme', problem: 'No heat', createdAt: T0, createdBy: 'u1', updatedAt: T0, ...extra }), status);
const tech = (id: string, extra: Partial<Technician> = {}): Technician =>
  technicianSchema.parse({ id, name: id.toUpperCase(), officeId: 'o1', skills: ['HVAC'], homeBase: { label: 'Shop', location: { lat: 37.77, lng: -122.42 } }, ...extra });
const sites = [siteSchema.parse({ id: 's-near', customerId: 'c1', address: '1 Near St', location: { lat: 37.771, lng: -122.421 } }), siteSchema.parse({ id: 's-far', customerId: 'c2', address: '9 Far Ave', location: { lat: 37.8, lng: -122.39 } })];
const offices = [officeSchema.parse({ id: 'o1', name: 'SF', code: 'SF', timeZone: 'America/Los_Angeles' })];
/** A further visit (a `visits` entity) of `jobId` for `techs`, 2 March UTC times. */
const furtherVisit = (id: string, jobId: string, techs: string[], start: string, end: string, status: VisitStatus = 'scheduled'): Visit =>
  toVisit(visitRecordSchema.parse({ id, jobId, technicians: Object.fromEntries(techs.map((t) => [t, true])), window: { start: `2026-03-02T${start}:00.000Z`, end: `2026-03-02T${end}:00.000Z` }, status, createdAt: T0, createdBy: 'u1', updatedAt: T0 }));
// Monday 2 March 2026, 10:00–12:00 in San Francisco.
const window = { start: '2026-03-02T18:00:00.000Z', end: '2026-03-02T20:00:00.000Z' };

describe('suggestions from board records', () => {
  const target = makeJob('job', 'new', { siteId: 's-near', customerId: 'c1', assetIds: ['unit-7'], requiredSkills: ['HVAC'] });

  it("derives a technician's shift from working hours in their office's zone, and that day's bookings", () => {
    const booked = makeJob('b1', 'scheduled', { siteId: 's-far', assigned: { t1: true }, window: { start: '2026-03-02T17:00:00.000Z', end: '2026-03-02T18:00:00.000Z' } });
    const otherDay = makeJob('b2', 'scheduled', { assigned: { t1: true }, window: { start: '2026-03-03T17:00:00.000Z', end: '2026-03-03T18:00:00.000Z' } });
    const cancelled = makeJob('b3', 'cancelled', { assigned: { t1: true }, window: { start: '2026-03-02T19:00:00.000Z', end: '2026-03-02T20:00:00.000Z' } });
    const facts: BoardFacts = { jobs: [target, booked, otherDay, cancelled], technicians: [tech('t1')], sites, offices, timeZone: 'UTC' };
    const day = technicianDay(tech('t1'), Date.parse(window.start), facts, new Map(sites.map((s) => [s.id, s])), target.id);
    expect(day.shift).toEqual({ start: '2026-03-02T16:00:00.000Z', end: '2026-03-03T01:00:00.000Z' });
    expect(day.bookings).toEqual([{ start: '2026-03-02T17:00:00.000Z', end: '2026-03-02T18:00:00.000Z', jobId: 'b1', location: sites[1]!.location }]);
    expect(technicianDay(tech('t1', { workingHours: {} }), Date.parse(window.start), facts, new Map(), target.id).shift).toBeNull();
  });

  it('counts completed and later jobs as history, per assigned technician', () => {
    const jobs = [makeJob('h1', 'completed', { assigned: { t1: true, t2: true }, customerId: 'c1', assetIds: ['unit-7'] }), makeJob('h2', 'scheduled', { assigned: { t1: true } })];
    expect(pastJobs(jobs)).toEqual([
      { technicianId: 't1', customerId: 'c1', assetIds: ['unit-7'] },
      { technicianId: 't2', customerId: 'c1', assetIds: ['unit-7'] }
    ]);
  });

  it('suggests active, skilled technicians ranked by the board facts (the one who knows the unit first)', () => {
    const history = makeJob('h1', 'completed', { assigned: { t2: true }, customerId: 'c1', assetIds: ['unit-7'] });
    const technicians = [tech('t1'), tech('t2'), tech('t3', { skills: ['Plumbing'] }), tech('t4', { active: false })];
    const result = suggestForJob(target, window, { jobs: [target, history], technicians, sites, offices, timeZone: 'America/Los_Angeles' });
    expect(result.suggestions.map((s) => s.technicianId)).toEqual(['t2', 't1']);
    expect(result.suggestions[0]!.sentence).toMatch(/^Covers HVAC · free 10:00–12:00 · \d+ min from home base · no visits today · worked this unit once · no SLA$/);
    expect(result.excluded).toEqual([{ technicianId: 't3', name: 'T3', reason: 'lacks HVAC' }]);
  });

  describe('further visits', () => {
    // The job's first visit was on another day; its return visit fills t1's 10:00–12:00.
    const returnJob = makeJob('ret', 'scheduled', { siteId: 's-far', assigned: { t1: true }, window: { start: '2026-02-27T17:00:00.000Z', end: '2026-02-27T18:00:00.000Z' } });
    const visitsWith = (...further: Visit[]) => [...[target, returnJob].map(firstVisitOf).filter((v): v is Visit => v !== null), ...further];
    const facts = (visits: Visit[]): BoardFacts => ({ jobs: [target, returnJob], technicians: [tech('t1'), tech('t2')], visits, sites, offices, timeZone: 'America/Los_Angeles' });

    it('count as booked time: a technician whose return visit fills the window is not suggested', () => {
      const visits = visitsWith(furtherVisit('v-ret', 'ret', ['t1'], '17:30', '20:30'));
      const result = suggestForJob(target, window, facts(visits));
      expect(result.suggestions.map((s) => s.technicianId)).toEqual(['t2']);
      expect(result.excluded).toEqual([{ technicianId: 't1', name: 'T1', reason: 'no free 1 h (with travel) in 10:00–12:00' }]);
      // Without the further visit both are free (the first visit is on another day).
      expect(suggestForJob(target, window, facts(visitsWith())).suggestions.map((s) => s.technicianId)).toEqual(['t1', 't2']);
    });

    it("are where the technician is just before the slot: travel is measured from that visit's site", () => {
      // t1 is at the far site 08:00–09:30 (a further visit), t2 starts from the shop next to the job.
      const visits = visitsWith(furtherVisit('v-ret', 'ret', ['t1'], '16:00', '17:30'));
      const day = technicianDay(tech('t1'), Date.parse(window.start), facts(visits), new Map(sites.map((s) => [s.id, s])), target.id);
      expect(day.bookings).toEqual([{ start: '2026-03-02T16:00:00.000Z', end: '2026-03-02T17:30:00.000Z', jobId: 'ret', location: sites[1]!.location }]);
      const result = suggestForJob(target, window, facts(visits));
      const t1 = result.suggestions.find((s) => s.technicianId === 't1')!;
      expect(t1.sentence).toMatch(/ · \d+ min from previous visit · 1 visit today \(1 h 30 min booked\) · /);
      expect(result.suggestions.map((s) => s.technicianId)).toEqual(['t2', 't1']);
    });

    it("leave out cancelled visits and the job's own first visit (the suggestion replaces it), but keep its further visits", () => {
      const booked = makeJob('job', 'scheduled', { siteId: 's-near', customerId: 'c1', requiredSkills: ['HVAC'], assigned: { t1: true }, window: { start: '2026-03-02T18:00:00.000Z', end: '2026-03-02T20:00:00.000Z' } });
      const cancelled = furtherVisit('v-x', 'ret', ['t1'], '18:00', '20:00', 'cancelled');
      const own = furtherVisit('v-own', 'job', ['t1'], '19:00', '20:00');
      const visits = [firstVisitOf(booked)!, cancelled, own];
      const day = technicianDay(tech('t1'), Date.parse(window.start), { ...facts(visits), jobs: [booked, returnJob] }, new Map(sites.map((s) => [s.id, s])), booked.id);
      expect(day.bookings.map((b) => b.start)).toEqual(['2026-03-02T19:00:00.000Z']);
    });
  });

  it("reads time off, holidays and the office's emergency reserve into the technician's day", () => {
    const siteMap = new Map(sites.map((s) => [s.id, s]));
    const reserveOffice = [officeSchema.parse({ id: 'o1', name: 'SF', code: 'SF', timeZone: 'America/Los_Angeles', emergencyReservePercent: 10 })];
    const busy = makeJob('b1', 'scheduled', { siteId: 's-far', assigned: { t1: true }, window: { start: '2026-03-02T16:00:00.000Z', end: '2026-03-02T17:00:00.000Z' } });
    const urgent = makeJob('e1', 'scheduled', { type: 'emergency', siteId: 's-far', assigned: { t1: true }, window: { start: '2026-03-02T21:00:00.000Z', end: '2026-03-02T22:00:00.000Z' } });
    // Dentist 13:00–17:00 local on Monday 2 March (21:00Z–01:00Z).
    const dentist = { id: 'off', technicianId: 't1', window: { start: '2026-03-02T21:00:00.000Z', end: '2026-03-03T01:00:00.000Z' }, reason: 'Dentist', removed: false, createdAt: T0, createdBy: 'u1' };
    const facts: BoardFacts = { jobs: [target, busy, urgent], technicians: [tech('t1')], sites, offices: reserveOffice, timeZone: 'UTC', timeOff: [dentist] };
    const day = technicianDay(tech('t1'), Date.parse(window.start), facts, siteMap, target.id);
    expect(day.away).toEqual([dentist.window]);
    // 9 h less 4 h off = 300 min; 10 % reserve = 30 min; only the non-emergency hour counts against it.
    expect(day.capacity).toEqual({ availableMinutes: 270, reserveMinutes: 30, nonEmergencyMinutes: 60 });
    const holiday = { id: 'h', date: '2026-03-02', name: 'Founders Day', officeId: 'o1', removed: false, createdAt: T0, createdBy: 'u1' };
    expect(technicianDay(tech('t1'), Date.parse(window.start), { ...facts, holidays: [holiday] }, siteMap, target.id).shift).toBeNull();
    expect(suggestForJob(target, window, { ...facts, holidays: [holiday] }).excluded).toEqual([{ technicianId: 't1', name: 'T1', reason: 'not working that day' }]);
    // Off during the whole window: not suggested for it.
    const allMorning = { ...dentist, window: { start: '2026-03-02T16:00:00.000Z', end: '2026-03-02T21:00:00.000Z' } };
    expect(suggestForJob(target, window, { ...facts, timeOff: [allMorning] }).suggestions).toEqual([]);
  });
});
