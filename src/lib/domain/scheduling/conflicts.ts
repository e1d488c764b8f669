/**
 * Invariants a CRDT cannot enforce, detected after merge (DESIGN §3): a technician booked on
 * two jobs whose scheduled windows overlap (e.g. two dispatchers offline). Both jobs are
 * reported so the dispatcher can see both versions and choose.
 *
 * No booking is ever skipped: a reversed or half-open start/end pair (merged by old clients)
 * is read as a repaired interval (`windowFromPair`) and still checked, and `brokenWindows`
 * lists it so the UI can flag it.
 */
import { windowFromPair, type WindowIssue } from './window';

export interface Booking {
  jobId: string;
  number: string;
  technicianIds: readonly string[];
  start: string | null;
  end: string | null;
  /** Cancelled or finished jobs don't hold a slot. */
  active: boolean;
  /** Estimated duration, closes a half-open pair (default 60). */
  minutes?: number;
}

export interface DoubleBooking {
  technicianId: string;
  jobIds: [string, string];
  numbers: [string, string];
  overlapMinutes: number;
}

export function findDoubleBookings(bookings: readonly Booking[]): DoubleBooking[] {
  const byTech = new Map<string, Array<{ b: Booking; start: number; end: number }>>();
  for (const b of bookings) {
    if (!b.active) continue;
    const { window } = windowFromPair(b.start, b.end, b.minutes ?? 60);
    if (!window) continue;
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    for (const tech of b.technicianIds) {
      const list = byTech.get(tech) ?? [];
      list.push({ b, start, end });
      byTech.set(tech, list);
    }
  }
  const out: DoubleBooking[] = [];
  for (const [technicianId, list] of byTech) {
    list.sort((x, y) => x.start - y.start || (x.b.jobId < y.b.jobId ? -1 : 1));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j]!.start < list[i]!.end; j++) {
        const a = list[i]!;
        const c = list[j]!;
        const overlap = Math.min(a.end, c.end) - c.start;
        out.push({ technicianId, jobIds: [a.b.jobId, c.b.jobId], numbers: [a.b.number, c.b.number], overlapMinutes: Math.round(overlap / 60_000) });
      }
    }
  }
  return out;
}

/** Active bookings whose start/end pair is broken (reversed or half-open): shown to fix. */
export function brokenWindows(bookings: readonly Booking[]): Array<{ jobId: string; number: string; issue: WindowIssue }> {
  const out: Array<{ jobId: string; number: string; issue: WindowIssue }> = [];
  for (const b of bookings) {
    const { issue } = windowFromPair(b.start, b.end, b.minutes ?? 60);
    if (b.active && issue) out.push({ jobId: b.jobId, number: b.number, issue });
  }
  return out;
}
