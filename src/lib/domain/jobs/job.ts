/**
 * The job (work order) record as stored in the `board` doc, and the new-job input schema.
 * Fields only ever get added (synced schema rule); new optional fields get defaults on read.
 */
import { z } from 'zod';
import { JOB_STATUSES, type JobStatus } from './status';

export { JOB_STATUSES, type JobStatus };

export const JOB_TYPES = ['emergency', 'repair', 'install', 'maintenance', 'inspection', 'callback'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

const isoInstant = z.iso.datetime({ offset: true });

/** What the doc stores per job. `status` is derived from the job's events, not stored. */
export const jobRecordSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  customerName: z.string(),
  siteAddress: z.string().default(''),
  problem: z.string(),
  type: z.enum(JOB_TYPES).catch('repair'),
  priority: z.enum(JOB_PRIORITIES).catch('normal'),
  createdAt: isoInstant,
  createdBy: z.string(),
  updatedAt: isoInstant
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

/** A job as views see it: the record plus its derived status. */
export type Job = JobRecord & { status: JobStatus };

const requiredText = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);

/** The "New job" form and any other intake path validate with this. */
export const newJobInputSchema = z.object({
  customerName: requiredText('Customer', 200),
  siteAddress: z.string().trim().max(300, 'Address is at most 300 characters').default(''),
  problem: requiredText('Problem description', 4000),
  type: z.enum(JOB_TYPES, { error: 'Choose a job type' }).default('repair'),
  priority: z.enum(JOB_PRIORITIES, { error: 'Choose a priority' }).default('normal')
});
export type NewJobInput = z.infer<typeof newJobInputSchema>;

export type FieldErrors = Record<string, string>;

/** Turns a zod error into one message per field, for forms. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    out[key] ??= issue.message;
  }
  return out;
}
