/**
 * The shapes of priced documents (invoices, quotes, credit notes): what the pricing engine
 * takes (`LineDraft`) and what it returns (`PricedLine`, `DocumentTotals`). Plain JSON, so the
 * `finance` room stores them as they are; every stored line keeps its inputs, so a document can
 * be priced again and must give the same numbers (the property tests check it).
 */
import { z } from 'zod';
import { discountSchema } from '../catalog/catalog';

const int = z.number().int().safe();

/** Where a line's price came from. `manual` lines are typed in and always carry an override reason. */
export const LINE_KINDS = ['labour', 'part', 'service', 'bundle', 'manual'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * An exact quantity `n / d`: parts and services in thousandths (d = 1000), labour in billed
 * minutes per hour (d = 60), so 2 h 10 min is exactly 130/60 h and nothing is lost to decimals.
 * Negative on credit notes and returned items.
 */
export const quantitySchema = z.object({
  n: int,
  d: z.union([z.literal(1), z.literal(60), z.literal(1000)])
});
export type Quantity = z.infer<typeof quantitySchema>;

/** What pays part of a line instead of the customer: a service agreement (a share) or a warranty (all of it). */
export const coverageSchema = z.object({
  kind: z.enum(['agreement', 'warranty']),
  /** Share covered, basis points (warranty: 10 000). */
  bp: z.number().int().min(0).max(10_000),
  /** Shown on the line: "Gold plan", "Manufacturer warranty". */
  label: z.string().max(120)
});
export type Coverage = z.infer<typeof coverageSchema>;

/** A price typed over the price book's; always needs a reason, and the line is marked. */
export const overrideSchema = z.object({
  unitPriceCents: int,
  reason: z.string().trim().min(1, 'An overridden price needs a reason').max(300)
});
export type PriceOverride = z.infer<typeof overrideSchema>;

export const lineDraftSchema = z
  .object({
    /** Unique within its document. */
    id: z.string().min(1).max(200),
    kind: z.enum(LINE_KINDS),
    description: z.string().max(500),
    /** The price-book record priced (part, service, bundle, labour rate id); null for manual lines. */
    refId: z.string().nullable().default(null),
    quantity: quantitySchema,
    /** "h", "each", "ft". */
    unit: z.string().max(20),
    /** The price book's price for one unit (labour: per hour). */
    unitPriceCents: int,
    /** Labour only: the minutes actually worked, before increment and minimum. */
    workedMinutes: int.nonnegative().nullable().default(null),
    /** How the unit price or quantity came about: "(15-min increment)", "(cost $10.00 + 25 % markup)". */
    note: z.string().max(500).default(''),
    taxable: z.boolean(),
    taxRateId: z.string().nullable().default(null),
    /** The tax rate in force when priced (copied so the document stands alone). */
    taxRateBp: z.number().int().min(0).max(10_000).default(0),
    /** The exact rate in parts per million (8.625 % = 86 250); null = `taxRateBp` × 100. Tax is charged at this. */
    taxRatePpm: z.number().int().min(0).max(1_000_000).nullable().default(null),
    taxRateName: z.string().max(120).default(''),
    discount: discountSchema.nullable().default(null),
    coverage: coverageSchema.nullable().default(null),
    override: overrideSchema.nullable().default(null),
    /** Quotes: the option (good/better/best) this line belongs to; null = in every option. */
    optionId: z.string().max(60).nullable().default(null)
  })
  .refine((line) => line.kind !== 'manual' || line.override !== null, { path: ['override'], message: 'A manual line needs a price and a reason' });
export type LineDraft = z.output<typeof lineDraftSchema>;
export type LineDraftInput = z.input<typeof lineDraftSchema>;

const pricedFields = {
  /** The unit price used: the override's, else the price book's. */
  effectiveUnitPriceCents: int,
  /** quantity × unit price. */
  grossCents: int,
  lineDiscountCents: int,
  /** What the agreement or warranty pays. */
  coverageCents: int,
  /** gross − line discount − coverage. */
  netCents: int,
  /** This line's share of the document discount. */
  documentDiscountCents: int,
  /** The amount tax is charged on (0 when not taxable). */
  taxableCents: int,
  taxCents: int,
  /** net − document discount share + tax. */
  totalCents: int,
  overridden: z.boolean(),
  /** How the amount was computed, for the customer: "2 h 15 min → 2.25 h × $120.00 (15-min increment)". */
  explanation: z.string()
};

export const pricedLineSchema = z.object({ ...lineDraftSchema.shape, ...pricedFields }).refine((line) => line.kind !== 'manual' || line.override !== null, {
  path: ['override'],
  message: 'A manual line needs a price and a reason'
});
export type PricedLine = z.output<typeof pricedLineSchema>;

export const taxTotalSchema = z.object({
  taxRateId: z.string().nullable(),
  name: z.string(),
  rateBp: z.number().int(),
  /** The exact rate charged, parts per million. */
  ratePpm: z.number().int(),
  taxableCents: int,
  taxCents: int
});
export type TaxTotal = z.infer<typeof taxTotalSchema>;

export const documentTotalsSchema = z.object({
  /** Σ gross. */
  subtotalCents: int,
  lineDiscountCents: int,
  coverageCents: int,
  documentDiscountCents: int,
  /** Σ (net − document discount share): revenue before tax (KPI "revenue per call"). */
  netCents: int,
  /** One row per tax rate charged, by rate name. */
  taxes: z.array(taxTotalSchema),
  taxCents: int,
  totalCents: int,
  /** Lines whose price was overridden (the document says so). */
  overriddenLines: z.number().int().nonnegative()
});
export type DocumentTotals = z.infer<typeof documentTotalsSchema>;

/** A priced document: its lines and totals, plus the document discount it was priced with. */
export const pricedDocumentSchema = z.object({
  lines: z.array(pricedLineSchema),
  documentDiscount: discountSchema.nullable(),
  totals: documentTotalsSchema
});
export type PricedDocument = z.infer<typeof pricedDocumentSchema>;
