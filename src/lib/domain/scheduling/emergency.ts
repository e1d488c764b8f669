/**
 * Emergencies jump the queue: an open emergency job without a technician raises an alert on
 * every dispatcher's screen and on the wall until someone is assigned (or it is closed).
 */
import type { JobStatus, JobType } from '../jobs/job';

/** Statuses in which an emergency still needs someone. */
const OPEN: ReadonlySet<JobStatus> = new Set(['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold']);

/** The jobs to alert about, oldest first (the longest-waiting emergency leads). */
export function unassignedEmergencies<T extends { id: string; type: JobType; status: JobStatus; assignedTechIds: readonly string[]; createdAt: string }>(jobs: readonly T[]): T[] {
  return jobs
    .filter((j) => j.type === 'emergency' && j.assignedTechIds.length === 0 && OPEN.has(j.status))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
