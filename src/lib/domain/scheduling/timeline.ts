/**
 * The schedule's time axis: which local days a day or week view shows, where an instant sits
 * on a technician's row (a fraction of its width) and the instant under a point (snapped to
 * 15 min). Days and clocks are in one zone (the organisation's); storage stays UTC.
 * Capacity per technician per day: capacity.ts.
 */
import { nextDate, zonedInstant } from '../time/zoned';

/** Each day shows 06:00–20:00 local: the working day with room either side. */
export const VIEW_START_MINUTES = 6 * 60;
export const VIEW_END_MINUTES = 20 * 60;
export const SNAP_MINUTES = 15;
const SPAN = VIEW_END_MINUTES - VIEW_START_MINUTES;

export type ScheduleMode = 'day' | 'week';

/** The local days a view shows: the day itself, or Monday–Sunday of its week. */
export function viewDays(anchor: string, mode: ScheduleMode): string[] {
  if (mode === 'day') return [anchor];
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  let day = new Date(Date.UTC(y, m - 1, d - weekday)).toISOString().slice(0, 10);
  const out: string[] = [];
  for (let i = 0; i < 7; i++, day = nextDate(day)) out.push(day);
  return out;
}

/** `anchor` moved by whole days (negative: back). */
export function shiftDays(anchor: string, days: number): string {
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Where a window sits on a row of `days`: left and width as fractions, or null when not shown. */
export function placeOnRow(window: { start: string; end: string }, days: readonly string[], timeZone: string): { left: number; width: number } | null {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  for (let i = 0; i < days.length; i++) {
    const dayStart = zonedInstant(days[i]!, VIEW_START_MINUTES, timeZone);
    const dayEnd = zonedInstant(days[i]!, VIEW_END_MINUTES, timeZone);
    if (end <= dayStart || start >= dayEnd) continue;
    // A visit is drawn in the first shown day it touches, clipped to that day's hours.
    const from = Math.max(start, dayStart);
    const to = Math.min(end, dayEnd);
    const unit = 1 / days.length;
    return { left: unit * (i + (from - dayStart) / (dayEnd - dayStart)), width: (unit * (to - from)) / (dayEnd - dayStart) };
  }
  return null;
}

/**
 * Where a window sits on a row of `days`, one piece per shown day it touches (clipped to that
 * day's shown hours): time off spanning days is shaded on each of them.
 */
export function placeSpans(window: { start: string; end: string }, days: readonly string[], timeZone: string): Array<{ left: number; width: number }> {
  const out: Array<{ left: number; width: number }> = [];
  for (const day of days) {
    const dayStart = zonedInstant(day, VIEW_START_MINUTES, timeZone);
    const dayEnd = zonedInstant(day, VIEW_END_MINUTES, timeZone);
    const from = Math.max(Date.parse(window.start), dayStart);
    const to = Math.min(Date.parse(window.end), dayEnd);
    if (to <= from) continue;
    const place = placeOnRow({ start: new Date(from).toISOString(), end: new Date(to).toISOString() }, days, timeZone);
    if (place) out.push(place);
  }
  return out;
}

/** The instant under `fraction` (0–1) of a row of `days`, snapped to 15 min, in the shown hours. */
export function instantAt(fraction: number, days: readonly string[], timeZone: string): number {
  const clamped = Math.min(Math.max(fraction, 0), 0.999999);
  const index = Math.floor(clamped * days.length);
  const within = clamped * days.length - index;
  const minutes = VIEW_START_MINUTES + Math.round((within * SPAN) / SNAP_MINUTES) * SNAP_MINUTES;
  return zonedInstant(days[index]!, Math.min(minutes, VIEW_END_MINUTES), timeZone);
}

/** Snaps a duration to whole 15-minute steps, at least one. */
export function snapMinutes(minutes: number): number {
  return Math.max(SNAP_MINUTES, Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES);
}
