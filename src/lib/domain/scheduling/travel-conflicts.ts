/**
 * Travel gaps that cannot be driven in time (issue 8): for each technician's consecutive open
 * visits on one local day, the gap between the end of one and the start of the next must be at
 * least the drive between their sites. Overlaps are left to the double-booking check, and a pair
 * whose site location is unknown is skipped (no estimate is better than a wrong flag).
 */
import type { GeoPoint, Technician } from '../directory/directory';
import type { TravelTimeModel } from '../dispatch/travel-time';
import { zonedParts } from '../time/zoned';
import type { Visit } from './visit';

/** A technician's drive between two visits that is longer than the gap between them. */
export interface TravelGap {
  technicianId: string;
  /** The earlier visit, then the later one. */
  visitIds: [string, string];
  neededMinutes: number;
  availableMinutes: number;
}

export interface TravelContext {
  technicians: readonly Technician[];
  /** The site location of a visit's job, or null when unknown. */
  locationOf: (visit: Visit) => GeoPoint | null;
  travel: TravelTimeModel;
  /** The technician's zone (their office's, else the org's): visits pair up within one local day. */
  zoneOf: (technician: Technician) => string;
}

/** Every too-short gap, by technician then start (stable on every device). `visits` must be open visits. */
export function findTravelGaps(visits: readonly Visit[], context: TravelContext): TravelGap[] {
  const out: TravelGap[] = [];
  for (const tech of context.technicians) {
    const mine = visits.filter((v) => v.technicianIds.includes(tech.id)).sort(byStart);
    const zone = context.zoneOf(tech);
    for (let i = 1; i < mine.length; i++) {
      const [a, b] = [mine[i - 1]!, mine[i]!];
      const gapMs = Date.parse(b.window.start) - Date.parse(a.window.end);
      if (gapMs < 0) continue;
      if (zonedParts(Date.parse(a.window.start), zone).date !== zonedParts(Date.parse(b.window.start), zone).date) continue;
      const from = context.locationOf(a);
      const to = context.locationOf(b);
      if (!from || !to) continue;
      const needed = context.travel.minutes(from, to);
      const available = Math.floor(gapMs / 60_000);
      if (needed > available) out.push({ technicianId: tech.id, visitIds: [a.id, b.id], neededMinutes: needed, availableMinutes: available });
    }
  }
  return out;
}

function byStart(a: Visit, b: Visit): number {
  const d = Date.parse(a.window.start) - Date.parse(b.window.start);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
