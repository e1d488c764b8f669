/**
 * The demo company's geography. The 311 `Responsible.Agency` column names city departments
 * (DPW, Recology, PUC), not places, so it makes poor offices; instead the city is split into
 * four contractor branches by neighbourhood cluster and every site, fire battalion and
 * technician belongs to the nearest branch.
 */
import type { GeoPoint, Office } from '../domain/directory/directory';
import { seededUuid } from './prng';

export const DEMO_TIME_ZONE = 'America/Los_Angeles';

export interface OfficePlan {
  key: string;
  name: string;
  code: string;
  /** Centre of the neighbourhoods the branch serves. */
  centre: GeoPoint;
}

export const OFFICE_PLANS: readonly OfficePlan[] = [
  // Marina, Russian Hill, North Beach, Chinatown, Financial District, Nob Hill
  { key: 'north-beach', name: 'North Beach', code: 'SF-N', centre: { lat: 37.7955, lng: -122.418 } },
  // Mission, SoMa, Potrero Hill, Bernal Heights, Bayview, Castro
  { key: 'mission', name: 'Mission', code: 'SF-M', centre: { lat: 37.7605, lng: -122.405 } },
  // Richmond, Sunset, Parkside, Haight
  { key: 'sunset', name: 'Sunset', code: 'SF-W', centre: { lat: 37.7615, lng: -122.477 } },
  // Excelsior, Outer Mission, Ocean View, Visitacion Valley
  { key: 'excelsior', name: 'Excelsior', code: 'SF-S', centre: { lat: 37.7215, lng: -122.433 } }
];

export function buildOffices(seed: number): Office[] {
  return OFFICE_PLANS.map((plan) => ({ id: officeId(seed, plan.key), name: plan.name, code: plan.code, timeZone: DEMO_TIME_ZONE, address: '' }));
}

export function officeId(seed: number, key: string): string {
  return seededUuid(seed, `office:${key}`);
}

/** Squared distance on a local flat projection: enough to rank nearby points in one city. */
export function distance2(a: GeoPoint, b: GeoPoint): number {
  const dLat = a.lat - b.lat;
  const dLng = (a.lng - b.lng) * Math.cos((a.lat * Math.PI) / 180);
  return dLat * dLat + dLng * dLng;
}

export function nearestOffice(point: GeoPoint): OfficePlan {
  let best = OFFICE_PLANS[0]!;
  for (const plan of OFFICE_PLANS) if (distance2(point, plan.centre) < distance2(point, best.centre)) best = plan;
  return best;
}

const KEEP_UPPER = new Set(['CA', 'SF', 'PO', 'NE', 'NW', 'SE', 'SW']);

/** "1671 25TH AVE, SAN FRANCISCO, CA, 94122" → "1671 25th Ave, San Francisco, CA 94122". */
export function formatAddress(raw: string): string {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const zip = parts.length > 1 && /^\d{5}$/.test(parts.at(-1)!) ? parts.pop()! : null;
  const words = (text: string) =>
    text
      .split(/\s+/)
      .map((w) => (KEEP_UPPER.has(w.toUpperCase()) && w === w.toUpperCase() ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
      .join(' ');
  let line = parts.map(words).join(', ');
  if (!/San Francisco/i.test(line)) line += ', San Francisco, CA';
  return zip ? `${line} ${zip}` : line;
}

/** Address key for grouping requests at the same door. */
export function addressKey(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
}
