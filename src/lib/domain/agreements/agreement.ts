/**
 * Service agreements (issue 11), entities of the board's `agreements` collection. Plain
 * last-writer-wins fields, plus the PM visits generated from the plan, stored as one field per
 * period on the agreement itself (`pm:<periodKey>` → a whole PmVisit value; see pm-plan.ts for
 * why they live there) and folded into `pmVisits` when read.
 */
import { z } from 'zod';
import { isLocalDate } from './calendar-months';

export const BILLING_CYCLES = ['monthly', 'quarterly', 'annual'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

export const PM_INTERVALS = ['monthly', 'quarterly', 'semi_annual', 'annual', 'after_last'] as const;
export type PmInterval = (typeof PM_INTERVALS)[number];
export const PM_INTERVAL_LABELS: Record<PmInterval, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semi_annual: 'Semi-annual',
  annual: 'Annual',
  after_last: 'Every N months after the last visit'
};
/** Months between visits of the fixed intervals. */
export const INTERVAL_MONTHS: Record<Exclude<PmInterval, 'after_last'>, number> = { monthly: 1, quarterly: 3, semi_annual: 6, annual: 12 };

export const PM_FIELD_PREFIX = 'pm:';

const localDate = z.string().refine(isLocalDate, 'Enter a date (YYYY-MM-DD)');
const instant = z.iso.datetime({ offset: true });

export const planPartSchema = z.object({
  partId: z.string().min(1),
  sku: z.string().default(''),
  description: z.string().default(''),
  unit: z.string().default('each'),
  qty: z.number().int().positive().max(10_000)
});
export type PlanPart = z.infer<typeof planPartSchema>;

/** One generated PM visit (the value of an agreement's `pm:<periodKey>` field). */
export const pmVisitSchema = z.object({
  periodKey: z.string().min(1),
  /** The job that carries it once booked: deterministic from agreement and period. */
  jobId: z.string().min(1),
  dueDate: localDate,
  checklist: z.array(z.string()).default([]),
  parts: z.array(planPartSchema).catch([]).default([]),
  technicianId: z.string().min(1).nullable().default(null),
  /** No longer in the plan (an edit moved it past the horizon or the agreement ended): hidden, kept. */
  withdrawn: z.boolean().default(false)
});
export type PmVisit = z.infer<typeof pmVisitSchema>;

const agreementFields = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  customerName: z.string().default(''),
  name: z.string().trim().min(1).max(120),
  siteIds: z.array(z.string().min(1)).catch([]).default([]),
  assetIds: z.array(z.string().min(1)).catch([]).default([]),
  startDate: localDate,
  termMonths: z.number().int().min(1).max(120),
  billingCycle: z.enum(BILLING_CYCLES).catch('annual'),
  priceCents: z.number().int().min(0),
  coveredServices: z.array(z.string()).catch([]).default([]),
  /** Discount on parts, basis points (1000 = 10 %). */
  partsDiscountBp: z.number().int().min(0).max(10_000).catch(0).default(0),
  /** Response-time commitment: the SLA due of the customer's new jobs. */
  responseHours: z.number().int().min(1).max(24 * 30).nullable().catch(null).default(null),
  pmInterval: z.enum(PM_INTERVALS).catch('annual'),
  /** For `after_last`: months after the last completed visit. */
  pmEveryMonths: z.number().int().min(1).max(60).catch(12).default(12),
  /** Checklist per asset type (`hvac`, `water heater`, …; `*` for any). */
  checklists: z.record(z.string(), z.array(z.string())).catch({}).default({}),
  /** Parts each PM visit takes (feeds the truck check). */
  pmParts: z.array(planPartSchema).catch([]).default([]),
  /** Parts per covered asset of a type (`hvac` → filters), added to `pmParts` per asset (plan-parts.ts). */
  pmPartsByType: z.record(z.string(), z.array(planPartSchema)).catch({}).default({}),
  preferredTechnicianId: z.string().min(1).nullable().catch(null).default(null),
  /** Cancelled agreements generate nothing more; they are kept (never deleted). */
  cancelled: z.boolean().catch(false).default(false),
  createdAt: instant,
  createdBy: z.string(),
  updatedAt: instant,
  /** Folded from the `pm:<periodKey>` fields; unreadable visits are left out. */
  pmVisits: z.record(z.string(), z.unknown()).default({}).transform((raw) => {
    const out: Record<string, PmVisit> = {};
    for (const [key, value] of Object.entries(raw)) {
      const parsed = pmVisitSchema.safeParse(value);
      if (parsed.success && parsed.data.periodKey === key) out[key] = parsed.data;
    }
    return out;
  })
});

/** Folds `pm:<key>` fields into `pmVisits` before validation. */
function foldPmFields(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const out: Record<string, unknown> = {};
  const pm: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(PM_FIELD_PREFIX)) pm[key.slice(PM_FIELD_PREFIX.length)] = value;
    else out[key] = value;
  }
  return { ...out, pmVisits: pm };
}

export const agreementSchema = z.preprocess(foldPmFields, agreementFields);
export type Agreement = z.infer<typeof agreementSchema>;

const listOf = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(/[\n,]/)).map((s) => s.trim()).filter(Boolean));

/** The create/edit form's input. Money as typed text is parsed by the caller into `priceCents`. */
export const agreementInputSchema = z
  .object({
    customerId: z.string().min(1, 'Pick the customer'),
    name: z.string().trim().min(1, 'Name the agreement').max(120),
    siteIds: z.array(z.string().min(1)).default([]),
    assetIds: z.array(z.string().min(1)).default([]),
    startDate: localDate,
    termMonths: z.coerce.number().int('Whole months').min(1, 'At least 1 month').max(120),
    billingCycle: z.enum(BILLING_CYCLES),
    priceCents: z.coerce.number().int().min(0, 'Enter the price'),
    coveredServices: listOf.default([]),
    partsDiscountBp: z.coerce.number().int().min(0).max(10_000, 'At most 100 %').default(0),
    responseHours: z.coerce.number().int().min(1).max(24 * 30).nullable().default(null),
    pmInterval: z.enum(PM_INTERVALS),
    pmEveryMonths: z.coerce.number().int().min(1).max(60).default(12),
    checklists: z.record(z.string(), listOf).default({}),
    pmParts: z.array(planPartSchema).default([]),
    pmPartsByType: z.record(z.string(), z.array(planPartSchema)).default({}),
    preferredTechnicianId: z.string().min(1).nullable().default(null)
  });
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/** Checklist lines as typed: `hvac: Replace filter` (per asset type) or `Visual check` (any asset). */
export function parseChecklistText(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const cut = line.indexOf(':');
    const [type, item] = cut > 0 ? [line.slice(0, cut).trim().toLowerCase(), line.slice(cut + 1).trim()] : ['*', line];
    if (item) (out[type || '*'] ??= []).push(item);
  }
  return out;
}

/** The inverse of parseChecklistText, for editing. */
export function checklistText(checklists: Record<string, string[]>): string {
  return Object.entries(checklists)
    .flatMap(([type, items]) => items.map((item) => (type === '*' ? item : `${type}: ${item}`)))
    .join('\n');
}
