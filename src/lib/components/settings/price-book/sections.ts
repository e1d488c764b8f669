/**
 * What each Settings › Price book list shows and edits: its fields, the form values of a
 * record (cents and basis points shown as typed amounts), and the one-line summary of a row.
 * The forms send these values to the catalog's validated save (domain/catalog/catalog-forms.ts).
 */
import { taxRatePpm, type Bundle, type DiscountPreset, type LabourRate, type Part, type RateClass, type Service, type TaxRate, type Terms } from '$lib/domain/catalog/catalog';
import { partUnitPrice } from '$lib/domain/billing/items';
import { bpToInput, centsToInput, formatBp, formatMoney, formatPpm, ppmToInput } from '$lib/domain/billing/money';
import type { CatalogCollection } from '$lib/sync/catalog';

export type FieldType = 'text' | 'textarea' | 'money' | 'percent' | 'whole' | 'select' | 'checkbox' | 'taxRate' | 'items';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  options?: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  required?: boolean;
  /** Shown only when this returns true for the form's current values. */
  showIf?: (values: FormValues) => boolean;
}

export type FormValues = Record<string, unknown>;

export interface RowSummary {
  code: string;
  title: string;
  detail: string;
}

export interface SectionSpec {
  collection: CatalogCollection;
  title: string;
  description: string;
  /** Singular noun: "part", "labour rate". */
  noun: string;
  fields: readonly FieldSpec[];
  values(record?: unknown): FormValues;
  summary(record: unknown, taxRateName: (id: string | null) => string): RowSummary;
}

export const RATE_CLASS_LABELS: Record<RateClass, string> = { regular: 'Regular', overtime: 'Overtime', after_hours: 'After-hours / emergency' };

const taxNote = (r: { taxable: boolean; taxRateId: string | null }, name: (id: string | null) => string) => (r.taxable ? `taxable (${name(r.taxRateId)})` : 'not taxable');

const NAME_FIELD: FieldSpec = { name: 'name', label: 'Name', type: 'text', required: true };
const CODE_FIELD: FieldSpec = { name: 'code', label: 'Code', type: 'text', required: true };
/** Whether a record is taxed, and at which rate (asked only when it is). */
const TAX_FIELDS: readonly FieldSpec[] = [
  { name: 'taxable', label: 'Taxable', type: 'checkbox' },
  { name: 'taxRateId', label: 'Tax rate', type: 'taxRate', showIf: (v) => v.taxable === true }
];

/** A section over records of type `R`: the page hands its callbacks the list's records (typed `unknown` there). */
function section<R>(spec: Omit<SectionSpec, 'values' | 'summary'> & { values(record?: R): FormValues; summary(record: R, taxRateName: (id: string | null) => string): RowSummary }): SectionSpec {
  return { ...spec, values: (record) => spec.values(record as R | undefined), summary: (record, name) => spec.summary(record as R, name) };
}

const parts = section<Part>({
  collection: 'parts',
  title: 'Parts',
  description: 'What technicians fit and sell: cost, and a price or a markup on cost.',
  noun: 'part',
  fields: [
    { name: 'sku', label: 'SKU', type: 'text', required: true },
    { name: 'description', label: 'Description', type: 'text', required: true },
    { name: 'unit', label: 'Unit', type: 'text', hint: 'each, ft, gal…' },
    { name: 'cost', label: 'Cost', type: 'money', required: true },
    { name: 'pricingKind', label: 'Sell at', type: 'select', options: [{ value: 'price', label: 'A fixed price' }, { value: 'markup', label: 'Cost + markup' }] },
    { name: 'price', label: 'Price', type: 'money', showIf: (v) => v.pricingKind === 'price' },
    { name: 'markup', label: 'Markup %', type: 'percent', showIf: (v) => v.pricingKind === 'markup' },
    { name: 'supplier', label: 'Supplier', type: 'text' },
    { name: 'barcode', label: 'Barcode', type: 'text' },
    ...TAX_FIELDS
  ],
  values(p) {
    return {
      sku: p?.sku ?? '',
      description: p?.description ?? '',
      unit: p?.unit ?? 'each',
      cost: p ? centsToInput(p.costCents) : '',
      pricingKind: p?.pricing.kind ?? 'price',
      price: p?.pricing.kind === 'price' ? centsToInput(p.pricing.priceCents) : '',
      markup: p?.pricing.kind === 'markup' ? bpToInput(p.pricing.markupBp) : '',
      supplier: p?.supplier ?? '',
      barcode: p?.barcode ?? '',
      taxable: p?.taxable ?? true,
      taxRateId: p?.taxRateId ?? ''
    };
  },
  summary(p, name) {
    const how = p.pricing.kind === 'markup' ? `cost ${formatMoney(p.costCents)} + ${formatBp(p.pricing.markupBp)}` : `cost ${formatMoney(p.costCents)}`;
    return { code: p.sku, title: p.description, detail: `${formatMoney(partUnitPrice(p).cents)} per ${p.unit} · ${how} · ${taxNote(p, name)}${p.supplier ? ` · ${p.supplier}` : ''}` };
  }
});

const services = section<Service>({
  collection: 'services',
  title: 'Services',
  description: 'Flat-rate service codes.',
  noun: 'service',
  fields: [
    CODE_FIELD,
    NAME_FIELD,
    { name: 'rate', label: 'Flat rate', type: 'money', required: true },
    { name: 'description', label: 'Description', type: 'textarea' },
    ...TAX_FIELDS
  ],
  values(s) {
    return { code: s?.code ?? '', name: s?.name ?? '', rate: s ? centsToInput(s.rateCents) : '', description: s?.description ?? '', taxable: s?.taxable ?? false, taxRateId: s?.taxRateId ?? '' };
  },
  summary(s, name) {
    return { code: s.code, title: s.name, detail: `${formatMoney(s.rateCents)} flat · ${taxNote(s, name)}` };
  }
});

