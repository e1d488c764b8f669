/**
 * "Suggest technician": the top candidates for a job in a window, each with every factor's
 * points and a sentence a dispatcher can check. The weights are documented in README.md
 * ("Suggestion scoring"); they are constants here so a test pins each one's effect.
 */
import { findSlot, type Slot } from './suggest-slot';
import type { DispatchJob, DispatchTechnician, Exclusion, Factor, Interval, PastJob, SuggestResult, Suggestion } from './suggest-types';
import { haversineTravel, type TravelTimeModel } from './travel-time';

export * from './suggest-types';

/** Points per factor (README "Suggestion scoring"). */
export const WEIGHTS = {
  /** Per minute of driving to the job from where the technician will be. */
  travelPerMinute: -1,
  /** Per hour already booked that day (spreads work across the team). */
  workloadPerBookedHour: -4,
  /** Per past job on one of the job's assets (counted up to 3). */
  historyPerAssetJob: 6,
  /** Per other past job for the same customer (counted up to 3). */
  historyPerCustomerJob: 2,
  historyCap: 3,
  /** Finishing after the SLA is due. */
  slaMissed: -50,
  /** Per minute the slot starts after the window opens, when the SLA is due within 4 h / 24 h. */
  slaDelayPerMinuteUrgent: -0.5,
  slaDelayPerMinuteSoon: -0.1,
  /** Per minute a non-emergency job would eat into the office's emergency reserve that day. */
  reservePerMinute: -0.5
} as const;

export interface SuggestInput {
  job: DispatchJob;
  window: Interval;
  technicians: readonly DispatchTechnician[];
  history: readonly PastJob[];
  /** IANA zone for the times in sentences (the office's). */
  timeZone: string;
  travel?: TravelTimeModel;
  /** How many suggestions (default 3). */
  limit?: number;
}

const MINUTE = 60_000;
const norm = (skill: string) => skill.trim().toLowerCase();
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const duration = (minutes: number) => {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
};

function clock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (ms: number) => format.format(new Date(ms));
}

function skillsFactor(job: DispatchJob): Factor {
  const text = job.requiredSkills.length ? `Covers ${job.requiredSkills.join(', ')}` : 'No special skills needed';
  return { key: 'skills', points: 0, text };
}

function travelFactor(slot: Slot): Factor {
  const points = WEIGHTS.travelPerMinute * slot.travelIn;
  const text = slot.travelKnown ? `${slot.travelIn} min from ${slot.from}` : `travel unknown (no location, ${slot.travelIn} min assumed)`;
  return { key: 'travel', points, text };
}

function workloadFactor(tech: DispatchTechnician): Factor {
  const minutes = tech.bookings.reduce((sum, b) => sum + Math.max(0, Date.parse(b.end) - Date.parse(b.start)) / MINUTE, 0);
  const visits = tech.bookings.length;
  const text = visits === 0 ? 'no visits today' : `${visits} visit${visits === 1 ? '' : 's'} today (${duration(minutes)} booked)`;
  return { key: 'workload', points: (WEIGHTS.workloadPerBookedHour * minutes) / 60, text };
}

function historyFactor(tech: DispatchTechnician, job: DispatchJob, history: readonly PastJob[]): Factor {
  let asset = 0;
  let customer = 0;
  for (const past of history) {
    if (past.technicianId !== tech.id) continue;
    if (past.assetIds.some((a) => job.assetIds.includes(a))) asset++;
    else if (job.customerId !== null && past.customerId === job.customerId) customer++;
  }
  const points = WEIGHTS.historyPerAssetJob * Math.min(asset, WEIGHTS.historyCap) + WEIGHTS.historyPerCustomerJob * Math.min(customer, WEIGHTS.historyCap);
  const parts: string[] = [];
  if (asset) parts.push(`worked this unit ${times(asset)}`);
  if (customer) parts.push(`${customer} other job${customer === 1 ? '' : 's'} for this customer`);
  return { key: 'history', points, text: parts.length ? parts.join(', ') : 'new to this customer' };
}

