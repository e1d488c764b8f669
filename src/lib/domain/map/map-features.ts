/**
 * What the dispatch map draws, as GeoJSON built from the board: job markers (coloured by
 * status, sized and ringed by priority, pulsing when unassigned and near their SLA),
 * technicians where last seen (else at their home base), and one technician's day as an ordered line. Pure: the
 * view hands these to MapLibre sources, and tests check the rules here.
 */
import type { GeoPoint, Site, Technician } from '../directory/directory';
import type { Job, JobPriority, JobStatus } from '../jobs/job';
import { slaState } from '../jobs/sla';
import { zonedParts } from '../time/zoned';
import { firstVisitId, type Visit } from '../scheduling/visit';

/** A GeoJSON point feature (RFC 7946: coordinates are [longitude, latitude]). */
export interface PointFeature<P> {
  type: 'Feature';
  id?: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

/** A GeoJSON line feature. */
export interface LineFeature<P> {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Array<[number, number]> };
  properties: P;
}

export interface FeatureCollection<F> {
  type: 'FeatureCollection';
  features: F[];
}

/** Statuses drawn on the map: work still to be done or under way (settled work is history). */
export const MAP_STATUSES: ReadonlySet<JobStatus> = new Set(['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold']);

/** Marker fill per status: one hue per step of the field lifecycle, grey for paused work. */
export const STATUS_COLORS: Readonly<Record<JobStatus, string>> = {
  new: '#b3261e',
  scheduled: '#0b5cad',
  dispatched: '#6a3fb5',
  en_route: '#b85c00',
  on_site: '#16703a',
  on_hold: '#6b7785',
  completed: '#4a5868',
  invoiced: '#4a5868',
  paid: '#4a5868',
  closed: '#4a5868',
  cancelled: '#4a5868'
};

/** Marker radius (px) and ring per priority: urgent work stands out even inside a crowd. */
export const PRIORITY_STYLE: Readonly<Record<JobPriority, { radius: number; ring: string; ringWidth: number }>> = {
  low: { radius: 6, ring: '#ffffff', ringWidth: 1.5 },
  normal: { radius: 8, ring: '#ffffff', ringWidth: 2 },
  high: { radius: 10, ring: '#f2b600', ringWidth: 3 },
  urgent: { radius: 12, ring: '#16202b', ringWidth: 4 }
};

export interface JobMarker {
  jobId: string;
  number: string;
  customerName: string;
  status: JobStatus;
  priority: JobPriority;
  color: string;
  radius: number;
  ring: string;
  ringWidth: number;
  /** Nobody assigned yet. */
  unassigned: boolean;
  /** Unassigned with its SLA due soon or overdue: drawn pulsing so a dispatcher acts. */
  pulse: boolean;
}

export interface JobMarkers {
  collection: FeatureCollection<PointFeature<JobMarker>>;
  /** Jobs on the map's statuses whose site has no location (or no site): they need a pin. */
  unplaced: Job[];
}

/**
 * The pulse rule: an open job nobody is assigned to whose SLA is due within `SLA_SOON_MS`
 * or already overdue (see `slaState`).
 */
export function needsAttention(job: Pick<Job, 'slaDue' | 'status' | 'assignedTechIds'>, now: number): boolean {
  if (job.assignedTechIds.length > 0) return false;
  const sla = slaState(job.slaDue, job.status, now);
  return sla.kind === 'overdue' || (sla.kind === 'due' && sla.soon);
}

/**
 * Job markers for every job on the map's statuses, placed at its site's location. Features
 * carry numeric ids (their index) because MapLibre's feature state needs them; more urgent
 * work is listed last so it is drawn on top.
 */
export function jobMarkers(jobs: readonly Job[], sites: ReadonlyMap<string, Site>, now: number): JobMarkers {
  const placed: Array<{ job: Job; at: GeoPoint }> = [];
  const unplaced: Job[] = [];
  for (const job of jobs) {
    if (!MAP_STATUSES.has(job.status)) continue;
    const at = job.siteId ? sites.get(job.siteId)?.location : null;
    if (at) placed.push({ job, at });
    else unplaced.push(job);
  }
  const rank = (p: JobPriority) => ['low', 'normal', 'high', 'urgent'].indexOf(p);
  placed.sort((a, b) => rank(a.job.priority) - rank(b.job.priority) || a.job.number.localeCompare(b.job.number));
  const features = placed.map(({ job, at }, index): PointFeature<JobMarker> => {
    const style = PRIORITY_STYLE[job.priority];
    return {
      type: 'Feature',
      id: index,
      geometry: { type: 'Point', coordinates: [at.lng, at.lat] },
      properties: {
        jobId: job.id,
        number: job.number,
        customerName: job.customerName,
        status: job.status,
        priority: job.priority,
        color: STATUS_COLORS[job.status],
        radius: style.radius,
        ring: style.ring,
        ringWidth: style.ringWidth,
        unassigned: job.assignedTechIds.length === 0,
        pulse: needsAttention(job, now)
      }
    };
  });
  return { collection: { type: 'FeatureCollection', features }, unplaced };
}

