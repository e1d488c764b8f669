/**
 * The `catalog` room's records (the price book): parts, services, labour rates, bundles,
 * discount presets, tax rates, custom terms and the organisation's billing settings.
 *
 * These schemas read what is stored and stay lenient (older or newer peers wrote it): optional
 * fields default on read, unknown fields are kept by edits (sync/collection.ts). What a person
 * types is checked by the stricter form schemas in `catalog-forms.ts`. Money is integer cents,
 * rates are basis points (1 bp = 0.01 %). Records are never deleted: `archived` retires one
 * (kept for the invoices that priced from it, no longer offered for new lines).
 */
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);
const cents = z.number().int().min(0).max(100_000_000_00);
const bp = z.number().int().min(0).max(1_000_000);
const optionalId = z.string().min(1).nullable().default(null);

/** Fields every price-book record carries. */
const recordBase = {
  id: z.string().min(1),
  archived: z.boolean().default(false),
  createdAt: isoInstant,
  updatedAt: isoInstant
};

/**
 * How a part's sell price is set: a fixed price, or its cost plus a markup. One value (written
 * whole), so two people switching a part between the two modes can never merge into a mix.
 */
export const partPricingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), priceCents: cents }),
  z.object({ kind: z.literal('markup'), markupBp: bp })
]);
export type PartPricing = z.infer<typeof partPricingSchema>;

export const partSchema = z.object({
  ...recordBase,
  sku: text(64),
  description: text(300),
  /** Unit of sale: "each", "ft", "m", "lb". */
  unit: text(20).default('each'),
  costCents: cents,
  pricing: partPricingSchema,
  supplier: text(120).default(''),
  barcode: text(64).nullable().default(null),
  taxable: z.boolean().default(true),
  /** The tax rate for this part; null = the organisation's default rate. */
  taxRateId: optionalId
});
export type Part = z.infer<typeof partSchema>;

export const serviceSchema = z.object({
  ...recordBase,
  /** Short code a technician types or picks ("TUNEUP"). */
  code: text(32),
  name: text(200),
  description: text(1000).default(''),
  /** Flat rate per unit of the service. */
  rateCents: cents,
  taxable: z.boolean().default(false),
  taxRateId: optionalId
});
export type Service = z.infer<typeof serviceSchema>;

/** Which labour rate applies: normal hours, hours beyond the daily overtime threshold, after-hours/emergency work. */
export const RATE_CLASSES = ['regular', 'overtime', 'after_hours'] as const;
export type RateClass = (typeof RATE_CLASSES)[number];

export const labourRateSchema = z.object({
  ...recordBase,
  name: text(120),
  rateClass: z.enum(RATE_CLASSES).catch('regular'),
  centsPerHour: cents,
  /** Time is billed in steps of this many minutes, rounded up (15 = quarter hours). */
  incrementMinutes: z.number().int().min(1).max(480).default(15),
  /** A line of this rate is never billed for less than this (0 = no minimum). */
  minimumMinutes: z.number().int().min(0).max(1440).default(0),
  taxable: z.boolean().default(false),
  taxRateId: optionalId
});
export type LabourRate = z.infer<typeof labourRateSchema>;

export const bundleItemSchema = z.object({
  kind: z.enum(['part', 'service']),
  /** Key in `parts` or `services`. */
  refId: z.string().min(1),
  quantity: z.number().positive().max(100_000)
});
export type BundleItem = z.infer<typeof bundleItemSchema>;

export const bundleSchema = z.object({
  ...recordBase,
  code: text(32),
  name: text(200),
  /** What the bundle holds (one value: the list is written whole). */
  items: z.array(bundleItemSchema).max(100),
  /** The one price of the whole bundle. */
  priceCents: cents,
  taxable: z.boolean().default(true),
  taxRateId: optionalId
});
export type Bundle = z.infer<typeof bundleSchema>;

/** A discount: a percentage (basis points) or a fixed amount (cents). One value, written whole. */
export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bp: z.number().int().min(0).max(10_000) }),
  z.object({ kind: z.literal('amount'), cents })
]);
export type Discount = z.infer<typeof discountSchema>;

export const discountPresetSchema = z.object({
  ...recordBase,
  name: text(120),
  discount: discountSchema,
  /** Offered on single lines, on the whole document, or both. */
  scope: z.enum(['line', 'document', 'both']).catch('both')
});
export type DiscountPreset = z.infer<typeof discountPresetSchema>;

