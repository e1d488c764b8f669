/**
 * Plain inputs of the technician suggester, so views can adapt board data to them without the
 * domain knowing the doc. Instants are UTC ISO strings; the caller resolves working hours to
 * the day's shift (org/office time zone) and passes that day's bookings.
 */
import type { GeoPoint } from './travel-time';

export interface Interval {
  start: string;
  end: string;
}

export interface TechnicianBooking extends Interval {
  /** Where the technician is during the booking (the site), null when unknown. */
  location: GeoPoint | null;
  jobId?: string;
  locked?: boolean;
}

export interface DispatchTechnician {
  id: string;
  name: string;
  skills: readonly string[];
  /** Home base or shop: where the day starts. */
  home: GeoPoint | null;
  /** Working hours on the window's day as instants; null when not working that day. */
  shift: Interval | null;
  /** Bookings on that day (any order; overlaps are tolerated). */
  bookings: readonly TechnicianBooking[];
  /**
   * Time off that day (hours away, e.g. 13:00–17:00): no slot overlaps it; the technician
   * is taken to resume from where they were before it. Absent: none.
   */
  away?: readonly Interval[];
  /** The day's capacity and the office's emergency reserve (domain/scheduling/capacity.ts); absent: no reserve. */
  capacity?: TechnicianCapacity;
}

export interface TechnicianCapacity {
  /** Minutes non-emergency work may fill (working less the reserve). */
  availableMinutes: number;
  /** Minutes kept free for emergencies. */
  reserveMinutes: number;
  /** Minutes already booked that day on non-emergency visits. */
  nonEmergencyMinutes: number;
}

export interface DispatchJob {
  id: string;
  requiredSkills: readonly string[];
  location: GeoPoint | null;
  durationMinutes: number;
  slaDue: string | null;
  customerId: string | null;
  assetIds: readonly string[];
  /** An emergency may use the office's emergency reserve. */
  emergency?: boolean;
}

/** One past job done by a technician (completed work, any date). */
export interface PastJob {
  technicianId: string;
  customerId: string | null;
  assetIds: readonly string[];
}

export type FactorKey = 'skills' | 'free' | 'travel' | 'workload' | 'history' | 'sla' | 'reserve';

/** One scoring factor: its points (positive helps) and the words shown to the dispatcher. */
export interface Factor {
  key: FactorKey;
  points: number;
  text: string;
}

export interface Suggestion {
  technicianId: string;
  name: string;
  score: number;
  /** The earliest slot in the window where the job fits, travel included. */
  slot: Interval;
  /** Every factor, in a fixed order (skills, free, travel, workload, history, sla, then reserve when the office keeps one). */
  factors: Factor[];
  /** The factors' texts joined: "Covers HVAC · free 10:00–12:00 · 12 min from previous visit · …". */
  sentence: string;
}

export interface Exclusion {
  technicianId: string;
  name: string;
  reason: string;
}

export interface SuggestResult {
  suggestions: Suggestion[];
  /** Everyone left out, with why (missing skill, not working, fully booked). */
  excluded: Exclusion[];
}