export interface TechnicianMarker {
  technicianId: string;
  name: string;
  color: string;
  /** Where the position comes from: the latest status tap that shared a location, else the home base. */
  source: 'last-seen' | 'home-base';
  /** When it was last seen (ISO instant), for `last-seen`. */
  seenAt?: string;
}

/** Where a technician was last seen (the technician app's status taps, `domain/fieldwork`). */
export interface LastSeen {
  location: { lat: number; lng: number };
  at: string;
}

/**
 * Active technicians at their last known position (a status tap that shared its location),
 * else at their home base; those with neither are left out.
 */
export function technicianMarkers(technicians: readonly Technician[], lastSeen: ReadonlyMap<string, LastSeen> = new Map()): FeatureCollection<PointFeature<TechnicianMarker>> {
  const features: PointFeature<TechnicianMarker>[] = [];
  for (const tech of technicians) {
    if (!tech.active) continue;
    const seen = lastSeen.get(tech.id);
    const at = seen?.location ?? tech.homeBase?.location;
    if (!at) continue;
    features.push({
      type: 'Feature',
      id: features.length,
      geometry: { type: 'Point', coordinates: [at.lng, at.lat] },
      properties: { technicianId: tech.id, name: tech.name, color: tech.color, ...(seen ? { source: 'last-seen' as const, seenAt: seen.at } : { source: 'home-base' as const }) }
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface DayStop {
  job: Job;
  /** The visit this stop is (a job's own booking is `v1:<jobId>`). */
  visitId: string;
  /** When the visit starts (ISO instant). */
  start: string;
  /** 1-based order in the day. */
  order: number;
  at: GeoPoint | null;
}

export interface TechnicianDay {
  stops: DayStop[];
  /** Home base first (when known), then each located stop in window order. */
  line: Array<[number, number]>;
}

/**
 * A technician's visits that start on `day` (YYYY-MM-DD in the organisation's `timeZone`), in
 * start order, and the line through them from the home base. With `visits` (every visit:
 * first and further ones) a job booked on several days or twice in a day shows each visit;
 * without, each job's own booking stands for its one visit.
 */
export function technicianDay(tech: Technician, jobs: readonly Job[], sites: ReadonlyMap<string, Site>, day: string, timeZone: string, visits?: readonly Visit[]): TechnicianDay {
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const bookings = visits
    ? visits.flatMap((v) => {
        const job = jobById.get(v.jobId);
        return job && v.status !== 'cancelled' && job.status !== 'cancelled' && v.technicianIds.includes(tech.id) ? [{ job, visitId: v.id, start: v.window.start }] : [];
      })
    : jobs.flatMap((j) => (j.window && j.status !== 'cancelled' && j.assignedTechIds.includes(tech.id) ? [{ job: j, visitId: firstVisitId(j.id), start: j.window.start }] : []));
  const mine = bookings
    .filter((b) => zonedParts(Date.parse(b.start), timeZone).date === day)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.job.number.localeCompare(b.job.number));
  const stops = mine.map((b, i): DayStop => ({ ...b, order: i + 1, at: (b.job.siteId ? sites.get(b.job.siteId)?.location : null) ?? null }));
  const home = tech.homeBase?.location;
  const line: Array<[number, number]> = home ? [[home.lng, home.lat]] : [];
  for (const stop of stops) if (stop.at) line.push([stop.at.lng, stop.at.lat]);
  return { stops, line };
}

/** A day as map features: the route line (when it has two points or more) and numbered stops. */
export function dayFeatures(day: TechnicianDay, color: string): FeatureCollection<LineFeature<{ color: string }> | PointFeature<{ order: number; jobId: string; color: string }>> {
  const features: Array<LineFeature<{ color: string }> | PointFeature<{ order: number; jobId: string; color: string }>> = [];
  if (day.line.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: day.line }, properties: { color } });
  for (const stop of day.stops) {
    if (!stop.at) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [stop.at.lng, stop.at.lat] }, properties: { order: stop.order, jobId: stop.job.id, color } });
  }
  return { type: 'FeatureCollection', features };
}
