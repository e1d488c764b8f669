/**
 * A job's scheduled window: one value, merged as one value (the "window" rule of the sync README).
 *
 * The first release stored `scheduledStart` and `scheduledEnd` as two fields, so two offline
 * edits could merge into a reversed (11:30–11:00) or half-open (null–13:00) window. New writers
 * store `window: {start, end} | null` atomically and keep writing the legacy pair for old
 * clients; readers take `window` first and fall back to the pair. A broken legacy pair is never
 * dropped: it is read as a sane interval and flagged, so it still holds its slot in
 * double-booking detection and the dispatcher is told to fix it.
 */
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

/** A stored window: start strictly before end. */
export const scheduleWindowSchema = z
  .object({ start: isoInstant, end: isoInstant })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), 'The window must end after it starts.');
export type ScheduleWindow = z.infer<typeof scheduleWindowSchema>;

/** Why a window read from the legacy pair is not exactly what was stored. */
export type WindowIssue = 'reversed' | 'missing_end' | 'missing_start';

export interface ResolvedWindow {
  window: ScheduleWindow | null;
  /** Set when the window was repaired from a broken legacy pair. */
  issue: WindowIssue | null;
}

/**
 * The window a job holds: the atomic `window` field when present (undefined = absent), else
 * the legacy pair, repaired if broken. `minutes` is the job's estimated duration, used to
 * close a half-open pair.
 */
export function resolveWindow(window: ScheduleWindow | null | undefined, start: string | null, end: string | null, minutes: number): ResolvedWindow {
  if (window !== undefined) return { window, issue: null };
  return windowFromPair(start, end, minutes);
}

/** Reads a legacy start/end pair as a window, repairing (and flagging) a broken one. */
export function windowFromPair(start: string | null, end: string | null, minutes: number): ResolvedWindow {
  const s = start === null ? NaN : Date.parse(start);
  const e = end === null ? NaN : Date.parse(end);
  const span = Math.max(1, minutes) * 60_000;
  if (Number.isNaN(s) && Number.isNaN(e)) return { window: null, issue: null };
  if (Number.isNaN(e)) return { window: interval(s, s + span), issue: 'missing_end' };
  if (Number.isNaN(s)) return { window: interval(e - span, e), issue: 'missing_start' };
  if (e > s) return { window: interval(s, e), issue: null };
  // Reversed (or empty): both instants were chosen by someone, so the slot spans them.
  return { window: interval(Math.min(s, e), Math.max(s, e, Math.min(s, e) + 60_000)), issue: 'reversed' };
}

function interval(start: number, end: number): ScheduleWindow {
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
