/**
 * The job (work order) record as stored in the `board` doc, and the new-job input schema.
 * Fields only ever get added (synced schema rule); new optional fields get defaults on read.
 */
import { z } from 'zod';
import { multiLineText, singleLineText } from '../text/text-fields';
import { JOB_STATUSES, type JobStatus } from './status';
import { requiredPartsFieldSchema, requiredPartsInputSchema } from './required-parts';
import { resolveWindow, scheduleWindowSchema, type ScheduleWindow, type WindowIssue } from '../scheduling/window';

export { JOB_STATUSES, type JobStatus };

export const JOB_TYPES = ['emergency', 'repair', 'install', 'maintenance', 'inspection', 'callback'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

const isoInstant = z.iso.datetime({ offset: true });

export const JOB_OUTCOMES = ['fixed', 'temporary_fix', 'needs_parts', 'needs_quote', 'no_fault_found', 'customer_declined', 'no_access', 'callback_needed'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export const INTAKE_CHANNELS = ['phone', 'web', 'email', 'walk_in', 'contract'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

const optionalId = z.string().min(1).nullable().catch(null).default(null);
const idList = z.array(z.string().min(1)).catch([]).default([]);

/**
 * What the doc stores per job. `status` is derived from the job's events, not stored.
 * Everything after `updatedAt` was added with the dispatch board; it is optional in the doc
 * and defaulted on read, so jobs written by the first release still parse.
 */
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
  updatedAt: isoInstant,
  customerId: optionalId,
  siteId: optionalId,
  assetIds: idList,
  officeId: optionalId,
  requiredSkills: z.array(z.string()).catch([]).default([]),
  estimatedMinutes: z.number().int().positive().max(7 * 24 * 60).catch(60).default(60),
  slaDue: isoInstant.nullable().catch(null).default(null),
  /** Legacy assignment (one value, last writer wins): still written for old clients; `assigned` wins. */
  assignedTechIds: idList,
  /**
   * The assignment set (README "assignment set"): technician id → assigned. Stored as one flat
   * entity key per technician (`assigned:<techId>`), folded into this object by the collection.
   * Absent (no key at all) on jobs that only have the legacy array.
   */
  assigned: z.record(z.string(), z.boolean()).optional().catch(undefined),
  /** Legacy window ends (two fields, may merge broken); still written for old clients. */
  scheduledStart: isoInstant.nullable().catch(null).default(null),
  scheduledEnd: isoInstant.nullable().catch(null).default(null),
  /** The window as one value (README "window"); absent on jobs only old clients wrote. Invalid reads as absent. */
  window: scheduleWindowSchema.nullable().optional().catch(undefined),
  outcome: z.enum(JOB_OUTCOMES).nullable().catch(null).default(null),
  resolution: z.string().max(4000).catch('').default(''),
  /** The earlier job this one calls back (a callback job). */
  callbackOf: optionalId,
  /** The job a quality-check follow-up checks (older docs used `callbackOf` for these too). */
  followUpOf: optionalId,
  channel: z.enum(INTAKE_CHANNELS).catch('phone').default('phone'),
  /** Fractional index: the card's order within its board column. */
  rank: z.string().catch('').default(''),
  /** Customer feedback after the visit, 1–5. */
  feedbackRating: z.number().int().min(1).max(5).nullable().catch(null).default(null),
  /** The first visit's notes and route lock (the first visit is the job's own booking: scheduling/visit.ts). */
  visitNotes: z.string().max(2000).optional().catch(undefined),
  visitLocked: z.boolean().optional().catch(undefined),
  /**
   * Required parts (README "keyed map"): part id → quantity, stored as one flat key per part
   * (`requiredParts:<partId>`), 0 = removed; absent on jobs that never had any (required-parts.ts).
   */
  requiredParts: requiredPartsFieldSchema.optional()
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

/**
 * A job as views see it: the record plus its derived status, with the merged values resolved:
 * `assignedTechIds` is the assignment set's members, `scheduledStart`/`scheduledEnd` and `window`
 * the window read by `resolveWindow` (flagged by `windowIssue` when repaired from a broken pair).
 */
export type Job = JobRecord & { status: JobStatus; window: ScheduleWindow | null; windowIssue: WindowIssue | null };

/** The technicians a stored job is assigned to: the set when it has one, else the legacy array. */
export function assignedTechnicians(record: Pick<JobRecord, 'assigned' | 'assignedTechIds'>): string[] {
  const set = record.assigned;
  if (!set || Object.keys(set).length === 0) return [...record.assignedTechIds];
  // Legacy order first (stable for people), then the rest sorted: the same on every device.
  const members = new Set(Object.keys(set).filter((id) => set[id] === true));
  const ordered = record.assignedTechIds.filter((id) => members.has(id));
  for (const id of ordered) members.delete(id);
  return [...new Set(ordered), ...[...members].sort()];
}

/**
 * The merge-safe fields (`window`, `assigned`) a job that only has the legacy ones should get:
 * used by the migration and by imports, so both upgrade a job the same way. A broken legacy
 * pair gets no `window`: readers keep repairing and flagging it until someone fixes it.
 */
export function mergeFieldsFromLegacy(legacy: { assignedTechIds?: unknown; scheduledStart?: unknown; scheduledEnd?: unknown }): { window?: ScheduleWindow; assigned?: Record<string, boolean> } {
  const out: { window?: ScheduleWindow; assigned?: Record<string, boolean> } = {};
  const ids = Array.isArray(legacy.assignedTechIds) ? legacy.assignedTechIds.filter((id): id is string => typeof id === 'string' && id.length > 0) : [];
  if (ids.length) out.assigned = Object.fromEntries(ids.map((id) => [id, true]));
  const window = scheduleWindowSchema.safeParse({ start: legacy.scheduledStart, end: legacy.scheduledEnd });
  if (window.success) out.window = window.data;
  return out;
}

/** Builds the view of a stored job (see `Job`). */
export function toJob(record: JobRecord, status: JobStatus): Job {
  const { window, issue } = resolveWindow(record.window, record.scheduledStart, record.scheduledEnd, record.estimatedMinutes);
  return {
    ...record,
    status,
    assignedTechIds: assignedTechnicians(record),
    scheduledStart: window?.start ?? null,
    scheduledEnd: window?.end ?? null,
    window,
    windowIssue: issue
  };
}


/** The "New job" form and any other intake path validate with this. */
export const newJobInputSchema = z.object({
  customerName: singleLineText('Customer', { min: 1, max: 200 }),
  siteAddress: singleLineText('Address', { max: 300 }).default(''),
  problem: multiLineText('Problem description', { min: 1, max: 4000 }),
  type: z.enum(JOB_TYPES, { error: 'Choose a job type' }).default('repair'),
  priority: z.enum(JOB_PRIORITIES, { error: 'Choose a priority' }).default('normal'),
  customerId: z.string().min(1).nullable().optional(),
  siteId: z.string().min(1).nullable().optional(),
  assetIds: z.array(z.string().min(1)).max(50).optional(),
  officeId: z.string().min(1).nullable().optional(),
  requiredSkills: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  estimatedMinutes: z.coerce.number({ error: 'Estimated duration must be a number of minutes' }).int('Whole minutes').positive('Estimated duration must be above zero').max(7 * 24 * 60, 'At most a week').optional(),
  slaDue: isoInstant.nullable().optional(),
  callbackOf: z.string().min(1).nullable().optional(),
  followUpOf: z.string().min(1).nullable().optional(),
  channel: z.enum(INTAKE_CHANNELS).optional(),
  /** Parts the job calls for (intake, PM booking); stored as the keyed map. */
  requiredParts: requiredPartsInputSchema.optional()
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
