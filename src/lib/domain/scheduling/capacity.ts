/**
 * A technician's capacity on one local day: booked against available minutes, and the office's
 * emergency reserve (a share of the day's working minutes kept free for emergencies).
 *
 * - working = the day's working hours less time off (any part of the day, overlapping entries
 *   counted once) — none on a holiday or a day without hours;
 * - reserve = working × the office's reserve percent (rounded to whole minutes);
 * - available = working − reserve: what non-emergency work may fill;
 * - into reserve = how much non-emergency work is booked beyond `available` (at most the
 *   reserve): the schedule flags such a day, and suggestions avoid adding to it.
 * Emergency visits (visits of emergency jobs) may use the reserve: that is what it is for.
 */
import type { Technician } from '../directory/directory';
import { holidaysFor, type Holiday, type TimeOff } from './availability';
import { isOpenVisit, type Visit } from './visit';
import { clockMinutes, nextDate, zonedInstant, zonedParts } from '../time/zoned';

export interface DayCapacity {
  /** The local day, `YYYY-MM-DD`. */
  day: string;
  /** Minutes booked on open visits that day (emergencies included). */
  bookedMinutes: number;
  /** Of those, minutes on emergency visits. */
  emergencyMinutes: number;
  /** Working minutes that day, less time off and holidays. */
  workingMinutes: number;
  /** Minutes kept free for emergencies (the office's reserve share of `workingMinutes`). */
  reserveMinutes: number;
  /** Minutes for non-emergency work: working less the reserve. */
  availableMinutes: number;
  /** Non-emergency minutes booked beyond `availableMinutes`, up to the reserve (0 = reserve intact). */
  intoReserveMinutes: number;
}

export interface CapacityFacts {
  visits: readonly Visit[];
  timeOff: readonly TimeOff[];
  holidays: readonly Holiday[];
  /** The technician's office's emergency reserve, 0–50 %. */
  reservePercent: number;
  /** Whether a visit is emergency work (may use the reserve); default: none is. */
  isEmergency?: (visit: Visit) => boolean;
}

const MINUTE = 60_000;

/** Minutes of the union of `intervals` (epoch ms) inside [from, to). */
export function coveredMinutes(intervals: ReadonlyArray<readonly [number, number]>, from: number, to: number): number {
  const clipped = intervals
    .map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let until = -Infinity;
  for (const [s, e] of clipped) {
    if (e <= until) continue;
    total += e - Math.max(s, until);
    until = e;
  }
  return total / MINUTE;
}

/** A technician's capacity on one local `day` in `timeZone`. */
export function dayCapacity(tech: Technician, day: string, timeZone: string, facts: CapacityFacts): DayCapacity {
  const dayStart = zonedInstant(day, 0, timeZone);
  const dayEnd = zonedInstant(nextDate(day), 0, timeZone);
  const overlap = (s: number, e: number) => Math.max(0, Math.min(e, dayEnd) - Math.max(s, dayStart)) / MINUTE;
  let booked = 0;
  let emergency = 0;
  for (const v of facts.visits) {
    if (!isOpenVisit(v.status) || !v.technicianIds.includes(tech.id)) continue;
    const minutes = overlap(Date.parse(v.window.start), Date.parse(v.window.end));
    booked += minutes;
    if (facts.isEmergency?.(v)) emergency += minutes;
  }
  const working = workingMinutes(tech, day, dayStart, timeZone, facts);
  const reserve = Math.round((working * facts.reservePercent) / 100);
  const available = working - reserve;
  const intoReserve = Math.min(reserve, Math.max(0, Math.round(booked - emergency) - available));
  return { day, bookedMinutes: Math.round(booked), emergencyMinutes: Math.round(emergency), workingMinutes: working, reserveMinutes: reserve, availableMinutes: available, intoReserveMinutes: intoReserve };
}

function workingMinutes(tech: Technician, day: string, dayStart: number, timeZone: string, facts: CapacityFacts): number {
  const hours = tech.workingHours[zonedParts(dayStart + 12 * 3600_000, timeZone).weekday];
  if (!hours || holidaysFor(facts.holidays, tech.officeId).some((h) => h.date === day)) return 0;
  const open = zonedInstant(day, clockMinutes(hours[0]), timeZone);
  const close = zonedInstant(day, clockMinutes(hours[1]), timeZone);
  const away = facts.timeOff.filter((t) => !t.removed && t.technicianId === tech.id).map((t) => [Date.parse(t.window.start), Date.parse(t.window.end)] as const);
  return Math.round(Math.max(0, (close - open) / MINUTE - coveredMinutes(away, open, close)));
}
