/**
 * Preventive-maintenance generation: pure, deterministic, idempotent.
 *
 * A plan's visits are numbered: period `p000` is the first visit, `p001` the next, …
 * - fixed intervals (monthly, quarterly, semi-annual, annual): visit k is due at start + k·m
 *   months (anchored on the start date: calendar-months.ts);
 * - every N months after the last visit: the first visit not done is due N months after the
 *   last done one (the start date when none is done), later ones N months apart.
 * The id of visit k's job is a hash of `pm:<agreementId>:<periodKey>`, so every device
 * generating offline names the same visit the same way.
 *
 * Why the visits are fields of the agreement (`pm:<periodKey>`), not new entities: the relay
 * refuses a new entity under a key another device already created (`replace-entity`, the
 * update guard), so two offices generating the same visit offline would see one of them
 * refused. A field of an entity that exists (the agreement, created once by one device) is a
 * last-writer-wins value instead: both write the same key, the merge keeps one, nothing is
 * refused and nothing is duplicated. A visit becomes a job on the board when it is booked
 * (one person's action), under its deterministic id.
 *
 * Regeneration after an edit rewrites the visits that have not started (no job, or a job still
 * new or scheduled) with the new due date, checklist and technician, withdraws unstarted
 * visits the new plan no longer reaches, and never touches a started one.
 */
import { digest } from 'lib0/hash/sha256';
import { addDays, addMonths } from './calendar-months';
import { INTERVAL_MONTHS, type Agreement, type PmVisit } from './agreement';

export const DEFAULT_PM_HORIZON_DAYS = 90;

export const periodKey = (index: number): string => `p${String(index).padStart(3, '0')}`;
export const periodIndex = (key: string): number => Number(key.slice(1));

/** The job id of an agreement's visit: UUID-shaped, from SHA-256 of `pm:<agreementId>:<periodKey>`. */
export function pmJobId(agreementId: string, key: string): string {
  const bytes = digest(new TextEncoder().encode(`pm:${agreementId}:${key}`));
  const hex = [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where a visit's job is: unstarted visits may be rewritten by regeneration. */
export type VisitProgress = 'unbooked' | 'unstarted' | 'started' | 'done';

export interface PmContext {
  /** Today in the organisation's zone. */
  today: string;
  horizonDays?: number;
  /** The progress of a visit's job (by job id). */
  progressOf: (jobId: string) => VisitProgress;
  /** The date a done visit was done (local), for "after the last visit". */
  doneOn?: (jobId: string) => string | null;
}

/** The checklist for the agreement's covered assets: per asset type, `*` for any. */
export function checklistFor(agreement: Agreement, assetTypes: readonly string[]): string[] {
  const items = [...(agreement.checklists['*'] ?? [])];
  for (const type of [...new Set(assetTypes)].sort()) for (const item of agreement.checklists[type] ?? []) items.push(`${type}: ${item}`);
  return items;
}

function dueOf(agreement: Agreement, index: number, lastDone: { index: number; date: string } | null): string {
  if (agreement.pmInterval === 'after_last') {
    const anchor = lastDone ?? { index: -1, date: agreement.startDate };
    const steps = index - anchor.index;
    return lastDone ? addMonths(anchor.date, steps * agreement.pmEveryMonths) : addMonths(agreement.startDate, index * agreement.pmEveryMonths);
  }
  return addMonths(agreement.startDate, index * INTERVAL_MONTHS[agreement.pmInterval]);
}

/**
 * The `pm:<periodKey>` values to write so the agreement's visits match its plan up to
 * today + horizon: new visits, rewritten unstarted ones and withdrawn ones. Empty when the
 * doc already matches (regenerating twice writes nothing).
 */
export function pmChanges(agreement: Agreement, assetTypes: readonly string[], ctx: PmContext): PmVisit[] {
  const horizonEnd = addDays(ctx.today, ctx.horizonDays ?? DEFAULT_PM_HORIZON_DAYS);
  const existing = agreement.pmVisits;
  const progress = (v: PmVisit) => ctx.progressOf(v.jobId);
  let lastDone: { index: number; date: string } | null = null;
  for (const visit of Object.values(existing)) {
    if (progress(visit) !== 'done') continue;
    const index = periodIndex(visit.periodKey);
    if (!lastDone || index > lastDone.index) lastDone = { index, date: ctx.doneOn?.(visit.jobId) ?? visit.dueDate };
  }
  const checklist = checklistFor(agreement, assetTypes);
  const base = { checklist, parts: agreement.pmParts, technicianId: agreement.preferredTechnicianId };
  const changes: PmVisit[] = [];
  const write = (visit: PmVisit) => {
    const before = existing[visit.periodKey];
    if (!before || JSON.stringify(before) !== JSON.stringify(visit)) changes.push(visit);
  };
  // Rewrite or withdraw what exists and has not started.
  for (const visit of Object.values(existing)) {
    if (progress(visit) === 'started' || progress(visit) === 'done') continue;
    const index = periodIndex(visit.periodKey);
    const dueDate = dueOf(agreement, index, lastDone);
    const reached = !agreement.cancelled && dueDate <= horizonEnd && (lastDone === null || index > lastDone.index || agreement.pmInterval !== 'after_last');
    write({ ...visit, ...base, dueDate, withdrawn: !reached });
  }
  if (agreement.cancelled) return changes;
  // Add the visits the horizon reaches that do not exist yet. Fixed plans start from the last
  // period before today (it may be overdue, never older); after-last plans after the last done.
  let index = agreement.pmInterval === 'after_last' ? (lastDone ? lastDone.index + 1 : 0) : firstCurrentIndex(agreement, ctx.today);
  for (let guard = 0; guard < 1000; guard++, index++) {
    const dueDate = dueOf(agreement, index, lastDone);
    if (dueDate > horizonEnd) break;
    const key = periodKey(index);
    if (existing[key]) continue;
    write({ periodKey: key, jobId: pmJobId(agreement.id, key), dueDate, ...base, withdrawn: false });
  }
  return changes;
}

/** The index of the last fixed-interval visit due on or before today (0 before the start). */
function firstCurrentIndex(agreement: Agreement, today: string): number {
  if (agreement.pmInterval === 'after_last') return 0;
  const months = INTERVAL_MONTHS[agreement.pmInterval];
  let index = 0;
  while (addMonths(agreement.startDate, (index + 1) * months) <= today && index < 10_000) index++;
  return index;
}

/** Visits due up to the horizon that are not booked yet, by due date. */
export function unscheduledVisits(agreement: Agreement, progressOf: (jobId: string) => VisitProgress): PmVisit[] {
  return Object.values(agreement.pmVisits)
    .filter((v) => !v.withdrawn && progressOf(v.jobId) === 'unbooked')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.periodKey.localeCompare(b.periodKey));
}
