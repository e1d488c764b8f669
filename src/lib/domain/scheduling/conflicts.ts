/**
 * Invariants a CRDT cannot enforce, detected after merge (DESIGN §3): a technician booked on
 * two jobs whose scheduled windows overlap (e.g. two dispatchers offline). Both jobs are
 * reported so the dispatcher can see both versions and choose.
 */
export interface Booking {
  jobId: string;
  number: string;
  technicianIds: readonly string[];
  start: string | null;
  end: string | null;
  /** Cancelled or finished jobs don't hold a slot. */
  active: boolean;
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
    if (!b.active || !b.start || !b.end) continue;
    const start = Date.parse(b.start);
    const end = Date.parse(b.end);
    if (!(end > start)) continue;
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