const labourRates = section<LabourRate>({
  collection: 'labourRates',
  title: 'Labour rates',
  description: 'Hourly rates with the billing increment (time rounds up to it) and the minimum charge.',
  noun: 'labour rate',
  fields: [
    NAME_FIELD,
    { name: 'rateClass', label: 'Applies to', type: 'select', options: Object.entries(RATE_CLASS_LABELS).map(([value, label]) => ({ value, label })) },
    { name: 'rate', label: 'Rate per hour', type: 'money', required: true },
    { name: 'incrementMinutes', label: 'Billing increment (min)', type: 'whole', hint: '15 = quarter hours' },
    { name: 'minimumMinutes', label: 'Minimum charge (min)', type: 'whole', hint: '0 = none' },
    ...TAX_FIELDS
  ],
  values(r) {
    return {
      name: r?.name ?? '',
      rateClass: r?.rateClass ?? 'regular',
      rate: r ? centsToInput(r.centsPerHour) : '',
      incrementMinutes: String(r?.incrementMinutes ?? 15),
      minimumMinutes: String(r?.minimumMinutes ?? 60),
      taxable: r?.taxable ?? false,
      taxRateId: r?.taxRateId ?? ''
    };
  },
  summary(r) {
    return { code: RATE_CLASS_LABELS[r.rateClass], title: r.name, detail: `${formatMoney(r.centsPerHour)} per hour · ${r.incrementMinutes}-min increment · minimum ${r.minimumMinutes} min` };
  }
});

const bundles = section<Bundle>({
  collection: 'bundles',
  title: 'Bundles',
  description: 'Several parts and services sold together at one price.',
  noun: 'bundle',
  fields: [
    CODE_FIELD,
    NAME_FIELD,
    { name: 'price', label: 'Bundle price', type: 'money', required: true },
    ...TAX_FIELDS,
    { name: 'items', label: 'Holds', type: 'items' }
  ],
  values(b) {
    return {
      code: b?.code ?? '',
      name: b?.name ?? '',
      price: b ? centsToInput(b.priceCents) : '',
      taxable: b?.taxable ?? true,
      taxRateId: b?.taxRateId ?? '',
      items: (b?.items ?? []).map((i) => ({ kind: i.kind, refId: i.refId, quantity: String(i.quantity) }))
    };
  },
  summary(b, name) {
    return { code: b.code, title: b.name, detail: `${formatMoney(b.priceCents)} for ${b.items.length} item${b.items.length === 1 ? '' : 's'} · ${taxNote(b, name)}` };
  }
});

const discountPresets = section<DiscountPreset>({
  collection: 'discountPresets',
  title: 'Discounts',
  description: 'Ready-made discounts for a line or a whole invoice; they always come off before tax.',
  noun: 'discount',
  fields: [
    NAME_FIELD,
    { name: 'kind', label: 'Kind', type: 'select', options: [{ value: 'percent', label: 'Percentage' }, { value: 'amount', label: 'Amount' }] },
    { name: 'value', label: 'Value', type: 'text', hint: '10 for 10 %, or 25.00', required: true },
    { name: 'scope', label: 'Offered on', type: 'select', options: [{ value: 'both', label: 'Lines and invoices' }, { value: 'line', label: 'Lines' }, { value: 'document', label: 'Whole invoices' }] }
  ],
  values(d) {
    const value = d ? (d.discount.kind === 'percent' ? bpToInput(d.discount.bp) : centsToInput(d.discount.cents)) : '';
    return { name: d?.name ?? '', kind: d?.discount.kind ?? 'percent', value, scope: d?.scope ?? 'both' };
  },
  summary(d) {
    const scope = { both: 'lines and invoices', line: 'lines', document: 'whole invoices' }[d.scope];
    return { code: '', title: d.name, detail: `${d.discount.kind === 'percent' ? formatBp(d.discount.bp) : formatMoney(d.discount.cents)} off · ${scope}` };
  }
});

const taxRates = section<TaxRate>({
  collection: 'taxRates',
  title: 'Tax rates',
  description: 'Charged on taxable items after discounts; each item names its rate or uses the default.',
  noun: 'tax rate',
  fields: [
    NAME_FIELD,
    { name: 'rate', label: 'Rate %', type: 'percent', required: true, hint: 'Up to four decimals, e.g. 8.625' }
  ],
  values(t) {
    return { name: t?.name ?? '', rate: t ? ppmToInput(taxRatePpm(t)) : '' };
  },
  summary(t) {
    return { code: formatPpm(taxRatePpm(t)), title: t.name, detail: '' };
  }
});

const terms = section<Terms>({
  collection: 'terms',
  title: 'Terms',
  description: 'When invoices are due. Due on receipt, Net 15 and Net 30 are always there.',
  noun: 'terms',
  fields: [
    NAME_FIELD,
    { name: 'netDays', label: 'Days to pay', type: 'whole', required: true, hint: '0 = on receipt' }
  ],
  values(t) {
    return { name: t?.name ?? '', netDays: t ? String(t.netDays) : '' };
  },
  summary(t) {
    return { code: '', title: t.name, detail: t.netDays === 0 ? 'due on receipt' : `due ${t.netDays} days after the invoice` };
  }
});

/** The lists, in the page's tab order. */
export const SECTIONS: readonly SectionSpec[] = [parts, services, labourRates, bundles, discountPresets, taxRates, terms];
