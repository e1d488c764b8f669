/**
 * Preventive-maintenance generation: pure, deterministic, idempotent.
 *
 * Periods:
 * - fixed intervals (monthly, quarterly, semi-annual, annual): visit k is due at start + k·m
 *   months (anchored on the start date: calendar-months.ts); its period is the month it is
 *   due in (`2026-07`), so an edit from monthly to quarterly keeps the quarter months' visits
 *   (same keys, same jobs) and withdraws the others instead of renumbering anything;
 * - every N months after the last visit: visits are numbered after the last done one (`n004`),
 *   the next due N months after it (the start date when none is done), later ones N apart.
 * The id of a visit's job is a hash of `pm:<agreementId>:<periodKey>`, so every device
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
 * new or scheduled) with the new due date, checklist, parts (plan-parts.ts) and technician, withdraws unstarted
 * visits the new plan no longer reaches, and never touches a started one.
 */
import { namedUuid } from '../ids/named-uuid';
import { addDays, addMonths } from './calendar-months';
import { INTERVAL_MONTHS, type Agreement, type PmVisit } from './agreement';
import { planPartsFor } from './plan-parts';

export const DEFAULT_PM_HORIZON_DAYS = 90;

/** A fixed-interval visit's period: the month it is due in (`2026-07`). Two visits of one plan never share a month. */
export const monthKey = (dueDate: string): string => dueDate.slice(0, 7);
/** An after-last-visit plan's period: the visit's number (`n003`). */
export const sequenceKey = (index: number): string => `n${String(index).padStart(3, '0')}`;
const SEQUENCE = /^n(\d+)$/;

/** The job id of an agreement's visit: UUID-shaped, from SHA-256 of `pm:<agreementId>:<periodKey>`. */
export function pmJobId(agreementId: string, key: string): string {
  return namedUuid(`pm:${agreementId}:${key}`);
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

/**
 * The `pm:<periodKey>` values to write so the agreement's visits match its plan up to
 * today + horizon: new visits, rewritten unstarted ones and withdrawn ones. Empty when the
 * doc already matches (regenerating twice writes nothing).
 */
export function pmChanges(agreement: Agreement, assetTypes: readonly string[], ctx: PmContext): PmVisit[] {
  const horizonEnd = addDays(ctx.today, ctx.horizonDays ?? DEFAULT_PM_HORIZON_DAYS);
  const existing = agreement.pmVisits;
  const progress = (v: PmVisit) => ctx.progressOf(v.jobId);
  const planned = agreement.cancelled ? new Map<string, string>() : plannedVisits(agreement, existing, progress, ctx, horizonEnd);
  const base = { checklist: checklistFor(agreement, assetTypes), parts: planPartsFor(agreement, assetTypes), technicianId: agreement.preferredTechnicianId };
  const changes: PmVisit[] = [];
  const write = (visit: PmVisit) => {
    const before = existing[visit.periodKey];
    if (!before || JSON.stringify(before) !== JSON.stringify(visit)) changes.push(visit);
  };
  // What exists and has not started follows the plan, or is withdrawn from it.
  for (const visit of Object.values(existing)) {
    const state = progress(visit);
    if (state === 'started' || state === 'done') continue;
    const dueDate = planned.get(visit.periodKey);
    write(dueDate === undefined ? { ...visit, withdrawn: true } : { ...visit, ...base, dueDate, withdrawn: false });
  }
  // New visits: a first generation starts at the last period before today (it may be overdue);
  // later ones add only visits due from today on, so an edit never plants a visit in the past.
  const fromDate = agreement.pmInterval === 'after_last' ? '' : Object.keys(existing).length ? ctx.today : lastPeriodStart(agreement, ctx.today);
  for (const [key, dueDate] of planned) {
    if (existing[key] || dueDate < fromDate) continue;
    write({ periodKey: key, jobId: pmJobId(agreement.id, key), dueDate, ...base, withdrawn: false });
  }
  return changes.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.periodKey.localeCompare(b.periodKey));
}

/** The plan's visits up to the horizon: period key → due date. */
function plannedVisits(agreement: Agreement, existing: Record<string, PmVisit>, progress: (v: PmVisit) => VisitProgress, ctx: PmContext, horizonEnd: string): Map<string, string> {
  const planned = new Map<string, string>();
  if (agreement.pmInterval !== 'after_last') {
    const months = INTERVAL_MONTHS[agreement.pmInterval];
    for (let k = 0; k < 10_000; k++) {
      const due = addMonths(agreement.startDate, k * months);
      if (due > horizonEnd) break;
      planned.set(monthKey(due), due);
    }
    return planned;
  }
  let lastDate: string | null = null;
  let lastIndex = -1;
  for (const visit of Object.values(existing)) {
    if (progress(visit) !== 'done') continue;
    const date = ctx.doneOn?.(visit.jobId) ?? visit.dueDate;
    if (lastDate === null || date > lastDate) lastDate = date;
    const seq = SEQUENCE.exec(visit.periodKey);
    if (seq) lastIndex = Math.max(lastIndex, Number(seq[1]));
  }
  for (let j = 0; j < 10_000; j++) {
    const due = lastDate === null ? addMonths(agreement.startDate, j * agreement.pmEveryMonths) : addMonths(lastDate, (j + 1) * agreement.pmEveryMonths);
    if (due > horizonEnd) break;
    planned.set(sequenceKey(lastIndex + 1 + j), due);
  }
  return planned;
}

/** The due date of the last fixed-interval visit on or before today (the start before it begins). */
function lastPeriodStart(agreement: Agreement, today: string): string {
  if (agreement.pmInterval === 'after_last') return agreement.startDate;
  const months = INTERVAL_MONTHS[agreement.pmInterval];
  let k = 0;
  while (addMonths(agreement.startDate, (k + 1) * months) <= today && k < 10_000) k++;
  return addMonths(agreement.startDate, k * months);
}

/** Visits due up to the horizon that are not booked yet, by due date. */
export function unscheduledVisits(agreement: Agreement, progressOf: (jobId: string) => VisitProgress): PmVisit[] {
  return Object.values(agreement.pmVisits)
    .filter((v) => !v.withdrawn && progressOf(v.jobId) === 'unbooked')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.periodKey.localeCompare(b.periodKey));
}
