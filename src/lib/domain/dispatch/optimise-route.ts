/**
 * Route optimisation of one technician's day (the API the views and the worker call): orders
 * the visits to minimise drive minutes while keeping appointment windows, locked visits, the
 * shift's start/end places and times and service durations. Exact (DP over subsets) up to
 * `exactLimit` stops, the seeded heuristic above; see README for both.
 */
import { evaluateOrder, penalised, type RouteEvaluation, type RouteInstance } from './route-instance';
import { EXACT_MAX_STOPS, solveExact } from './route-exact';
import { solveHeuristic } from './route-heuristic';
import { parseDayRouteInput, type DayRouteInput, type ParsedDayRouteInput } from './route-input';
import { haversineTravel, travelMatrix, type TravelTimeModel } from './travel-time';

export interface RouteOptions {
  travel?: TravelTimeModel;
  /** Largest day solved exactly (default 12, at most EXACT_MAX_STOPS). */
  exactLimit?: number;
  seed?: number;
  restarts?: number;
}

export interface PlannedStop {
  id: string;
  arrival: string;
  /** Service start (after any wait for the window to open). */
  start: string;
  departure: string;
  /** Drive minutes of the leg into this stop. */
  driveMinutes: number;
  waitMinutes: number;
  /** Minutes past the window's close (0 when kept). */
  lateMinutes: number;
}

export interface RouteViolation {
  /** The late visit, or null for coming back after the shift ends. */
  id: string | null;
  lateMinutes: number;
  message: string;
}

export interface DayRoute {
  /** 'exact' means optimal, or proved infeasible; 'heuristic' means best found. */
  method: 'exact' | 'heuristic';
  feasible: boolean;
  order: string[];
  stops: PlannedStop[];
  driveMinutes: number;
  returnAt: string;
  /** The current order's drive minutes and whether it keeps every window. */
  current: { driveMinutes: number; feasible: boolean };
  /** current − optimised drive minutes (≥ 0 whenever the current order is feasible). */
  savedMinutes: number;
  violations: RouteViolation[];
  /** One sentence for the dispatcher. */
  message: string;
}

const MINUTE = 60_000;

function toInstance(day: ParsedDayRouteInput, travel: TravelTimeModel): RouteInstance {
  const origin = Date.parse(day.shift.start);
  const at = (iso: string) => (Date.parse(iso) - origin) / MINUTE;
  const shiftEnd = at(day.shift.end);
  const points = [...day.visits.map((v) => v.location), day.shift.from, day.shift.to];
  return {
    travel: travelMatrix(points, travel),
    service: day.visits.map((v) => v.serviceMinutes),
    earliest: day.visits.map((v) => (v.locked ? at(v.start!) : v.window ? at(v.window.start) : 0)),
    latest: day.visits.map((v) => (v.locked ? at(v.start!) : v.window ? at(v.window.end) : shiftEnd)),
    shiftStart: 0,
    shiftEnd
  };
}

function describe(day: ParsedDayRouteInput, instance: RouteInstance, order: number[], evaluation: RouteEvaluation) {
  const origin = Date.parse(day.shift.start);
  const iso = (minutes: number) => new Date(origin + minutes * MINUTE).toISOString();
  const violations: RouteViolation[] = [];
  const stops = order.map((stop, k): PlannedStop => {
    const visit = day.visits[stop]!;
    const start = evaluation.starts[k]!;
    const arrival = evaluation.arrivals[k]!;
    const lateMinutes = Math.max(0, start - instance.latest[stop]!);
    if (lateMinutes > 0) {
      const what = visit.locked ? 'its locked start' : 'its window';
      violations.push({ id: visit.id, lateMinutes, message: `${visit.id} would start ${lateMinutes} min after ${what}` });
    }
    const previous = k === 0 ? instance.service.length : order[k - 1]!;
    return {
      id: visit.id,
      arrival: iso(arrival),
      start: iso(start),
      departure: iso(start + instance.service[stop]!),
      driveMinutes: instance.travel[previous]![stop]!,
      waitMinutes: start - arrival,
      lateMinutes
    };
  });
  const overrun = evaluation.back - instance.shiftEnd;
  if (overrun > 0) violations.push({ id: null, lateMinutes: overrun, message: `back ${overrun} min after the shift ends` });
  return { stops, violations, returnAt: iso(evaluation.back) };
}

/** Optimises one technician's day. Throws RouteInputError (with every problem listed) on bad input. */
export function optimiseDay(input: DayRouteInput, options: RouteOptions = {}): DayRoute {
  const day = parseDayRouteInput(input);
  const instance = toInstance(day, options.travel ?? haversineTravel());
  const n = day.visits.length;
  const currentOrder = day.visits.map((_, i) => i);
  const current = evaluateOrder(instance, currentOrder);
  const exact = n <= Math.min(options.exactLimit ?? 12, EXACT_MAX_STOPS);
  let order: number[];
  if (exact) {
    // When no order is feasible, the heuristic still finds the least-late one to show.
    order = solveExact(instance).order ?? solveHeuristic(instance, options).order;
  } else {
    order = solveHeuristic(instance, options).order;
  }
  let evaluation = evaluateOrder(instance, order);
  // Never propose something worse than what the technician already has.
  if (penalised(current) < penalised(evaluation)) {
    order = currentOrder;
    evaluation = current;
  }
  const { stops, violations, returnAt } = describe(day, instance, order, evaluation);
  const feasible = evaluation.lateness === 0;
  const savedMinutes = current.drive - evaluation.drive;
  let message: string;
  if (feasible) {
    message = savedMinutes > 0 ? `Saves ${savedMinutes} min of driving (${current.drive} → ${evaluation.drive} min).` : `The current order is already the shortest found (${evaluation.drive} min of driving).`;
  } else {
    const proof = exact ? 'No order keeps every window' : 'Found no order that keeps every window';
    message = `${proof}; the least late: ${violations.map((v) => v.message).join('; ')}.`;
  }
  return {
    method: exact ? 'exact' : 'heuristic',
    feasible,
    order: order.map((i) => day.visits[i]!.id),
    stops,
    driveMinutes: evaluation.drive,
    returnAt,
    current: { driveMinutes: current.drive, feasible: current.lateness === 0 },
    savedMinutes,
    violations,
    message
  };
}