function slaFactor(job: DispatchJob, window: Interval, slot: Slot): Factor {
  if (!job.slaDue) return { key: 'sla', points: 0, text: 'no SLA' };
  const due = Date.parse(job.slaDue);
  if (slot.end > due) return { key: 'sla', points: WEIGHTS.slaMissed, text: `misses SLA by ${duration((slot.end - due) / MINUTE)}` };
  const hoursLeft = (due - Date.parse(window.start)) / (60 * MINUTE);
  const perMinute = hoursLeft <= 4 ? WEIGHTS.slaDelayPerMinuteUrgent : hoursLeft <= 24 ? WEIGHTS.slaDelayPerMinuteSoon : 0;
  const delay = Math.max(0, (slot.start - Date.parse(window.start)) / MINUTE);
  // `+ 0` turns a -0 (no delay) into 0 so factors compare and print cleanly.
  return { key: 'sla', points: perMinute * delay + 0, text: `meets SLA with ${duration((due - slot.end) / MINUTE)} to spare` };
}

function reserveFactor(tech: DispatchTechnician, job: DispatchJob): Factor | null {
  const c = tech.capacity;
  if (!c || c.reserveMinutes <= 0) return null;
  const reserve = duration(c.reserveMinutes);
  if (job.emergency) return { key: 'reserve', points: 0, text: `emergency: may use the ${reserve} reserve` };
  const into = (booked: number) => Math.min(c.reserveMinutes, Math.max(0, booked - c.availableMinutes));
  const before = into(c.nonEmergencyMinutes);
  const added = into(c.nonEmergencyMinutes + job.durationMinutes) - before;
  if (added > 0) return { key: 'reserve', points: WEIGHTS.reservePerMinute * added, text: `uses ${duration(added)} of the ${reserve} emergency reserve` };
  if (before >= c.reserveMinutes) return { key: 'reserve', points: 0, text: 'emergency reserve already used' };
  return { key: 'reserve', points: 0, text: `keeps the ${reserve} emergency reserve` };
}

/** Ranks technicians for a job in a window: hard filters first, then transparent points. */
export function suggestTechnicians(input: SuggestInput): SuggestResult {
  const { job, window, history } = input;
  const travel = input.travel ?? haversineTravel();
  const hhmm = clock(input.timeZone);
  const needed = job.requiredSkills.map(norm);
  const candidates: Suggestion[] = [];
  const excluded: Exclusion[] = [];
  for (const tech of input.technicians) {
    const has = new Set(tech.skills.map(norm));
    const missing = job.requiredSkills.filter((_, i) => !has.has(needed[i]!));
    if (missing.length) {
      excluded.push({ technicianId: tech.id, name: tech.name, reason: `lacks ${missing.join(', ')}` });
      continue;
    }
    if (!tech.shift) {
      excluded.push({ technicianId: tech.id, name: tech.name, reason: 'not working that day' });
      continue;
    }
    const slot = findSlot(tech, job.location, job.durationMinutes, window, travel);
    if (!slot) {
      excluded.push({ technicianId: tech.id, name: tech.name, reason: `no free ${duration(job.durationMinutes)} (with travel) in ${hhmm(Date.parse(window.start))}–${hhmm(Date.parse(window.end))}` });
      continue;
    }
    const factors: Factor[] = [
      skillsFactor(job),
      { key: 'free', points: 0, text: `free ${hhmm(slot.freeFrom)}–${hhmm(slot.freeTo)}` },
      travelFactor(slot),
      workloadFactor(tech),
      historyFactor(tech, job, history),
      slaFactor(job, window, slot)
    ];
    const reserve = reserveFactor(tech, job);
    if (reserve) factors.push(reserve);
    candidates.push({
      technicianId: tech.id,
      name: tech.name,
      score: Math.round(factors.reduce((sum, f) => sum + f.points, 0) * 10) / 10,
      slot: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() },
      factors,
      sentence: factors.map((f) => f.text).join(' · ')
    });
  }
  // Ties: the earlier slot, then the id, so every replica shows the same order.
  candidates.sort((a, b) => b.score - a.score || a.slot.start.localeCompare(b.slot.start) || a.technicianId.localeCompare(b.technicianId));
  return { suggestions: candidates.slice(0, input.limit ?? 3), excluded };
}
