import { describe, expect, it } from 'vitest';
import { suggestTechnicians, WEIGHTS, type DispatchJob, type DispatchTechnician, type PastJob, type SuggestInput } from './suggest';
import type { TravelTimeModel } from './travel-time';

/** 1° of longitude = 1 min of driving: distances are read straight off the fixtures. */
const lineTravel: TravelTimeModel = { minutes: (a, b) => Math.abs(a.lng - b.lng) };
const at = (x: number) => ({ lat: 0, lng: x });
// 2026-03-02 in San Francisco (UTC−8): 08:00–17:00 local is 16:00–01:00Z.
const local = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2026, 2, 2, h! + 8, m!)).toISOString();
};
const shift = { start: local('08:00'), end: local('17:00') };
const window = { start: local('10:00'), end: local('12:00') };

const tech = (id: string, extra: Partial<DispatchTechnician> = {}): DispatchTechnician => ({ id, name: id.toUpperCase(), skills: ['HVAC', 'EPA-608'], home: at(100), shift, bookings: [], ...extra });
const job: DispatchJob = { id: 'j1', requiredSkills: ['HVAC', 'EPA-608'], location: at(130), durationMinutes: 60, slaDue: null, customerId: 'c1', assetIds: ['unit-7'] };
const suggest = (technicians: DispatchTechnician[], extra: Partial<SuggestInput> = {}) => suggestTechnicians({ job, window, technicians, history: [], timeZone: 'America/Los_Angeles', travel: lineTravel, ...extra });
const ids = (input: ReturnType<typeof suggest>) => input.suggestions.map((s) => s.technicianId);

