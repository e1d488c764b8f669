/**
 * Adapts the board's records (jobs, technicians, sites, offices) to the suggester's plain
 * inputs, so the board panel, the schedule and the map all suggest from the same facts:
 * - a technician's shift is their working hours on the window's local day, in their office's
 *   time zone (the organisation's when they have no office);
 * - their bookings are that day's visits they are on (a job's own booking is its first visit,
 *   further visits are `visits` entities), cancelled ones left out, each located at its job's
 *   site: they take the technician's time and are where the technician is before the slot;
 *   the job being suggested keeps its further visits but not its first (the suggestion
 *   replaces that one);
 * - time off that day blocks its hours (`away`), a holiday of their office is a day off;
 * - their capacity that day (working less time off, the office's emergency reserve, the
 *   non-emergency minutes booked) lets the scoring keep the reserve for emergencies;
 * - history is every completed (or later) job they were assigned to.
 */
import type { Office, Site, Technician } from '../directory/directory';
import type { Job, JobStatus } from '../jobs/job';
import { holidaysFor, type Holiday, type TimeOff } from '../scheduling/availability';
import { dayCapacity } from '../scheduling/capacity';
import { firstVisitId, firstVisitOf, type Visit } from '../scheduling/visit';
import { suggestTechnicians } from './suggest';
import type { DispatchJob, DispatchTechnician, Interval, PastJob, SuggestResult } from './suggest-types';
import { clockMinutes, nextDate, zonedInstant, zonedParts } from '../time/zoned';

export interface BoardFacts {
  jobs: readonly Job[];
  technicians: readonly Technician[];
  sites: readonly Site[];
  offices: readonly Office[];
  /**
   * Every visit (first visits of booked jobs and further ones), as the live board lists them.
   * Absent: the jobs' first visits only (a board without further visits).
   */
  visits?: readonly Visit[];
  /** Time off and holidays (absent: none). */
  timeOff?: readonly TimeOff[];
  holidays?: readonly Holiday[];
  /** The organisation's time zone (fallback for technicians without an office). */
  timeZone: string;
}

const DONE: ReadonlySet<JobStatus> = new Set<JobStatus>(['completed', 'invoiced', 'paid', 'closed']);

export function dispatchJob(job: Job, sites: ReadonlyMap<string, Site>): DispatchJob {
  return {
    id: job.id,
    requiredSkills: job.requiredSkills,
    location: (job.siteId && sites.get(job.siteId)?.location) || null,
    durationMinutes: job.estimatedMinutes,
    slaDue: job.slaDue,
    customerId: job.customerId,
    assetIds: job.assetIds,
    emergency: job.type === 'emergency'
  };
}

/** A technician's day around `at`: shift from working hours, and the bookings in it. */
export function technicianDay(tech: Technician, at: number, facts: BoardFacts, sites: ReadonlyMap<string, Site>, exceptJobId: string): DispatchTechnician {
  const timeZone = facts.offices.find((o) => o.id === tech.officeId)?.timeZone ?? facts.timeZone;
  const { date, weekday } = zonedParts(at, timeZone);
  const office = facts.offices.find((o) => o.id === tech.officeId);
  const holiday = holidaysFor(facts.holidays ?? [], tech.officeId ?? null).some((h) => h.date === date);
  const hours = holiday ? undefined : tech.workingHours[weekday];
  const iso = (ms: number) => new Date(ms).toISOString();
  const shift = hours ? { start: iso(zonedInstant(date, clockMinutes(hours[0]), timeZone)), end: iso(zonedInstant(date, clockMinutes(hours[1]), timeZone)) } : null;
  const dayStart = zonedInstant(date, 0, timeZone);
  const dayEnd = zonedInstant(nextDate(date), 0, timeZone);
  const inDay = (w: Interval) => Date.parse(w.end) > dayStart && Date.parse(w.start) < dayEnd;
  const jobs = new Map(facts.jobs.map((j) => [j.id, j]));
  const replaced = firstVisitId(exceptJobId);
  const visits = visitsOf(facts).filter((v) => v.id !== replaced && v.status !== 'cancelled' && v.technicianIds.includes(tech.id) && inDay(v.window));
  const bookings = visits.map((v) => {
    const siteId = jobs.get(v.jobId)?.siteId;
    return { start: v.window.start, end: v.window.end, jobId: v.jobId, location: (siteId && sites.get(siteId)?.location) || null };
  });
  const timeOff = (facts.timeOff ?? []).filter((t) => !t.removed && t.technicianId === tech.id && inDay(t.window));
  const capacity = dayCapacity(tech, date, timeZone, {
    visits,
    timeOff,
    holidays: facts.holidays ?? [],
    reservePercent: office?.emergencyReservePercent ?? 0,
    isEmergency: (v) => jobs.get(v.jobId)?.type === 'emergency'
  });
  return {
    id: tech.id,
    name: tech.name,
    skills: tech.skills,
    home: tech.homeBase?.location ?? null,
    shift,
    bookings,
    away: timeOff.map((t) => t.window),
    capacity: { availableMinutes: capacity.availableMinutes, reserveMinutes: capacity.reserveMinutes, nonEmergencyMinutes: capacity.bookedMinutes - capacity.emergencyMinutes }
  };
}

function visitsOf(facts: BoardFacts): readonly Visit[] {
  return facts.visits ?? facts.jobs.map(firstVisitOf).filter((v): v is Visit => v !== null);
}

export function pastJobs(jobs: readonly Job[]): PastJob[] {
  return jobs.filter((j) => DONE.has(j.status)).flatMap((j) => j.assignedTechIds.map((technicianId) => ({ technicianId, customerId: j.customerId, assetIds: j.assetIds })));
}

/** Suggestions for a board job in a window, among the active technicians. */
export function suggestForJob(job: Job, window: Interval, facts: BoardFacts, limit = 3): SuggestResult {
  const sites = new Map(facts.sites.map((s) => [s.id, s]));
  const at = Date.parse(window.start);
  const technicians = facts.technicians.filter((t) => t.active).map((t) => technicianDay(t, at, facts, sites, job.id));
  return suggestTechnicians({ job: dispatchJob(job, sites), window, technicians, history: pastJobs(facts.jobs), timeZone: facts.timeZone, limit });
}
