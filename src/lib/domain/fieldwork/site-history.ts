/**
 * What the visit screen shows about the place: earlier jobs at the site or on its equipment,
 * and notes technicians left on those jobs. Pure: the views pass the board's records.
 */
import type { Job } from '../jobs/job';
import type { FieldNote } from './field-records';

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

/** Earlier jobs (created before this one) at the same site or on any of the job's assets, newest first. */
export function pastJobsAt(jobs: readonly Job[], job: Pick<Job, 'id' | 'siteId' | 'assetIds' | 'createdAt'>): Job[] {
  const assets = new Set(job.assetIds);
  return jobs
    .filter((j) => j.id !== job.id && j.createdAt < job.createdAt && ((job.siteId !== null && j.siteId === job.siteId) || j.assetIds.some((a) => assets.has(a))))
    .sort(newestFirst);
}

/** Notes left on those earlier jobs, newest first. */
export function pastNotesAt(notes: readonly FieldNote[], pastJobs: readonly Pick<Job, 'id'>[]): FieldNote[] {
  const ids = new Set(pastJobs.map((j) => j.id));
  return notes.filter((n) => ids.has(n.jobId)).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
