/**
 * Labour lines from a job's time entries.
 *
 * THE LABOUR RULE (documented here once):
 * - Worked time per entry is whole minutes, a started minute counting (`ceil`). Breaks are
 *   never billed; travel is billed only when the billing setting `travelBillable` is on.
 * - Rate class: an entry flagged `afterHours` (emergency call-out, evening or weekend visit)
 *   bills at the after-hours rate. Otherwise a technician's billable minutes in one org-zone day
 *   (the day an entry starts in), taken in time order, bill at the regular rate up to
 *   `overtimeAfterMinutes` (0 = no overtime) and at the overtime rate beyond it; an entry that
 *   crosses the threshold is split. After-hours minutes count towards the threshold too.
 * - One line per technician, day and rate class. Its worked minutes round UP to the rate's
 *   billing increment, and the line is never billed below the rate's minimum (except an
 *   overtime line: it continues a day already past the threshold, so it has no minimum).
 * - Rates: the price book's active labour rate of the class (the oldest when several). A
 *   missing overtime rate falls back to regular, a missing after-hours rate to overtime then
 *   regular, and the line says so; no regular rate is an error.
 */
import type { BillingSettings, LabourRate, RateClass, TaxRate } from '../catalog/catalog';
import { zonedParts } from '../time/zoned';
import { formatDuration } from './explain';
import type { Coverage, LineDraft } from './lines';
import { taxOf } from './tax';

export const TIME_ENTRY_KINDS = ['travel', 'onsite', 'break'] as const;

/** A time entry as the pricing engine reads it (the tech-app's ledger entries map onto this). */
export interface TimeEntryInput {
  id: string;
  kind: (typeof TIME_ENTRY_KINDS)[number];
  /** ISO instants. */
  start: string;
  end: string;
  technicianId: string;
  afterHours?: boolean;
}

export interface LabourContext {
  rates: readonly LabourRate[];
  taxRates: readonly TaxRate[];
  settings: Pick<BillingSettings, 'overtimeAfterMinutes' | 'travelBillable' | 'defaultTaxRateId'>;
  /** The organisation's zone: days for overtime. */
  timeZone: string;
  technicianName?: (id: string) => string;
  coverage?: Coverage | null;
}

export type DraftsResult = { ok: true; drafts: LineDraft[] } | { ok: false; errors: string[] };

const CLASS_LABEL: Record<RateClass, string> = { regular: 'regular', overtime: 'overtime', after_hours: 'after-hours' };
const FALLBACK: Record<RateClass, RateClass[]> = { regular: ['regular'], overtime: ['overtime', 'regular'], after_hours: ['after_hours', 'overtime', 'regular'] };

/** Picks the rate of a class, with the fallbacks of the rule; null when there is no regular rate. */
export function rateFor(rates: readonly LabourRate[], rateClass: RateClass): LabourRate | null {
  for (const wanted of FALLBACK[rateClass]) {
    const found = rates
      .filter((r) => !r.archived && r.rateClass === wanted)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
    if (found) return found;
  }
  return null;
}

/** Billed minutes: worked minutes rounded up to the increment, at least the minimum. */
export function billedMinutes(worked: number, rate: Pick<LabourRate, 'incrementMinutes' | 'minimumMinutes'>): number {
  const stepped = Math.ceil(worked / rate.incrementMinutes) * rate.incrementMinutes;
  return Math.max(stepped, rate.minimumMinutes);
}

