/**
 * One technician's day on the schedule → the optimiser's input, and its answer → the moves
 * that apply it. Pure, so the schedule view and tests share one reading of the day:
 * - the day's visits are the technician's open visits starting on that local day (their zone);
 * - the shift is their working hours that day; it starts and ends at their home base;
 * - each visit's service time is its booked length; a locked visit keeps its start, and so does
 *   a crew visit (moving it would change another technician's day behind the dispatcher's back).
 */
import type { GeoPoint, Technician } from '../directory/directory';
import { isOpenVisit, type Visit } from '../scheduling/visit';
import { clockMinutes, zonedInstant, zonedParts } from '../time/zoned';
import type { DayRoute } from './optimise-route';
import type { DayRouteInput } from './route-input';

export interface DayPlanFacts {
  technician: Technician;
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** The technician's zone (their office's, else the organisation's). */
  timeZone: string;
  /** Visits on the board (any technician, any day): the day's are picked here. */
  visits: readonly Visit[];
  /** The site location of a visit's job, or null when unknown. */
  locationOf: (visit: Visit) => GeoPoint | null;
}

export type DayPlan =
  | { ok: true; input: DayRouteInput; visits: Visit[] }
  | { ok: false; error: string };

/** A move that applies a route: the visit keeps its length and starts at `start`. */
export interface PlannedMove {
  visitId: string;
  start: string;
  end: string;
}

/** The optimiser input for a technician's day, or why that day cannot be optimised. */
export function planDay(facts: DayPlanFacts): DayPlan {
  const { technician: tech, day, timeZone } = facts;
  const visits = facts.visits
    .filter((v) => v.technicianIds.includes(tech.id) && isOpenVisit(v.status) && zonedParts(Date.parse(v.window.start), timeZone).date === day)
    .sort((a, b) => Date.parse(a.window.start) - Date.parse(b.window.start) || (a.id < b.id ? -1 : 1));
  if (visits.length < 2) return { ok: false, error: `${tech.name} has fewer than two open visits on ${day}: nothing to reorder.` };
  const home = tech.homeBase?.location;
  if (!home) return { ok: false, error: `${tech.name} has no home base location; set it in Settings › Technicians to plan their day.` };
  const unplaced = visits.filter((v) => !facts.locationOf(v)).length;
  if (unplaced) return { ok: false, error: `${unplaced === 1 ? 'One visit has' : `${unplaced} visits have`} no site location; pin the site on the map first.` };
  const weekday = zonedParts(zonedInstant(day, 12 * 60, timeZone), timeZone).weekday;
  const hours = tech.workingHours[weekday];
  if (!hours) return { ok: false, error: `${tech.name} does not work on ${day}.` };
  const iso = (ms: number) => new Date(ms).toISOString();
  const input: DayRouteInput = {
    shift: { start: iso(zonedInstant(day, clockMinutes(hours[0]), timeZone)), end: iso(zonedInstant(day, clockMinutes(hours[1]), timeZone)), from: home, to: home },
    visits: visits.map((v) => {
      const keep = v.locked || v.technicianIds.length > 1;
      return { id: v.id, location: facts.locationOf(v)!, serviceMinutes: Math.round((Date.parse(v.window.end) - Date.parse(v.window.start)) / 60_000), locked: keep, start: v.window.start };
    })
  };
  return { ok: true, input, visits };
}

/** The moves that put the visits at the route's start times (visits already there are left out). */
export function movesForRoute(route: DayRoute, visits: readonly Visit[]): PlannedMove[] {
  const byId = new Map(visits.map((v) => [v.id, v]));
  const out: PlannedMove[] = [];
  for (const stop of route.stops) {
    const visit = byId.get(stop.id);
    if (!visit || Date.parse(stop.start) === Date.parse(visit.window.start)) continue;
    const length = Date.parse(visit.window.end) - Date.parse(visit.window.start);
    out.push({ visitId: visit.id, start: stop.start, end: new Date(Date.parse(stop.start) + length).toISOString() });
  }
  return out;
}
