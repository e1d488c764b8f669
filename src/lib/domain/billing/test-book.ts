/**
 * Test factories for the pricing engine's tests (not used by the app): a small price book with
 * every kind of record, and draft builders. Fixed instants only.
 */
import { DEFAULT_BILLING_SETTINGS, type Bundle, type LabourRate, type Part, type PriceBook, type Service, type TaxRate } from '../catalog/catalog';
import type { LineDraft } from './lines';

const at = '2026-01-05T17:00:00.000Z';
const base = { archived: false, createdAt: at, updatedAt: at };

export const TAX_CA: TaxRate = { ...base, id: 'tax-ca', name: 'CA sales tax', rateBp: 725 };
export const TAX_CITY: TaxRate = { ...base, id: 'tax-city', name: 'City levy', rateBp: 1000 };
/** San Francisco's sales tax: finer than a basis point. */
export const TAX_SF: TaxRate = { ...base, id: 'tax-sf', name: 'SF sales tax', rateBp: 863, ratePpm: 86_250 };

export const REGULAR: LabourRate = { ...base, id: 'rate-reg', name: 'Standard', rateClass: 'regular', centsPerHour: 12_000, incrementMinutes: 15, minimumMinutes: 60, taxable: false, taxRateId: null };
export const OVERTIME: LabourRate = { ...base, id: 'rate-ot', name: 'Overtime', rateClass: 'overtime', centsPerHour: 18_000, incrementMinutes: 15, minimumMinutes: 0, taxable: false, taxRateId: null };
export const AFTER_HOURS: LabourRate = { ...base, id: 'rate-ah', name: 'Emergency', rateClass: 'after_hours', centsPerHour: 20_000, incrementMinutes: 30, minimumMinutes: 120, taxable: false, taxRateId: null };

const part = (id: string, sku: string, description: string, fields: Partial<Part>): Part => ({
  ...base, id, sku, description, unit: 'each', costCents: 0, pricing: { kind: 'price', priceCents: 0 }, supplier: '', barcode: null, taxable: true, taxRateId: null, ...fields
});
export const FILTER = part('p-filter', 'FLT-16', 'Filter 16×25', { costCents: 1200, pricing: { kind: 'price', priceCents: 2499 }, barcode: '0123456789012' });
export const CAPACITOR = part('p-cap', 'CAP-45', 'Run capacitor 45/5', { costCents: 1000, pricing: { kind: 'markup', markupBp: 2500 } });
export const FITTING = part('p-fit', 'FIT-12', 'Brass fitting', { costCents: 333, pricing: { kind: 'markup', markupBp: 1500 } });
export const PIPE = part('p-pipe', 'CU-050', 'Copper pipe ½"', { unit: 'ft', costCents: 150, pricing: { kind: 'price', priceCents: 333 } });
export const LABEL = part('p-label', 'LBL', 'Service label', { pricing: { kind: 'price', priceCents: 1000 }, taxable: false });

export const TUNE_UP: Service = { ...base, id: 's-tune', code: 'TUNE', name: 'Tune-up', description: '', rateCents: 8900, taxable: false, taxRateId: null };
export const DIAGNOSTIC: Service = { ...base, id: 's-diag', code: 'DIAG', name: 'Diagnostic', description: '', rateCents: 9950, taxable: true, taxRateId: TAX_CITY.id };

export const SPRING: Bundle = {
  ...base, id: 'b-spring', code: 'SPRING', name: 'Spring check', priceCents: 14_900, taxable: true, taxRateId: TAX_CITY.id,
  items: [{ kind: 'service', refId: TUNE_UP.id, quantity: 1 }, { kind: 'part', refId: FILTER.id, quantity: 2 }]
};

export function testBook(overrides: Partial<PriceBook> = {}): PriceBook {
  return {
    parts: [FILTER, CAPACITOR, FITTING, PIPE, LABEL],
    services: [TUNE_UP, DIAGNOSTIC],
    labourRates: [REGULAR, OVERTIME, AFTER_HOURS],
    bundles: [SPRING],
    taxRates: [TAX_CA, TAX_CITY, TAX_SF],
    discountPresets: [],
    terms: [],
    settings: { ...DEFAULT_BILLING_SETTINGS, defaultTaxRateId: TAX_CA.id },
    ...overrides
  };
}

/** A priced-from-the-book line draft with sensible defaults (one unit of $100, taxable at CA). */
export function draft(fields: Partial<LineDraft> & { id: string }): LineDraft {
  return {
    kind: 'part',
    description: fields.id,
    refId: null,
    quantity: { n: 1000, d: 1000 },
    unit: 'each',
    unitPriceCents: 10_000,
    workedMinutes: null,
    note: '',
    taxable: true,
    taxRateId: TAX_CA.id,
    taxRateBp: TAX_CA.rateBp,
    taxRatePpm: null,
    taxRateName: TAX_CA.name,
    discount: null,
    coverage: null,
    override: null,
    optionId: null,
    ...fields
  };
}

/** Quantity `value` in thousandths. */
export const qty = (value: number) => ({ n: Math.round(value * 1000), d: 1000 as const });