export function labourDrafts(entries: readonly TimeEntryInput[], context: LabourContext): DraftsResult {
  const errors: string[] = [];
  const billable = entries.filter((e) => e.kind === 'onsite' || (e.kind === 'travel' && context.settings.travelBillable));
  const timed = billable
    .map((e) => ({ entry: e, startMs: Date.parse(e.start), endMs: Date.parse(e.end) }))
    .filter(({ entry, startMs, endMs }) => {
      if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) {
        errors.push(`Time entry ${entry.id}: it must end after it starts`);
        return false;
      }
      return true;
    })
    .sort((a, b) => a.startMs - b.startMs || a.entry.id.localeCompare(b.entry.id));
  if (errors.length) return { ok: false, errors };

  // technician|day → minutes so far; technician|day|class → minutes worked.
  const dayTotals = new Map<string, number>();
  const groups = new Map<string, { technicianId: string; date: string; rateClass: RateClass; minutes: number }>();
  const add = (technicianId: string, date: string, rateClass: RateClass, minutes: number) => {
    if (minutes <= 0) return;
    const key = `${technicianId}|${date}|${rateClass}`;
    const group = groups.get(key) ?? { technicianId, date, rateClass, minutes: 0 };
    group.minutes += minutes;
    groups.set(key, group);
  };
  const threshold = context.settings.overtimeAfterMinutes;
  for (const { entry, startMs, endMs } of timed) {
    const minutes = Math.ceil((endMs - startMs) / 60_000);
    const date = zonedParts(startMs, context.timeZone).date;
    const dayKey = `${entry.technicianId}|${date}`;
    const before = dayTotals.get(dayKey) ?? 0;
    dayTotals.set(dayKey, before + minutes);
    if (entry.afterHours) add(entry.technicianId, date, 'after_hours', minutes);
    else if (threshold === 0) add(entry.technicianId, date, 'regular', minutes);
    else {
      const regular = Math.max(0, Math.min(minutes, threshold - before));
      add(entry.technicianId, date, 'regular', regular);
      add(entry.technicianId, date, 'overtime', minutes - regular);
    }
  }

  const drafts: LineDraft[] = [];
  const order: RateClass[] = ['regular', 'overtime', 'after_hours'];
  const sorted = [...groups.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.technicianId.localeCompare(b.technicianId) || order.indexOf(a.rateClass) - order.indexOf(b.rateClass)
  );
  for (const group of sorted) {
    const rate = rateFor(context.rates, group.rateClass);
    if (!rate) {
      errors.push('The price book has no regular labour rate: add one in Settings › Price book');
      break;
    }
    const fallback = rate.rateClass !== group.rateClass ? `no ${CLASS_LABEL[group.rateClass]} rate: ${rate.name}` : null;
    const who = context.technicianName?.(group.technicianId) ?? group.technicianId;
    drafts.push(
      labourRateDraft(rate, group.minutes, {
        id: `labour:${group.technicianId}:${group.date}:${group.rateClass}`,
        description: `Labour, ${CLASS_LABEL[group.rateClass]} — ${who}, ${group.date}`,
        taxRates: context.taxRates,
        defaultTaxRateId: context.settings.defaultTaxRateId,
        // An overtime line continues a day already past the threshold: no minimum of its own.
        noMinimum: group.rateClass === 'overtime',
        fallback,
        coverage: context.coverage ?? null
      })
    );
  }
  return errors.length ? { ok: false, errors } : { ok: true, drafts };
}

export interface LabourLineOptions {
  id: string;
  description: string;
  taxRates: readonly TaxRate[];
  defaultTaxRateId: string | null;
  /** The line bills its minutes without the rate's minimum (an overtime spill). */
  noMinimum?: boolean;
  /** Why another class's rate was used ("no overtime rate: Standard"), printed in the note. */
  fallback?: string | null;
  coverage?: Coverage | null;
}

/**
 * One labour line: `workedMinutes` at `rate`, billed by the rule above (rounded up to the
 * increment, at least the minimum) and taxed as the rate says. Used for a job's time entries
 * and for hours quoted ahead of the work, so both bill the same time the same way.
 */
export function labourRateDraft(rate: LabourRate, workedMinutes: number, options: LabourLineOptions): LineDraft {
  const billed = billedMinutes(workedMinutes, options.noMinimum ? { ...rate, minimumMinutes: 0 } : rate);
  const stepped = Math.ceil(workedMinutes / rate.incrementMinutes) * rate.incrementMinutes;
  const notes = [...(options.fallback ? [options.fallback] : []), billed > stepped ? `${formatDuration(rate.minimumMinutes)} minimum` : `${rate.incrementMinutes}-min increment`];
  return {
    id: options.id,
    kind: 'labour',
    description: options.description,
    refId: rate.id,
    quantity: { n: billed, d: 60 },
    unit: 'h',
    unitPriceCents: rate.centsPerHour,
    workedMinutes,
    note: `(${notes.join('; ')})`,
    taxable: rate.taxable,
    ...taxOf(rate.taxable, rate.taxRateId, options.taxRates, options.defaultTaxRateId),
    discount: null,
    coverage: options.coverage ?? null,
    override: null,
    optionId: null
  };
}
