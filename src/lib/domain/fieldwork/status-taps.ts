/**
 * The technician's three status taps (en route → on site → work done) and what each does to
 * the visit's status and to the time clock. Pure: the sync layer writes what these decide.
 *
 * A tap may need more than one lifecycle step (a visit still "scheduled" goes through
 * "dispatched" to "en route"); `tapPath` lists them so every step is a checked transition and
 * the job's history shows each. Taps never block on location: that is added when available.
 */
import { z } from 'zod';
import { JOB_OUTCOMES, type JobOutcome } from '../jobs/job';
import type { VisitStatus } from '../scheduling/visit';
import type { TimeEntryKind } from './time-entries';

export const TAPS = ['en_route', 'on_site', 'done'] as const;
export type Tap = (typeof TAPS)[number];

export const TAP_LABELS: Record<Tap, string> = { en_route: 'En route', on_site: 'On site', done: 'Work done' };

/** The outcomes a technician chooses on completion (a subset of the job outcomes, in this order). */
export const COMPLETION_OUTCOMES = ['fixed', 'temporary_fix', 'needs_parts', 'needs_quote', 'no_fault_found', 'callback_needed'] as const satisfies readonly JobOutcome[];
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<JobOutcome, string> = {
  fixed: 'Fixed first time',
  temporary_fix: 'Temporary fix',
  needs_parts: 'Needs parts',
  needs_quote: 'Needs quote',
  no_fault_found: 'No fault found',
  callback_needed: 'Callback needed',
  customer_declined: 'Customer declined',
  no_access: 'No access'
};

/** Status steps from `from` that a tap takes, or a sentence when the tap does not apply now. */
export function tapPath(from: VisitStatus, tap: Tap): { ok: true; steps: VisitStatus[] } | { ok: false; reason: string } {
  const paths: Partial<Record<VisitStatus, Partial<Record<Tap, VisitStatus[]>>>> = {
    scheduled: { en_route: ['dispatched', 'en_route'], on_site: ['dispatched', 'on_site'] },
    dispatched: { en_route: ['en_route'], on_site: ['on_site'] },
    en_route: { on_site: ['on_site'] },
    on_site: { done: ['done'] }
  };
  const steps = paths[from]?.[tap];
  if (steps) return { ok: true, steps };
  if (from === 'done') return { ok: false, reason: 'This visit is already done.' };
  if (from === 'cancelled') return { ok: false, reason: 'This visit was cancelled: ask the office to book it again.' };
  return { ok: false, reason: `The visit is ${from.replace('_', ' ')}: “${TAP_LABELS[tap]}” does not apply now.` };
}

/** The tap a technician is offered next for a visit in `status` (null when nothing is left). */
export function nextTap(status: VisitStatus): Tap | null {
  if (status === 'scheduled' || status === 'dispatched') return 'en_route';
  if (status === 'en_route') return 'on_site';
  if (status === 'on_site') return 'done';
  return null;
}

/** What a tap does to the clock: stop any running entry of the technician, then start `start` (or nothing). */
export function clockForTap(tap: Tap): { start: TimeEntryKind | null } {
  if (tap === 'en_route') return { start: 'travel' };
  if (tap === 'on_site') return { start: 'on_site' };
  return { start: null };
}

export const geoFixSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Metres, as the Geolocation API reports it. */
  accuracy: z.number().min(0).max(1_000_000).nullable().default(null)
});
export type GeoFix = z.infer<typeof geoFixSchema>;

const isoInstant = z.iso.datetime({ offset: true });

/** A `statusTaps` record: when (device time) and where a technician tapped, and the outcome on completion. */
export const statusTapSchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  visitId: z.string().min(1),
  /** The technician record whose tap it is (the map's last known position); null if unknown. */
  technicianId: z.string().min(1).nullable().catch(null).default(null),
  tap: z.enum(TAPS),
  /** Null when the technician does not share location, refused it, or no fix came in time. */
  location: geoFixSchema.nullable().catch(null).default(null),
  outcome: z.enum(JOB_OUTCOMES).nullable().catch(null).default(null),
  resolution: z.string().max(4000).catch('').default(''),
  at: isoInstant,
  stamp: isoInstant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional().catch(undefined)
});
export type StatusTap = z.infer<typeof statusTapSchema>;

/** What the completion form asks. */
export const completionInputSchema = z.object({
  outcome: z.enum(COMPLETION_OUTCOMES, { message: 'Choose how the visit ended.' }),
  resolution: z
    .string()
    .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'Write what was done (the resolution note).').max(4000, 'Keep the note under 4000 characters.'))
});
export type CompletionInput = z.infer<typeof completionInputSchema>;

/** Where a technician was last seen: their latest tap that carried a location (by the stamp rule). */
export interface LastPosition {
  location: GeoFix;
  at: string;
  tap: Tap;
  visitId: string;
}

/** Each technician's last known position from status taps (technicians who never shared one are absent). */
export function lastPositions(taps: readonly StatusTap[]): Map<string, LastPosition> {
  const out = new Map<string, LastPosition & { key: string; id: string }>();
  for (const t of taps) {
    if (!t.technicianId || !t.location) continue;
    const key = t.stamp ?? t.at;
    const seen = out.get(t.technicianId);
    if (!seen || key > seen.key || (key === seen.key && t.id > seen.id)) out.set(t.technicianId, { location: t.location, at: t.at, tap: t.tap, visitId: t.visitId, key, id: t.id });
  }
  return new Map([...out].map(([id, { location, at, tap, visitId }]) => [id, { location, at, tap, visitId }]));
}