export const taxRateSchema = z.object({
  ...recordBase,
  name: text(120),
  /** 725 = 7.25 % (rounded to a basis point when the exact rate is finer). */
  rateBp: z.number().int().min(0).max(10_000),
  /** The exact rate in parts per million (8.625 % = 86 250); absent = `rateBp` × 100. Tax is charged at this. */
  ratePpm: z.number().int().min(0).max(1_000_000).optional().catch(undefined)
});
export type TaxRate = z.infer<typeof taxRateSchema>;

/** The exact rate a tax rate charges, in parts per million. */
export function taxRatePpm(rate: Pick<TaxRate, 'rateBp' | 'ratePpm'>): number {
  return rate.ratePpm ?? rate.rateBp * 100;
}

/** Payment terms: due on receipt (0 days) or net N days after the invoice is issued. */
export const termsSchema = z.object({
  ...recordBase,
  name: text(60),
  netDays: z.number().int().min(0).max(365)
});
export type Terms = z.infer<typeof termsSchema>;

/**
 * The terms every organisation has, never stored (so no two devices ever create them twice);
 * `terms` in the room holds custom ones. Their ids cannot collide with random UUIDs.
 */
export const BUILT_IN_TERMS: readonly Terms[] = [
  { id: 'on-receipt', name: 'Due on receipt', netDays: 0, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
  { id: 'net-15', name: 'Net 15', netDays: 15, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
  { id: 'net-30', name: 'Net 30', netDays: 30, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
];

/**
 * The organisation's billing settings: a register (one plain value per key, last writer wins
 * per key), not an entity, because it exists once per organisation and two offline devices
 * must be able to fill it in without creating the same record twice.
 */
export const billingSettingsSchema = z.object({
  /** The name printed on invoices and quotes. */
  name: text(200).catch(''),
  address: text(500).catch(''),
  taxId: text(60).catch(''),
  email: text(200).catch(''),
  phone: text(40).catch(''),
  /** "Pay by bank transfer to …": shown on invoices and the customer's invoice link. */
  paymentInstructions: text(2000).catch(''),
  /** Content hash of the logo blob (added when logos are uploaded). */
  logoBlobHash: z.string().max(128).nullable().catch(null),
  /** Terms new invoices get; a built-in or a `terms` id. */
  defaultTermsId: z.string().min(1).catch('on-receipt'),
  /** Tax rate for taxable items that name none; null = no tax. */
  defaultTaxRateId: z.string().min(1).nullable().catch(null),
  /** Labour beyond this many minutes per technician per day (org zone) bills at the overtime rate. */
  overtimeAfterMinutes: z.number().int().min(0).max(1440).catch(480),
  /** Whether travel time entries are billed (at the labour rate) or only on-site time. */
  travelBillable: z.boolean().catch(false),
  /** Days a quote stays valid by default. */
  quoteValidDays: z.number().int().min(1).max(365).catch(30)
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

/** Keys of the billing settings register, in form order. */
export const BILLING_SETTINGS_KEYS = Object.keys(billingSettingsSchema.shape) as (keyof BillingSettings)[];

/** The settings an organisation has before anyone fills them in. */
export const DEFAULT_BILLING_SETTINGS: BillingSettings = billingSettingsSchema.parse({});

/** Everything the pricing engine needs from the price book, as plain values. */
export interface PriceBook {
  parts: readonly Part[];
  services: readonly Service[];
  labourRates: readonly LabourRate[];
  bundles: readonly Bundle[];
  taxRates: readonly TaxRate[];
  discountPresets: readonly DiscountPreset[];
  terms: readonly Terms[];
  settings: BillingSettings;
}

/** Built-in terms first, then the organisation's own (archived ones left out unless asked). */
export function allTerms(custom: readonly Terms[], includeArchived = false): Terms[] {
  return [...BUILT_IN_TERMS, ...custom.filter((t) => includeArchived || !t.archived).sort((a, b) => a.netDays - b.netDays || a.name.localeCompare(b.name))];
}

/** Ids of the built-in terms (a form must not offer to edit them). */
export const BUILT_IN_TERMS_IDS: ReadonlySet<string> = new Set(BUILT_IN_TERMS.map((t) => t.id));