describe('suggestTechnicians', () => {
  it('never suggests a technician without a required skill, however near, free or familiar', () => {
    const history: PastJob[] = [{ technicianId: 'near', customerId: 'c1', assetIds: ['unit-7'] }];
    const result = suggest([tech('near', { skills: ['hvac'], home: at(130) }), tech('far', { home: at(10) })], { history });
    expect(ids(result)).toEqual(['far']);
    expect(result.excluded).toEqual([{ technicianId: 'near', name: 'NEAR', reason: 'lacks EPA-608' }]);
  });

  it('matches skills case-insensitively', () => {
    expect(ids(suggest([tech('a', { skills: [' hvac', 'epa-608'] })]))).toEqual(['a']);
  });

  it('ranks the nearer technician first when all else is equal', () => {
    const result = suggest([tech('a', { home: at(100) }), tech('b', { home: at(120) })]);
    expect(ids(result)).toEqual(['b', 'a']);
    const travel = (i: number) => result.suggestions[i]!.factors.find((f) => f.key === 'travel')!;
    expect(travel(0)).toEqual({ key: 'travel', points: -10, text: '10 min from home base' });
    expect(travel(1)).toEqual({ key: 'travel', points: -30, text: '30 min from home base' });
  });

  it('measures travel from the previous visit, not home, when there is one before the slot', () => {
    const busy = tech('a', { home: at(0), bookings: [{ start: local('08:30'), end: local('09:30'), location: at(125) }] });
    const [s] = suggest([busy]).suggestions;
    expect(s!.factors[2]).toEqual({ key: 'travel', points: -5, text: '5 min from previous visit' });
  });

  it('leaves out a technician fully booked in the window, and suggests them for another window', () => {
    const booked = tech('booked', { home: at(130), bookings: [{ start: local('09:30'), end: local('12:30'), location: at(130) }] });
    const result = suggest([booked, tech('free', { home: at(0) })]);
    expect(ids(result)).toEqual(['free']);
    expect(result.excluded[0]).toEqual({ technicianId: 'booked', name: 'BOOKED', reason: 'no free 1 h (with travel) in 10:00–12:00' });
    expect(ids(suggest([booked], { window: { start: local('13:00'), end: local('15:00') } }))).toEqual(['booked']);
  });

  it('counts the drive to the next booking: a gap too short once travel is included does not fit', () => {
    // 10:00–11:10 is free, the job is 60 min, but the next visit is 20 min away from the job.
    const tight = tech('a', { home: at(130), bookings: [{ start: local('11:10'), end: local('16:00'), location: at(150) }] });
    expect(suggest([tight]).excluded.map((e) => e.technicianId)).toEqual(['a']);
    const roomy = tech('a', { home: at(130), bookings: [{ start: local('11:20'), end: local('16:00'), location: at(150) }] });
    expect(suggest([roomy]).suggestions[0]!.slot).toEqual({ start: local('10:00'), end: local('11:00') });
  });

  it('does not find a gap between two overlapping bookings (e.g. a double booking after a merge)', () => {
    const doubleBooked = tech('a', {
      home: at(130),
      bookings: [
        { start: local('09:00'), end: local('11:30'), location: at(130) },
        { start: local('10:00'), end: local('11:00'), location: at(130) },
        { start: local('11:30'), end: local('12:00'), location: at(130) }
      ]
    });
    expect(suggest([doubleBooked]).excluded.map((e) => e.technicianId)).toEqual(['a']);
    expect(suggest([doubleBooked], { window: { start: local('10:00'), end: local('13:00') } }).suggestions[0]!.slot).toEqual({ start: local('12:00'), end: local('13:00') });
  });

  it('leaves out a technician who is not working that day', () => {
    expect(suggest([tech('off', { shift: null })]).excluded).toEqual([{ technicianId: 'off', name: 'OFF', reason: 'not working that day' }]);
  });

  it('lets past work on the asset break a tie', () => {
    const twins = [tech('a'), tech('b')];
    expect(ids(suggest(twins))).toEqual(['a', 'b']);
    const history: PastJob[] = [
      { technicianId: 'b', customerId: 'c1', assetIds: ['unit-7'] },
      { technicianId: 'b', customerId: 'c1', assetIds: ['unit-7'] }
    ];
    const result = suggest(twins, { history });
    expect(ids(result)).toEqual(['b', 'a']);
    expect(result.suggestions[0]!.factors[4]).toEqual({ key: 'history', points: 2 * WEIGHTS.historyPerAssetJob, text: 'worked this unit twice' });
  });

  it('prefers the lighter day (workload balance)', () => {
    const loaded = tech('a', { bookings: [{ start: local('13:00'), end: local('16:00'), location: at(100) }] });
    const result = suggest([loaded, tech('b')]);
    expect(ids(result)).toEqual(['b', 'a']);
    expect(result.suggestions[1]!.factors[3]).toEqual({ key: 'workload', points: 3 * WEIGHTS.workloadPerBookedHour, text: '1 visit today (3 h booked)' });
  });

  it('puts an urgent SLA first: a slot that misses it loses to a farther one that meets it', () => {
    const urgent = { ...job, slaDue: local('11:00') };
    const late = tech('late', { home: at(130), bookings: [{ start: local('09:00'), end: local('10:30'), location: at(130) }] });
    const result = suggest([late, tech('far', { home: at(100) })], { job: urgent });
    expect(ids(result)).toEqual(['far', 'late']);
    expect(result.suggestions[1]!.factors[5]).toEqual({ key: 'sla', points: WEIGHTS.slaMissed, text: 'misses SLA by 30 min' });
    expect(result.suggestions[0]!.factors[5]!.text).toBe('meets SLA with 0 min to spare');
  });

  it('lists every factor with its points and a sentence for every suggestion, top 3 only', () => {
    const history: PastJob[] = [
      { technicianId: 'a', customerId: 'c1', assetIds: ['unit-7'] },
      { technicianId: 'a', customerId: 'c1', assetIds: ['unit-7'] }
    ];
    const bookings = [
      { start: local('08:00'), end: local('08:30'), location: at(50) },
      { start: local('08:45'), end: local('09:30'), location: at(60) },
      { start: local('09:30'), end: local('10:00'), location: at(118) }
    ];
    const team = [tech('a', { bookings }), tech('b'), tech('c'), tech('d')];
    const result = suggest(team, { history });
    expect(result.suggestions).toHaveLength(3);
    for (const s of result.suggestions) {
      expect(s.factors.map((f) => f.key)).toEqual(['skills', 'free', 'travel', 'workload', 'history', 'sla']);
      expect(s.sentence).toBe(s.factors.map((f) => f.text).join(' · '));
      expect(s.score).toBeCloseTo(s.factors.reduce((sum, f) => sum + f.points, 0), 5);
    }
    const a = result.suggestions.find((s) => s.technicianId === 'a')!;
    expect(a.sentence).toBe('Covers HVAC, EPA-608 · free 10:00–12:00 · 12 min from previous visit · 3 visits today (1 h 45 min booked) · worked this unit twice · no SLA');
  });

  it('never overlaps time off in hours, and resumes from where the technician was before it', () => {
    // Off 10:00–11:15 (the dentist): the job fits after it, driven from home, not from "a visit".
    const dentist = tech('a', { home: at(120), away: [{ start: local('10:00'), end: local('11:15') }] });
    expect(suggest([dentist]).excluded.map((e) => e.technicianId)).toEqual(['a']);
    const [s] = suggest([dentist], { window: { start: local('10:00'), end: local('13:00') } }).suggestions;
    expect(s!.slot).toEqual({ start: local('11:25'), end: local('12:25') });
    expect(s!.factors[2]).toEqual({ key: 'travel', points: -10, text: '10 min from home base' });
    // Time off is not a booking: it does not count as workload.
    expect(s!.factors[3]!.text).toBe('no visits today');
    // Off for the whole window: not suggested for it.
    const off = tech('a', { away: [{ start: local('09:00'), end: local('12:00') }] });
    expect(suggest([off]).excluded.map((e) => e.reason)).toEqual(['no free 1 h (with travel) in 10:00–12:00']);
    expect(suggest([tech('a', { away: [{ start: local('09:00'), end: local('12:00') }] })], { window: { start: local('10:00'), end: local('14:00') } }).suggestions[0]!.slot.start).toBe(local('12:30'));
  });

  it("prefers a technician whose office's emergency reserve is left intact by a non-emergency job", () => {
    // Both work 480 min for non-emergency jobs with a 60 min reserve; "busy" already has 450 min booked.
    const capacity = (nonEmergencyMinutes: number) => ({ availableMinutes: 480, reserveMinutes: 60, nonEmergencyMinutes });
    const busy = tech('busy', { home: at(130), capacity: capacity(450) });
    const spare = tech('spare', { home: at(120), capacity: capacity(0) });
    const result = suggest([busy, spare]);
    expect(ids(result)).toEqual(['spare', 'busy']);
    expect(result.suggestions[1]!.factors[6]).toEqual({ key: 'reserve', points: 30 * WEIGHTS.reservePerMinute, text: 'uses 30 min of the 1 h emergency reserve' });
    expect(result.suggestions[0]!.factors[6]).toEqual({ key: 'reserve', points: 0, text: 'keeps the 1 h emergency reserve' });
    // Without the reserve the nearer one wins (10 min less driving).
    expect(ids(suggest([tech('busy', { home: at(130) }), tech('spare', { home: at(120) })]))).toEqual(['busy', 'spare']);
    // An emergency may use the reserve: the nearer one wins again.
    const emergency = suggest([busy, spare], { job: { ...job, emergency: true } });
    expect(ids(emergency)).toEqual(['busy', 'spare']);
    expect(emergency.suggestions[0]!.factors[6]).toEqual({ key: 'reserve', points: 0, text: 'emergency: may use the 1 h reserve' });
    // A reserve already used up costs nothing more, and says so.
    expect(suggest([tech('full', { capacity: capacity(560) })]).suggestions[0]!.factors[6]!.text).toBe('emergency reserve already used');
  });
});
