/**
 * Adapts the board's records (jobs, technicians, sites, offices) to the suggester's plain
 * inputs, so the board panel, the schedule and the map all suggest from the same facts:
 * - a technician's shift is their working hours on the window's local day, in their office's
 *   time zone (the organisation's when they have no office);
 * - their bookings are that day's jobs assigned to them with a window, cancelled ones left
 *   out, located at the job's site;
 * - history is every completed (or later) job they were assigned to.
 */
import type { Office, Site, Technician } from '../directory/directory';
import type { Job, JobStatus } from '../jobs/job';
import { suggestTechnicians } from './suggest';
import type { DispatchJob, DispatchTechnician, Interval, PastJob, SuggestResult } from './suggest-types';
import { zonedDay, zonedInstant } from './zoned-time';

export interface BoardFacts {
  jobs: readonly Job[];
  technicians: readonly Technician[];
  sites: readonly Site[];
  offices: readonly Office[];
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
    assetIds: job.assetIds
  };
}

/** A technician's day around `at`: shift from working hours, and the bookings in it. */
export function technicianDay(tech: Technician, at: number, facts: BoardFacts, sites: ReadonlyMap<string, Site>, exceptJobId: string): DispatchTechnician {
  const timeZone = facts.offices.find((o) => o.id === tech.officeId)?.timeZone ?? facts.timeZone;
  const day = zonedDay(at, timeZone);
  const hours = tech.workingHours[day.weekday];
  const shift = hours ? { start: new Date(zonedInstant(day, hours[0], timeZone)).toISOString(), end: new Date(zonedInstant(day, hours[1], timeZone)).toISOString() } : null;
  const dayStart = zonedInstant(day, '00:00', timeZone);
  const dayEnd = dayStart + 24 * 3_600_000;
  const bookings = facts.jobs
    .filter((j) => j.id !== exceptJobId && j.status !== 'cancelled' && j.window && j.assignedTechIds.includes(tech.id))
    .filter((j) => Date.parse(j.window!.end) > dayStart && Date.parse(j.window!.start) < dayEnd)
    .map((j) => ({ start: j.window!.start, end: j.window!.end, jobId: j.id, location: (j.siteId && sites.get(j.siteId)?.location) || null }));
  return { id: tech.id, name: tech.name, skills: tech.skills, home: tech.homeBase?.location ?? null, shift, bookings };
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
