import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEST_NOW } from '../../../tests/clock';
import { CatalogDoc } from './catalog';
import { CATALOG_MIGRATIONS } from './catalog-migrations';
import { runMigrations } from './migrations';
import { mulberry32, randomInt, shuffled } from '../domain/dispatch/prng';

const now = new Date(TEST_NOW);
const NOW_ISO = now.toISOString();

function catalog(doc = new Y.Doc()): { doc: Y.Doc; cat: CatalogDoc; transactions: () => number } {
  let count = 0;
  doc.on('afterTransaction', () => count++);
  return { doc, cat: new CatalogDoc(doc, 'test'), transactions: () => count };
}

const filter = { sku: 'FLT-16', description: 'Filter 16×25', unit: 'each', cost: '8.40', pricingKind: 'markup', price: '', markup: '50', supplier: 'Ferguson', barcode: '0123456789012', taxable: true, taxRateId: '' };

function ok<T>(result: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('CatalogDoc', () => {
  it('adds a part from typed dollars and percent in one transaction, in cents and basis points', () => {
    const { cat, transactions } = catalog();
    const part = ok(cat.save('parts', filter, undefined, now));
    expect(transactions()).toBe(1);
    expect(cat.parts.get(part.id)).toMatchObject({ sku: 'FLT-16', costCents: 840, pricing: { kind: 'markup', markupBp: 5000 }, barcode: '0123456789012', taxRateId: null, archived: false, createdAt: NOW_ISO });
    expect(cat.findPart('0123456789012')?.id).toBe(part.id);
    expect(cat.findPart('flt-16')?.id).toBe(part.id);
  });

  it('refuses bad amounts and a second part with the same SKU, writing nothing', () => {
    const { cat, transactions } = catalog();
    ok(cat.save('parts', filter, undefined, now));
    const bad = cat.save('parts', { ...filter, sku: 'X', cost: 'ten dollars' }, undefined, now);
    expect(bad).toEqual({ ok: false, errors: { cost: 'Cost: enter an amount such as 120 or 120.50' } });
    const noPrice = cat.save('parts', { ...filter, sku: 'Y', pricingKind: 'price', price: '' }, undefined, now);
    expect(noPrice.ok ? null : noPrice.errors.price).toMatch(/Price/);
    const dup = cat.save('parts', { ...filter, sku: 'flt-16' }, undefined, now);
    expect(dup.ok ? null : dup.errors.sku).toMatch(/already uses the SKU/);
    expect(transactions()).toBe(1);
    expect(cat.parts.size).toBe(1);
  });

  it('edits only the fields its form owns, keeping fields a newer client added', () => {
    const { doc, cat } = catalog();
    const part = ok(cat.save('parts', filter, undefined, now));
    doc.transact(() => (doc.getMap('parts').get(part.id) as Y.Map<unknown>).set('binLocation', 'A-3'));
    ok(cat.save('parts', { ...filter, pricingKind: 'price', price: '24.99' }, part.id, new Date(now.getTime() + 60_000)));
    const raw = (doc.getMap('parts').get(part.id) as Y.Map<unknown>).toJSON();
    expect(raw).toMatchObject({ binLocation: 'A-3', pricing: { kind: 'price', priceCents: 2499 }, createdAt: NOW_ISO });
    expect(raw.updatedAt).not.toBe(NOW_ISO);
  });

  it('saves labour rates, tax rates, services, bundles, discounts and terms with their references checked', () => {
    const { cat } = catalog();
    const tax = ok(cat.save('taxRates', { name: 'SF sales tax', rate: '8.625' }, undefined, now));
    expect([tax.rateBp, tax.ratePpm]).toEqual([863, 86_250]);
    expect(cat.save('taxRates', { name: 'Too fine', rate: '8.62501' }).ok).toBe(false);
    expect(cat.save('taxRates', { name: 'Too much', rate: '101' }).ok).toBe(false);
    const labour = ok(cat.save('labourRates', { name: 'Standard', rateClass: 'regular', rate: '120', incrementMinutes: '15', minimumMinutes: '60' }, undefined, now));
    expect(labour).toMatchObject({ centsPerHour: 12000, incrementMinutes: 15, minimumMinutes: 60, taxRateId: null });
    const wrongTax = cat.save('services', { code: 'TUNE', name: 'Tune-up', rate: '89', taxRateId: 'nope' }, undefined, now);
    expect(wrongTax.ok ? null : wrongTax.errors.taxRateId).toBe('Choose a tax rate from the list');
    const service = ok(cat.save('services', { code: 'TUNE', name: 'Tune-up', rate: '89', taxRateId: tax.id }, undefined, now));
    const part = ok(cat.save('parts', filter, undefined, now));
    const bundle = ok(cat.save('bundles', { code: 'SPRING', name: 'Spring check', price: '149', items: [{ kind: 'service', refId: service.id, quantity: '1' }, { kind: 'part', refId: part.id, quantity: '2' }] }, undefined, now));
    expect(bundle.items).toEqual([{ kind: 'service', refId: service.id, quantity: 1 }, { kind: 'part', refId: part.id, quantity: 2 }]);
    const orphan = cat.save('bundles', { code: 'X', name: 'X', price: '1', items: [{ kind: 'part', refId: 'gone', quantity: '1' }] }, undefined, now);
    expect(orphan.ok ? null : orphan.errors.items).toBe('Pick a part from the price book');
    expect(ok(cat.save('discountPresets', { name: 'Senior', kind: 'percent', value: '10', scope: 'document' }, undefined, now)).discount).toEqual({ kind: 'percent', bp: 1000 });
    ok(cat.save('terms', { name: 'Net 45', netDays: '45' }, undefined, now));
    expect(cat.priceBook().terms.map((t) => t.name)).toEqual(['Due on receipt', 'Net 15', 'Net 30', 'Net 45']);
  });

  it('archives a record instead of deleting it', () => {
    const { cat } = catalog();
    const part = ok(cat.save('parts', filter, undefined, now));
    ok(cat.setArchived('parts', part.id, true, now));
    expect(cat.parts.get(part.id)?.archived).toBe(true);
    expect(cat.findPart('FLT-16')).toBeUndefined();
    expect(cat.setArchived('parts', 'missing', true).ok).toBe(false);
  });

  it('reads billing settings with defaults and merges two offline edits key by key', () => {
    const a = catalog();
    const b = catalog();
    expect(a.cat.settings()).toMatchObject({ name: '', defaultTermsId: 'on-receipt', overtimeAfterMinutes: 480, travelBillable: false });
    const base = { name: 'Bayside HVAC', address: '1 Market St', taxId: '', email: '', phone: '', paymentInstructions: '', defaultTermsId: 'on-receipt', overtimeAfterMinutes: '480', quoteValidDays: '30' };
    ok(a.cat.saveSettings({ ...base, taxId: '94-1234567' }));
    ok(b.cat.saveSettings({ ...base, paymentInstructions: 'Pay by check to Bayside HVAC', defaultTermsId: 'net-30' }));
    expect(b.cat.saveSettings({ ...base, defaultTermsId: 'net-99' })).toEqual({ ok: false, errors: { defaultTermsId: 'Choose terms from the list' } });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.cat.settings()).toEqual(b.cat.settings());
    expect(a.cat.settings()).toMatchObject({ name: 'Bayside HVAC', taxId: '94-1234567', paymentInstructions: 'Pay by check to Bayside HVAC', defaultTermsId: 'net-30' });
  });

  it('reads a stored record with a malformed field as invalid, never as a price', () => {
    const { doc, cat } = catalog();
    const part = ok(cat.save('parts', filter, undefined, now));
    doc.transact(() => (doc.getMap('parts').get(part.id) as Y.Map<unknown>).set('costCents', 12.5));
    const fresh = new CatalogDoc(doc);
    expect(fresh.parts.get(part.id)).toBeUndefined();
    expect(fresh.parts.invalid()).toEqual([{ id: part.id, message: 'costCents: Invalid input: expected int, received number' }]);
  });

  it('marks the doc as a catalog once, idempotently', () => {
    const doc = new Y.Doc();
    expect(runMigrations(doc, CATALOG_MIGRATIONS, 'm').applied).toEqual(['catalog-meta']);
    expect(runMigrations(doc, CATALOG_MIGRATIONS, 'm').applied).toEqual([]);
    expect(doc.getMap('meta').get('kind')).toBe('catalog');
  });
});

