/**
 * Seeded random route instances for the optimiser's tests and bench: stops scattered over
 * San Francisco, haversine travel, service 20–90 min, and windows planted around a hidden
 * feasible route (so "feasible" instances are known to be feasible) or drawn blind.
 */
import { mulberry32, randomInt, shuffled, type Random } from '../../src/lib/domain/dispatch/prng';
import type { RouteInstance } from '../../src/lib/domain/dispatch/route-instance';
import { haversineTravel, travelMatrix, type GeoPoint } from '../../src/lib/domain/dispatch/travel-time';

export interface RandomRouteOptions {
  /** true: windows planted around a hidden feasible route; false: windows drawn blind (may be infeasible). */
  planted?: boolean;
  /** Share of stops with a window (default 0.6). */
  windowed?: number;
}

export function randomPoint(random: Random): GeoPoint {
  return { lat: 37.71 + random() * 0.09, lng: -122.51 + random() * 0.13 };
}

export function randomInstance(seed: number, n: number, options: RandomRouteOptions = {}): RouteInstance {
  const random = mulberry32(seed);
  const points = Array.from({ length: n + 2 }, () => randomPoint(random));
  points[n + 1] = points[n]!; // start and end at the same home base
  const travel = travelMatrix(points, haversineTravel());
  const service = Array.from({ length: n }, () => 20 + 5 * randomInt(random, 15));
  const windowed = options.windowed ?? 0.6;
  const earliest = new Array<number>(n).fill(0);
  const latest = new Array<number>(n).fill(0);
  let shiftEnd = 600;
  if (options.planted ?? true) {
    let time = 0;
    let at = n;
    for (const stop of shuffled(random, Array.from({ length: n }, (_, i) => i))) {
      const start = time + travel[at]![stop]! + randomInt(random, 20);
      if (random() < windowed) {
        const width = 30 + 30 * randomInt(random, 5);
        earliest[stop] = Math.max(0, start - randomInt(random, width + 1));
        latest[stop] = earliest[stop]! + width;
      } else {
        latest[stop] = Infinity;
      }
      time = start + service[stop]!;
      at = stop;
    }
    shiftEnd = Math.max(600, time + travel[at]![n + 1]! + 30);
  } else {
    const day = 60 * n;
    shiftEnd = day + 120;
    for (let stop = 0; stop < n; stop++) {
      if (random() < windowed) {
        earliest[stop] = 30 * randomInt(random, Math.floor(day / 30));
        latest[stop] = earliest[stop]! + 60 + 30 * randomInt(random, 4);
      } else {
        latest[stop] = Infinity;
      }
    }
  }
  for (let stop = 0; stop < n; stop++) if (latest[stop] === Infinity) latest[stop] = shiftEnd;
  return { travel, service, earliest, latest, shiftStart: 0, shiftEnd };
}
