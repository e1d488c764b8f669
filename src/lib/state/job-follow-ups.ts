/**
 * Pure helpers behind the job page: a job's service history (same customer, same equipment),
 * its follow-ups, and the input for a new follow-up visit: a callback links through `callbackOf`,
 * a quality check through `followUpOf` (older docs linked quality checks through `callbackOf`
 * too; readers accept both).
 */
import { defaultSlaDue } from '../domain/intake/sla-defaults';
import type { Job, JobPriority } from '../domain/jobs/job';

export type FollowUpKind = 'callback' | 'quality';

function newestFirst(a: Job, b: Job): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

/** Other jobs for the same customer (by record, else by name), newest first. */
export function customerHistory(jobs: readonly Job[], job: Job): Job[] {
  const name = job.customerName.trim().toLowerCase();
  return jobs.filter((j) => j.id !== job.id && (job.customerId ? j.customerId === job.customerId : j.customerName.trim().toLowerCase() === name)).sort(newestFirst);
}

/** Jobs that worked on any of these assets, newest first. */
export function assetHistory(jobs: readonly Job[], assetIds: readonly string[], exceptId?: string): Job[] {
  if (!assetIds.length) return [];
  const wanted = new Set(assetIds);
  return jobs.filter((j) => j.id !== exceptId && j.assetIds.some((a) => wanted.has(a))).sort(newestFirst);
}

/** Callbacks and quality checks created from a job, newest first. */
export function followUpsOf(jobs: readonly Job[], jobId: string): Job[] {
  return jobs.filter((j) => j.callbackOf === jobId || j.followUpOf === jobId).sort(newestFirst);
}

/**
 * A follow-up visit for `job`: a callback (the fix did not hold, the customer called back) is a
 * high-priority `callback` job; a quality check is a 30-minute `inspection`. Same customer, site,
 * equipment and office.
 */
export function followUpInput(job: Job, kind: FollowUpKind, now: Date): Record<string, unknown> {
  const callback = kind === 'callback';
  const problem = callback ? `Callback for ${job.number}: ${job.problem}` : `Quality check of ${job.number}${job.resolution ? `: ${job.resolution}` : ''}`;
  const priority: JobPriority = callback ? 'high' : 'normal';
  const type = callback ? 'callback' : 'inspection';
  return {
    customerName: job.customerName,
    siteAddress: job.siteAddress,
    problem: problem.slice(0, 4000),
    type,
    priority,
    customerId: job.customerId,
    siteId: job.siteId,
    assetIds: job.assetIds,
    officeId: job.officeId,
    requiredSkills: job.requiredSkills,
    estimatedMinutes: callback ? job.estimatedMinutes : 30,
    slaDue: defaultSlaDue(type, priority, now),
    ...(callback ? { callbackOf: job.id } : { followUpOf: job.id }),
    channel: job.channel
  };
}
