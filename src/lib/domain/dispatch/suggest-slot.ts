/**
 * Where a job fits in one technician's day within a window: the earliest start such that the
 * technician can drive from wherever they are just before (previous booking's site, or home at
 * shift start), do the job, and still reach the next booking on time. Time off (`away`) is
 * never overlapped; after it the technician leaves from where they were before it.
 */
import type { DispatchTechnician, Interval } from './suggest-types';
import type { GeoPoint, TravelTimeModel } from './travel-time';

/** Assumed drive when either end has no location (documented in README). */
export const UNKNOWN_TRAVEL_MINUTES = 20;

export interface Slot {
  start: number;
  end: number;
  /** The free gap (clipped to the window and shift) the slot sits in. */
  freeFrom: number;
  freeTo: number;
  travelIn: number;
  travelKnown: boolean;
  /** 'previous visit' or 'home base'. */
  from: 'previous visit' | 'home base';
}

const MINUTE = 60_000;

function drive(travel: TravelTimeModel, from: GeoPoint | null, to: GeoPoint | null): { minutes: number; known: boolean } {
  if (!from || !to) return { minutes: UNKNOWN_TRAVEL_MINUTES, known: false };
  return { minutes: travel.minutes(from, to), known: true };
}

/** The earliest slot (epoch ms) for `durationMinutes` at `site` in `window`, or null when there is none. */
export function findSlot(tech: DispatchTechnician, site: GeoPoint | null, durationMinutes: number, window: Interval, travel: TravelTimeModel): Slot | null {
  if (!tech.shift) return null;
  const open = Math.max(Date.parse(window.start), Date.parse(tech.shift.start));
  const close = Math.min(Date.parse(window.end), Date.parse(tech.shift.end));
  // Time off blocks like a booking, but the technician resumes from where they were.
  const bookings = [
    ...tech.bookings.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end), location: b.location, away: false })),
    ...(tech.away ?? []).map((a) => ({ start: Date.parse(a.start), end: Date.parse(a.end), location: null, away: true }))
  ]
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  // Walk the gaps between bookings; `busyUntil` keeps overlapping bookings from opening a gap.
  let where: GeoPoint | null = tech.home;
  let from: Slot['from'] = 'home base';
  let busyUntil = Date.parse(tech.shift.start);
  for (let i = 0; i <= bookings.length; i++) {
    const next = bookings[i];
    const gapEnd = next ? next.start : Infinity;
    const inbound = drive(travel, where, site);
    const start = Math.max(open, busyUntil + inbound.minutes * MINUTE);
    const end = start + durationMinutes * MINUTE;
    const outbound = next && !next.away ? drive(travel, site, next.location).minutes * MINUTE : 0;
    if (end <= close && end + outbound <= gapEnd) {
      return { start, end, freeFrom: Math.max(open, busyUntil), freeTo: Math.min(close, gapEnd), travelIn: inbound.minutes, travelKnown: inbound.known, from };
    }
    if (!next || next.start >= close) break;
    if (next.end >= busyUntil) {
      busyUntil = next.end;
      if (!next.away) {
        where = next.location;
        from = 'previous visit';
      }
    }
  }
  return null;
}
