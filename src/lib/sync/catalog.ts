/**
 * The `catalog` doc (the price book): typed, validated collections of parts, services, labour
 * rates, bundles, discount presets, tax rates and custom terms, plus the billing settings
 * register, and the commands Settings › Price book calls (one transaction per save).
 * Shapes and merge rules: sync/README.md "`catalog` collections".
 */
import { isSha256 } from '../domain/media/blob-rules';
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import type { z } from 'zod';
import { fieldErrors, type FieldErrors } from '../domain/jobs/job';
import {
  allTerms,
  billingSettingsSchema,
  BUILT_IN_TERMS_IDS,
  bundleSchema,
  discountPresetSchema,
  labourRateSchema,
  partSchema,
  serviceSchema,
  taxRateSchema,
  termsSchema,
  type BillingSettings,
  type Bundle,
  type DiscountPreset,
  type LabourRate,
  type Part,
  type PriceBook,
  type Service,
  type TaxRate,
  type Terms
} from '../domain/catalog/catalog';
import {
  billingSettingsInputSchema,
  bundleInputSchema,
  discountPresetInputSchema,
  labourRateInputSchema,
  partInputSchema,
  serviceInputSchema,
  taxRateInputSchema,
  termsInputSchema,
  type BillingSettingsInput
} from '../domain/catalog/catalog-forms';
import { LOCAL_EDIT } from './board-doc';
import { Collection } from './collection';

export type SaveResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The top-level map holding the billing settings (a register: one plain value per key). */
export const BILLING_SETTINGS_MAP = 'billingSettings';

/** The catalog's record collections, by top-level key. */
export const CATALOG_COLLECTIONS = ['parts', 'services', 'labourRates', 'bundles', 'discountPresets', 'taxRates', 'terms'] as const;
export type CatalogCollection = (typeof CATALOG_COLLECTIONS)[number];

interface Kinds {
  parts: Part;
  services: Service;
  labourRates: LabourRate;
  bundles: Bundle;
  discountPresets: DiscountPreset;
  taxRates: TaxRate;
  terms: Terms;
}

const RECORD_SCHEMAS: { [K in CatalogCollection]: z.ZodType<Kinds[K]> } = {
  parts: partSchema,
  services: serviceSchema,
  labourRates: labourRateSchema,
  bundles: bundleSchema,
  discountPresets: discountPresetSchema,
  taxRates: taxRateSchema,
  terms: termsSchema
};

/** The form schema per collection: what a person types, turned into the record's own fields. */
const INPUT_SCHEMAS: { [K in CatalogCollection]: z.ZodType<Partial<Kinds[K]>, unknown> } = {
  parts: partInputSchema,
  services: serviceInputSchema,
  labourRates: labourRateInputSchema,
  bundles: bundleInputSchema,
  discountPresets: discountPresetInputSchema,
  taxRates: taxRateInputSchema,
  terms: termsInputSchema
} as { [K in CatalogCollection]: z.ZodType<Partial<Kinds[K]>, unknown> };

/** What a unique code/SKU is checked on, per collection (case-insensitive). */
const UNIQUE_FIELD: Partial<Record<CatalogCollection, { field: string; label: string }>> = {
  parts: { field: 'sku', label: 'SKU' },
  services: { field: 'code', label: 'code' },
  bundles: { field: 'code', label: 'code' }
};

export class CatalogDoc {
  readonly parts: Collection<Part>;
  readonly services: Collection<Service>;
  readonly labourRates: Collection<LabourRate>;
  readonly bundles: Collection<Bundle>;
  readonly discountPresets: Collection<DiscountPreset>;
  readonly taxRates: Collection<TaxRate>;
  readonly terms: Collection<Terms>;
  readonly #doc: Y.Doc;
  readonly #origin: unknown;
  readonly #settings: Y.Map<unknown>;

  constructor(doc: Y.Doc, origin: unknown = LOCAL_EDIT) {
    this.#doc = doc;
    this.#origin = origin;
    this.parts = new Collection(doc.getMap('parts'), partSchema);
    this.services = new Collection(doc.getMap('services'), serviceSchema);
    this.labourRates = new Collection(doc.getMap('labourRates'), labourRateSchema);
    this.bundles = new Collection(doc.getMap('bundles'), bundleSchema);
    this.discountPresets = new Collection(doc.getMap('discountPresets'), discountPresetSchema);
    this.taxRates = new Collection(doc.getMap('taxRates'), taxRateSchema);
    this.terms = new Collection(doc.getMap('terms'), termsSchema);
    this.#settings = doc.getMap(BILLING_SETTINGS_MAP);
  }

  collection<K extends CatalogCollection>(name: K): Collection<Kinds[K]> {
    return this[name] as unknown as Collection<Kinds[K]>;
  }

