/**
 * The emergency queue rule (issue 8 "emergencies jump the queue"): which jobs raise an alert on
 * every dispatcher's screen and the wall. Pure, so the board, the schedule and the wall agree.
 */
import type { JobPriority, JobStatus, JobType } from '../jobs/job';

/** What the rule reads of a job; a board `Job` is one. */
export interface QueueJob {
  id: string;
  type: JobType;
  priority: JobPriority;
  status: JobStatus;
  /** Assigned technicians (the resolved assignment set; named as on `Job`, so board jobs fit as they are). */
  assignedTechIds: readonly string[];
  /** The scheduled window, null when unscheduled. */
  window: { start: string; end: string } | null;
  createdAt: string;
  slaDue: string | null;
}

/** Statuses where nobody needs to be sent any more. */
const SETTLED: ReadonlySet<JobStatus> = new Set<JobStatus>(['completed', 'invoiced', 'paid', 'closed', 'cancelled']);

/** Why a job alerts, or null when it does not. */
export function emergencyReason(job: QueueJob): string | null {
  if (SETTLED.has(job.status)) return null;
  const urgent = job.type === 'emergency' ? 'Emergency' : job.priority === 'urgent' ? 'Urgent job' : null;
  if (!urgent) return null;
  const unassigned = job.assignedTechIds.length === 0;
  const unscheduled = job.window === null;
  if (!unassigned && !unscheduled) return null;
  return `${urgent} ${unassigned && unscheduled ? 'not assigned or scheduled' : unassigned ? 'not assigned' : 'not scheduled'}`;
}

export function raisesEmergencyAlert(job: QueueJob): boolean {
  return emergencyReason(job) !== null;
}

/**
 * The alerting jobs in queue order: emergencies before urgent jobs, then the earliest SLA due
 * (none last), then the oldest, then id — the same order on every screen.
 */
export function emergencyQueue<T extends QueueJob>(jobs: readonly T[]): T[] {
  const due = (j: QueueJob) => (j.slaDue ? Date.parse(j.slaDue) : Infinity);
  return jobs
    .filter(raisesEmergencyAlert)
    .sort(
      (a, b) =>
        Number(b.type === 'emergency') - Number(a.type === 'emergency') ||
        due(a) - due(b) ||
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        a.id.localeCompare(b.id)
    );
}
