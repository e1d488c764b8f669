/**
 * The job status lifecycle: which moves are allowed, and an explanation when one is not.
 * Status history is kept as events (see job-events.ts); the current status is derived.
 */
export const JOB_STATUSES = [
  'new',
  'scheduled',
  'dispatched',
  'en_route',
  'on_site',
  'completed',
  'invoiced',
  'paid',
  'closed',
  'on_hold',
  'cancelled'
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const STATUS_LABELS: Record<JobStatus, string> = {
  new: 'New',
  scheduled: 'Scheduled',
  dispatched: 'Dispatched',
  en_route: 'En route',
  on_site: 'On site',
  completed: 'Completed',
  invoiced: 'Invoiced',
  paid: 'Paid',
  closed: 'Closed',
  on_hold: 'On hold',
  cancelled: 'Cancelled'
};

/**
 * Allowed next statuses. Backward steps exist where real work goes backwards: a visit is
 * rescheduled, a tech is turned around, an invoice is voided. Closed is final; a cancelled
 * job can be reopened as new.
 */
const NEXT: Record<JobStatus, readonly JobStatus[]> = {
  new: ['scheduled', 'dispatched', 'on_hold', 'cancelled'],
  scheduled: ['dispatched', 'new', 'on_hold', 'cancelled'],
  dispatched: ['en_route', 'on_site', 'scheduled', 'on_hold', 'cancelled'],
  en_route: ['on_site', 'dispatched', 'on_hold', 'cancelled'],
  on_site: ['completed', 'on_hold'],
  completed: ['invoiced', 'closed', 'on_site'],
  invoiced: ['paid', 'completed'],
  paid: ['closed'],
  closed: [],
  on_hold: ['new', 'scheduled', 'dispatched', 'cancelled'],
  cancelled: ['new']
};

export function allowedNextStatuses(from: JobStatus): readonly JobStatus[] {
  return NEXT[from];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether a job may move from one status to another, with a sentence for the user if not. */
export function checkTransition(from: JobStatus, to: JobStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: `The job is already ${STATUS_LABELS[to]}.` };
  if (NEXT[from].includes(to)) return { ok: true };
  const next = NEXT[from];
  const options = next.length ? `Allowed next: ${next.map((s) => STATUS_LABELS[s]).join(', ')}.` : 'Closed jobs are final.';
  return { ok: false, reason: `A job can't go from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}. ${options}` };
}
