import { describe, expect, it } from 'vitest';
import { haversineKm, haversineTravel, travelMatrix } from './travel-time';

const ferryBuilding = { lat: 37.7955, lng: -122.3937 };

describe('haversine travel model', () => {
  it('measures great-circle distance (0.01° of latitude ≈ 1.112 km)', () => {
    expect(haversineKm(ferryBuilding, { lat: 37.8055, lng: -122.3937 })).toBeCloseTo(1.112, 3);
  });

  it('drives the straight line × 1.3 at 25 km/h plus 5 min parking, rounded up to whole minutes', () => {
    // 1.112 km × 1.3 = 1.446 km → 3.47 min at 25 km/h, + 5 = 8.47 → 9.
    expect(haversineTravel().minutes(ferryBuilding, { lat: 37.8055, lng: -122.3937 })).toBe(9);
    expect(haversineTravel({ detourFactor: 1, speedKmh: 60, overheadMinutes: 0 }).minutes(ferryBuilding, { lat: 37.8055, lng: -122.3937 })).toBe(2);
  });

  it('costs nothing to stay put, and is symmetric', () => {
    const model = haversineTravel();
    const other = { lat: 37.7694, lng: -122.4862 };
    expect(model.minutes(ferryBuilding, ferryBuilding)).toBe(0);
    expect(model.minutes(ferryBuilding, other)).toBe(model.minutes(other, ferryBuilding));
    expect(travelMatrix([ferryBuilding, other], model)).toEqual([
      [0, model.minutes(ferryBuilding, other)],
      [model.minutes(other, ferryBuilding), 0]
    ]);
  });

  it('refuses nonsensical parameters', () => {
    expect(() => haversineTravel({ speedKmh: 0 })).toThrow(RangeError);
    expect(() => haversineTravel({ detourFactor: 0.5 })).toThrow(RangeError);
  });
});
