/**
 * The numeric form of one technician's day that both route solvers work on: minutes from the
 * shift start, a travel matrix, per-stop service minutes and service-start windows.
 *
 * Semantics (shared by the exact solver, the heuristic and the tests' brute force):
 * - the technician leaves the start depot at `shiftStart`; arriving early at a stop they wait,
 *   so service begins at max(arrival, earliest); it must begin no later than `latest`;
 * - after the last stop they drive to the end depot and must be there by `shiftEnd`;
 * - the cost is the total drive minutes (waiting and service are not cost).
 * A locked visit is a stop whose window is a single instant (its booked start).
 */
export interface RouteInstance {
  /** travel[i][j] minutes; rows/columns 0..n-1 are stops, n is the start depot, n+1 the end depot. */
  travel: number[][];
  service: number[];
  /** Earliest service start per stop (minutes from the origin). */
  earliest: number[];
  /** Latest service start per stop. */
  latest: number[];
  shiftStart: number;
  shiftEnd: number;
}

/** One order's timeline. `lateness` sums every missed window and the shift overrun (0 = feasible). */
export interface RouteEvaluation {
  drive: number;
  lateness: number;
  arrivals: number[];
  starts: number[];
  /** Arrival back at the end depot. */
  back: number;
}

/** Number of stops (the depots are not stops). */
export const stopCount = (instance: RouteInstance): number => instance.service.length;

/**
 * Simulates an order (stop indices). A late stop still gets served on arrival so the rest of the
 * timeline stays meaningful; its lateness is counted instead of the order being cut short.
 */
export function evaluateOrder(instance: RouteInstance, order: readonly number[]): RouteEvaluation {
  const { travel, service, earliest, latest } = instance;
  const n = stopCount(instance);
  let at = n;
  let time = instance.shiftStart;
  let drive = 0;
  let lateness = 0;
  const arrivals: number[] = [];
  const starts: number[] = [];
  for (const stop of order) {
    const leg = travel[at]![stop]!;
    drive += leg;
    const arrival = time + leg;
    const start = Math.max(arrival, earliest[stop]!);
    if (start > latest[stop]!) lateness += start - latest[stop]!;
    arrivals.push(arrival);
    starts.push(start);
    time = start + service[stop]!;
    at = stop;
  }
  const home = travel[at]![n + 1]!;
  drive += home;
  const back = time + home;
  if (back > instance.shiftEnd) lateness += back - instance.shiftEnd;
  return { drive, lateness, arrivals, starts, back };
}

/** Cost used by the heuristic: keeping windows first, then drive minutes (lexicographic). */
export function penalised(evaluation: Pick<RouteEvaluation, 'drive' | 'lateness'>): number {
  return evaluation.lateness * 1e6 + evaluation.drive;
}

/**
 * `penalised(evaluateOrder(...))` without building the timeline: the heuristic's inner loop
 * scores thousands of candidate orders, so this one allocates nothing.
 */
export function penalisedCost(instance: RouteInstance, order: readonly number[]): number {
  const { travel, service, earliest, latest } = instance;
  const n = service.length;
  let at = n;
  let time = instance.shiftStart;
  let drive = 0;
  let lateness = 0;
  for (const stop of order) {
    const leg = travel[at]![stop]!;
    drive += leg;
    const start = Math.max(time + leg, earliest[stop]!);
    if (start > latest[stop]!) lateness += start - latest[stop]!;
    time = start + service[stop]!;
    at = stop;
  }
  const home = travel[at]![n + 1]!;
  drive += home;
  if (time + home > instance.shiftEnd) lateness += time + home - instance.shiftEnd;
  return penalised({ drive, lateness });
}