  /** The billing settings; a key missing or unreadable reads as its default. */
  settings(): BillingSettings {
    return billingSettingsSchema.parse(this.#settings.toJSON());
  }

  /** The whole price book as plain values, for the pricing engine. */
  priceBook(): PriceBook {
    return {
      parts: this.parts.list(),
      services: this.services.list(),
      labourRates: this.labourRates.list(),
      bundles: this.bundles.list(),
      taxRates: this.taxRates.list(),
      discountPresets: this.discountPresets.list(),
      terms: allTerms(this.terms.list(), true),
      settings: this.settings()
    };
  }

  /** The part a technician scanned or typed, by SKU or barcode (active parts only). */
  findPart(code: string): Part | undefined {
    const wanted = code.trim().toLowerCase();
    if (!wanted) return undefined;
    return this.parts.list().find((p) => !p.archived && (p.sku.toLowerCase() === wanted || p.barcode?.toLowerCase() === wanted));
  }

  /**
   * Adds (no `id`) or edits a price-book record from what a person typed. Edits set only the
   * fields the form owns, so fields added by newer clients survive. A SKU or code already used
   * by another record of the collection is refused.
   */
  save<K extends CatalogCollection>(name: K, input: unknown, id?: string, now = new Date()): SaveResult<Kinds[K]> {
    const parsed = INPUT_SCHEMAS[name].safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const fields = parsed.data as Record<string, unknown>;
    const collection = this.collection(name);
    const current = id === undefined ? undefined : collection.get(id);
    if (id !== undefined && !current) return { ok: false, errors: { _form: 'That record is no longer in the price book.' } };
    const clash = this.#clash(name, fields, id);
    if (clash) return { ok: false, errors: clash };
    const refs = this.#checkRefs(fields);
    if (refs) return { ok: false, errors: refs };
    const at = now.toISOString();
    const candidate = { ...(current ?? { archived: false, createdAt: at }), ...fields, updatedAt: at, id: id ?? uuidv4() };
    const record = RECORD_SCHEMAS[name].safeParse(candidate);
    if (!record.success) return { ok: false, errors: fieldErrors(record.error) };
    this.#doc.transact(() => {
      if (current) collection.patch(record.data.id, { ...fields, updatedAt: at } as Partial<Omit<Kinds[K], 'id'>>);
      else collection.insert(record.data);
    }, this.#origin);
    return { ok: true, value: record.data };
  }

  /** Retires (true) or brings back (false) a record: never deleted, only no longer offered. */
  setArchived(name: CatalogCollection, id: string, archived: boolean, now = new Date()): SaveResult<null> {
    const collection = this.collection(name) as Collection<{ id: string; archived: boolean; updatedAt: string }>;
    if (!collection.get(id)) return { ok: false, errors: { _form: 'That record is no longer in the price book.' } };
    this.#doc.transact(() => collection.patch(id, { archived, updatedAt: now.toISOString() }), this.#origin);
    return { ok: true, value: null };
  }

  /** Saves the billing settings form; each key merges on its own (last writer wins per key). */
  saveSettings(input: BillingSettingsInput): SaveResult<BillingSettings> {
    const parsed = billingSettingsInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const fields = parsed.data;
    const termsIds = new Set([...BUILT_IN_TERMS_IDS, ...this.terms.list().map((t) => t.id)]);
    if (!termsIds.has(fields.defaultTermsId)) return { ok: false, errors: { defaultTermsId: 'Choose terms from the list' } };
    if (fields.defaultTaxRateId !== null && !this.taxRates.get(fields.defaultTaxRateId)) return { ok: false, errors: { defaultTaxRateId: 'Choose a tax rate from the list' } };
    // Only the keys that differ from what this device reads are written, so two offices that
    // changed different settings offline both keep their change.
    const current = this.settings() as Record<string, unknown>;
    const changed = Object.entries(fields).filter(([key, value]) => current[key] !== value);
    if (changed.length) this.#doc.transact(() => changed.forEach(([key, value]) => this.#settings.set(key, value)), this.#origin);
    return { ok: true, value: this.settings() };
  }

  /**
   * Names the organisation's logo (the SHA-256 of bytes already in this device's blob store,
   * domain/catalog/logo.ts) or removes it (null). One key of the register: last writer wins.
   */
  setLogo(sha256: string | null): SaveResult<BillingSettings> {
    if (sha256 !== null && !isSha256(sha256)) return { ok: false, errors: { logo: 'That logo is not a stored image.' } };
    if (this.settings().logoBlobHash !== sha256) this.#doc.transact(() => this.#settings.set('logoBlobHash', sha256), this.#origin);
    return { ok: true, value: this.settings() };
  }

  /** Calls back after any price-book change, local or remote. */
  onChanged(callback: () => void): () => void {
    const offs = CATALOG_COLLECTIONS.map((name) => this.collection(name).observe(() => callback()));
    const settingsHandler = () => callback();
    this.#settings.observe(settingsHandler);
    return () => {
      offs.forEach((off) => off());
      this.#settings.unobserve(settingsHandler);
    };
  }

  #clash(name: CatalogCollection, fields: Record<string, unknown>, selfId: string | undefined): FieldErrors | null {
    const unique = UNIQUE_FIELD[name];
    if (!unique) return null;
    const value = String(fields[unique.field] ?? '').toLowerCase();
    const other = (this.collection(name).list() as unknown as Array<Record<string, unknown> & { id: string }>).find(
      (r) => r.id !== selfId && String(r[unique.field]).toLowerCase() === value
    );
    return other ? { [unique.field]: `Another record already uses the ${unique.label} ${String(fields[unique.field])}` } : null;
  }

  #checkRefs(fields: Record<string, unknown>): FieldErrors | null {
    const taxRateId = fields.taxRateId;
    if (typeof taxRateId === 'string' && !this.taxRates.get(taxRateId)) return { taxRateId: 'Choose a tax rate from the list' };
    const items = fields.items;
    if (Array.isArray(items)) {
      for (const item of items as Array<{ kind: 'part' | 'service'; refId: string }>) {
        const found = item.kind === 'part' ? this.parts.get(item.refId) : this.services.get(item.refId);
        if (!found) return { items: `Pick a ${item.kind} from the price book` };
      }
    }
    return null;
  }
}