describe('CatalogDoc merges (seeded, three replicas)', () => {
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each(SEEDS)('converges on one whole price per part (never a mix of two edits), seed %i', (seed) => {
    const random = mulberry32(seed);
    try {
      const replicas = [0, 1, 2].map((i) => {
        const doc = new Y.Doc();
        doc.clientID = 1000 + i * 7 + seed;
        return { doc, cat: new CatalogDoc(doc, 'test') };
      });
      const first = replicas[0]!;
      const part = ok(first.cat.save('parts', filter, undefined, now));
      const queue: Uint8Array[][] = replicas.map(() => []);
      replicas.forEach((r, i) => r.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') replicas.forEach((_, j) => j !== i && queue[j]!.push(update));
      }));
      for (const other of replicas.slice(1)) Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(first.doc), 'remote');
      const written: string[] = [];
      for (let step = 0; step < 30; step++) {
        const r = replicas[randomInt(random, 3)]!;
        const roll = random();
        if (roll < 0.5) {
          const form = random() < 0.5 ? { ...filter, pricingKind: 'price', price: String(10 + randomInt(random, 90)) } : { ...filter, pricingKind: 'markup', markup: String(randomInt(random, 80)) };
          const saved = ok(r.cat.save('parts', form, part.id, now));
          written.push(JSON.stringify(saved.pricing));
        } else {
          const key = pickOne(random, ['taxId', 'phone', 'paymentInstructions'] as const);
          ok(r.cat.saveSettings({ ...settingsForm(r.cat), [key]: `${key}-${step}` }));
        }
        // Deliver some queued updates in a shuffled order, some twice.
        for (const [j, inbox] of queue.entries()) {
          const batch = shuffled(random, inbox.splice(0, randomInt(random, inbox.length + 1)));
          for (const update of batch) {
            Y.applyUpdate(replicas[j]!.doc, update, 'remote');
            if (random() < 0.2) Y.applyUpdate(replicas[j]!.doc, update, 'remote');
          }
        }
      }
      for (const [j, inbox] of queue.entries()) for (const update of inbox.splice(0)) Y.applyUpdate(replicas[j]!.doc, update, 'remote');
      const books = replicas.map((r) => new CatalogDoc(r.doc).priceBook());
      expect(books[1]).toEqual(books[0]);
      expect(books[2]).toEqual(books[0]);
      const pricing = books[0]!.parts[0]!.pricing;
      expect(written.length === 0 || written.includes(JSON.stringify(pricing))).toBe(true);
      expect(replicas.every((r) => r.cat.parts.invalid().length === 0)).toBe(true);
    } catch (error) {
      throw new Error(`catalog merge failed with seed ${seed}: ${String(error)}`, { cause: error });
    }
  });
});

function settingsForm(cat: CatalogDoc) {
  const s = cat.settings();
  return { ...s, defaultTaxRateId: s.defaultTaxRateId ?? '', logoBlobHash: undefined, overtimeAfterMinutes: String(s.overtimeAfterMinutes), quoteValidDays: String(s.quoteValidDays) };
}

function pickOne<T>(random: () => number, items: readonly T[]): T {
  return items[randomInt(random, items.length)]!;
}
