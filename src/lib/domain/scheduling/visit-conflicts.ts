/**
 * What is wrong with the schedule, per visit, detected after merge (a CRDT cannot forbid it):
 * a technician in two overlapping visits (both kept and both flagged until someone moves one),
 * a visit outside the technician's working hours, on their time off, or on a holiday, and two
 * consecutive visits too close together to drive between their sites (when locations are known).
 * Working hours and holidays are read in the technician's office zone (else the org's).
 */
import type { GeoPoint, Technician } from '../directory/directory';
import { haversineTravel, type TravelTimeModel } from '../dispatch/travel-time';
import { findTravelGaps } from './travel-conflicts';
import type { DoubleBooking } from './conflicts';
import { holidaysFor, type Holiday, type TimeOff } from './availability';
import { findDoubleBookings as findJobDoubleBookings } from './conflicts';
import { isOpenVisit, type Visit } from './visit';
import { clockMinutes, zonedParts } from '../time/zoned';

export type VisitConflictKind = 'double_booking' | 'outside_hours' | 'time_off' | 'holiday' | 'travel';

export interface VisitConflict {
  kind: VisitConflictKind;
  technicianId: string;
  /** The visits involved (two for a double booking). */
  visitIds: string[];
  /** A sentence for the flag's tooltip. */
  message: string;
  /** For `travel`: the drive in minutes and the gap between the two visits. */
  travel?: { neededMinutes: number; availableMinutes: number };
}

export interface ScheduleContext {
  technicians: readonly Technician[];
  timeOff: readonly TimeOff[];
  holidays: readonly Holiday[];
  /** Office id → IANA zone. */
  officeZones: ReadonlyMap<string, string>;
  /** Zone of technicians without an office. */
  orgTimeZone: string;
  /** The site location of a visit's job (null when unknown); without it travel is not checked. */
  locationOf?: (visit: Visit) => GeoPoint | null;
  /** Drive estimate for travel gaps (default: the haversine model). */
  travel?: TravelTimeModel;
}

const defaultTravel = haversineTravel();

/** Every conflict of the open visits, in a stable order. */
export function findVisitConflicts(visits: readonly Visit[], context: ScheduleContext): VisitConflict[] {
  const open = visits.filter((v) => isOpenVisit(v.status));
  const names = new Map(context.technicians.map((t) => [t.id, t.name]));
  const out: VisitConflict[] = findJobDoubleBookings(
    open.map((v) => ({ jobId: v.id, number: v.id, technicianIds: v.technicianIds, start: v.window.start, end: v.window.end, active: true }))
  ).map((d) => ({
    kind: 'double_booking',
    technicianId: d.technicianId,
    visitIds: [...d.jobIds],
    message: `${names.get(d.technicianId) ?? 'A technician'} is booked on two visits that overlap by ${d.overlapMinutes} min.`
  }));
  const byId = new Map(context.technicians.map((t) => [t.id, t]));
  const zoneOf = (tech: Technician) => (tech.officeId && context.officeZones.get(tech.officeId)) || context.orgTimeZone;
  for (const visit of open) {
    for (const techId of visit.technicianIds) {
      const tech = byId.get(techId);
      if (!tech) continue;
      out.push(...availabilityConflicts(visit, tech, zoneOf(tech), context));
    }
  }
  if (context.locationOf) {
    for (const gap of findTravelGaps(open, { technicians: context.technicians, locationOf: context.locationOf, travel: context.travel ?? defaultTravel, zoneOf })) {
      out.push({
        kind: 'travel',
        technicianId: gap.technicianId,
        visitIds: [...gap.visitIds],
        message: `${names.get(gap.technicianId) ?? 'A technician'} needs ${gap.neededMinutes} min to drive between these visits but has ${gap.availableMinutes} min.`,
        travel: { neededMinutes: gap.neededMinutes, availableMinutes: gap.availableMinutes }
      });
    }
  }
  return out;
}

function availabilityConflicts(visit: Visit, tech: Technician, zone: string, context: ScheduleContext): VisitConflict[] {
  const out: VisitConflict[] = [];
  const start = Date.parse(visit.window.start);
  const end = Date.parse(visit.window.end);
  const base = { technicianId: tech.id, visitIds: [visit.id] };
  const local = zonedParts(start, zone);
  const hours = tech.workingHours[local.weekday];
  const endMinutes = local.minutes + (end - start) / 60_000;
  if (!hours) out.push({ ...base, kind: 'outside_hours', message: `${tech.name} does not work on this day.` });
  else if (local.minutes < clockMinutes(hours[0]) || endMinutes > clockMinutes(hours[1])) {
    out.push({ ...base, kind: 'outside_hours', message: `Outside ${tech.name}'s working hours (${hours[0]}–${hours[1]}).` });
  }
  const off = context.timeOff.find((t) => !t.removed && t.technicianId === tech.id && Date.parse(t.window.start) < end && Date.parse(t.window.end) > start);
  if (off) out.push({ ...base, kind: 'time_off', message: `${tech.name} is off${off.reason ? ` (${off.reason})` : ''}.` });
  // The last local day it touches: a visit ending at midnight ends on the day before.
  const endParts = zonedParts(end, zone);
  const endDate = endParts.minutes === 0 && end > start ? previousDate(endParts.date) : endParts.date;
  const holiday = holidaysFor(context.holidays, tech.officeId).find((h) => h.date >= local.date && h.date <= endDate);
  if (holiday) out.push({ ...base, kind: 'holiday', message: `${holiday.date} is a holiday${holiday.name ? ` (${holiday.name})` : ''}.` });
  return out;
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Conflicts grouped by visit id, for flags on visits and cards. */
export function conflictsByVisit(conflicts: readonly VisitConflict[]): Map<string, VisitConflict[]> {
  const out = new Map<string, VisitConflict[]>();
  for (const c of conflicts) for (const id of c.visitIds) out.set(id, [...(out.get(id) ?? []), c]);
  return out;
}

/**
 * The double bookings among visit conflicts, told by job (the board's banner and card flags):
 * which jobs, their numbers and how long the two visits overlap.
 */
export function jobDoubleBookings(conflicts: readonly VisitConflict[], visits: readonly Visit[], numberOf: (jobId: string) => string): DoubleBooking[] {
  const byId = new Map(visits.map((v) => [v.id, v]));
  const out: DoubleBooking[] = [];
  for (const c of conflicts) {
    const [a, b] = c.visitIds.map((id) => byId.get(id));
    if (c.kind !== 'double_booking' || !a || !b) continue;
    const overlap = Math.min(Date.parse(a.window.end), Date.parse(b.window.end)) - Math.max(Date.parse(a.window.start), Date.parse(b.window.start));
    out.push({ technicianId: c.technicianId, jobIds: [a.jobId, b.jobId], numbers: [numberOf(a.jobId), numberOf(b.jobId)], overlapMinutes: Math.round(overlap / 60_000) });
  }
  return out;
}
