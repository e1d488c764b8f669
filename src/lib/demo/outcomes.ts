/**
 * How finished demo jobs ended: outcome, the technician's resolution note and the customer's
 * rating. Invented but trade-specific, so the history reads like a contractor's records.
 */
import type { JobOutcome, JobType } from '../domain/jobs/job';
import type { Random } from './prng';
import type { Trade } from './trade-rules';

/** Worded so they fit any problem of the trade (the problem text says what was wrong). */
const FIXED: Record<Trade, readonly string[]> = {
  hvac: [
    'Diagnosed and repaired; system runs through a full cycle.',
    'Repaired, checked pressures and temperatures; operating normally.',
    'Fault found and fixed; replaced the filter while on site.'
  ],
  plumbing: [
    'Repaired and tested for leaks; drains running freely.',
    'Fault found and fixed; pressure and flow tested.',
    'Repair done; area dried out and cleaned up.'
  ],
  electrical: [
    'Fault traced and repaired; circuits tested under load.',
    'Repaired and tested; labelled the panel while on site.',
    'Made safe, repaired and tested.'
  ],
  general: [
    'Work completed as described; site cleaned up.',
    'Repaired and finished to match the existing.',
    'Done; customer checked the work before we left.'
  ]
};

const BY_TYPE: Partial<Record<JobType, readonly string[]>> = {
  install: ['Installed and commissioned new equipment; old unit hauled away.', 'Install complete, walked customer through controls and warranty.'],
  maintenance: ['Service checklist complete; no issues found.', 'Service complete; recommended replacing a worn belt next visit.'],
  inspection: ['Inspection complete; report e-mailed to the customer.', 'Inspection done; two minor items noted for quote.']
};

const OTHER: Record<Exclude<JobOutcome, 'fixed' | 'needs_parts'>, string> = {
  temporary_fix: 'Temporary repair made; permanent fix needs a quote.',
  needs_quote: 'Diagnosed; quote sent for the full repair.',
  no_fault_found: 'Could not reproduce the fault; system operating normally.',
  customer_declined: 'Quoted the repair on site; customer declined for now.',
  no_access: 'No access on arrival; left a card and rebooked by phone.',
  callback_needed: 'Work done; a return visit is needed to finish.'
};

export function finishedOutcome(type: JobType, random: Random): JobOutcome {
  if (type === 'install' || type === 'maintenance' || type === 'inspection') return 'fixed';
  return random.weighted<JobOutcome>([
    ['fixed', 82],
    ['temporary_fix', 5],
    ['needs_quote', 4],
    ['no_fault_found', 5],
    ['customer_declined', 4]
  ]);
}

export function resolutionNote(trade: Trade, type: JobType, outcome: JobOutcome, random: Random): string {
  if (outcome === 'fixed' || outcome === 'needs_parts') return random.pick(BY_TYPE[type] ?? FIXED[trade]);
  return OTHER[outcome];
}

/** About half of customers answer the survey; most are happy. */
export function feedback(random: Random): number | null {
  if (!random.chance(0.45)) return null;
  return random.weighted<number>([
    [5, 55],
    [4, 30],
    [3, 9],
    [2, 4],
    [1, 2]
  ]);
}
