/**
 * Offline travel-time estimate behind one interface, so a road-network table (or a routing
 * service's matrix) can replace it later without touching the scorer or the optimiser.
 *
 * Default model: great-circle (haversine) distance × a detour factor ÷ an average speed, plus a
 * fixed overhead for parking and walking to the door. Defaults are for urban San Francisco:
 * streets are a grid broken by hills and one-way streets, so the driven distance is ≈ 1.3× the
 * straight line, and a van averages ≈ 25 km/h door to door in the city including lights; finding
 * parking and walking in takes ≈ 5 min. Same-point trips cost nothing (no move, no parking).
 */
import type { GeoPoint } from '../directory/directory';

export type { GeoPoint };

/** Minutes to drive from one point to another. Must be ≥ 0 and 0 for identical points. */
export interface TravelTimeModel {
  minutes(from: GeoPoint, to: GeoPoint): number;
}

export interface HaversineOptions {
  /** Driven distance ÷ straight-line distance (default 1.3, SF street grid and hills). */
  detourFactor?: number;
  /** Average door-to-door driving speed in km/h (default 25, urban SF). */
  speedKmh?: number;
  /** Fixed minutes per trip for parking and the walk to the door (default 5). */
  overheadMinutes?: number;
}

export const DEFAULT_TRAVEL: Required<HaversineOptions> = { detourFactor: 1.3, speedKmh: 25, overheadMinutes: 5 };

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The default offline model: haversine × detour ÷ speed + overhead, in whole minutes (rounded up). */
export function haversineTravel(options: HaversineOptions = {}): TravelTimeModel {
  const { detourFactor, speedKmh, overheadMinutes } = { ...DEFAULT_TRAVEL, ...options };
  if (!(detourFactor >= 1) || !(speedKmh > 0) || !(overheadMinutes >= 0)) {
    throw new RangeError('travel model needs detourFactor ≥ 1, speedKmh > 0 and overheadMinutes ≥ 0');
  }
  return {
    minutes(from, to) {
      const km = haversineKm(from, to);
      if (km < 0.001) return 0;
      // Whole minutes keep schedules readable and make optimiser results exactly comparable.
      return Math.ceil((km * detourFactor * 60) / speedKmh + overheadMinutes);
    }
  };
}

/** Square matrix of travel minutes between points (row = from), computed once for a solver. */
export function travelMatrix(points: readonly GeoPoint[], model: TravelTimeModel): number[][] {
  return points.map((from) => points.map((to) => model.minutes(from, to)));
}
