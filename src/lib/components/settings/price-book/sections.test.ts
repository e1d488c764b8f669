import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEST_NOW } from '../../../../../tests/clock';
import { CatalogDoc, type CatalogCollection } from '$lib/sync/catalog';
import { SECTIONS } from './sections';

const now = new Date(TEST_NOW);

/** One typed form per list, as a person would fill it in. */
function typed(ids: { part: string; service: string; tax: string }): Record<CatalogCollection, Record<string, unknown>> {
  return {
    taxRates: { name: 'SF sales tax', rate: '8.625' },
    parts: { sku: 'CAP-45', description: 'Run capacitor', unit: 'each', cost: '10.00', pricingKind: 'markup', price: '', markup: '35.5', supplier: 'Ferguson', barcode: '', taxable: true, taxRateId: ids.tax },
    services: { code: 'TUNE', name: 'Tune-up', rate: '89.00', description: 'Seasonal', taxable: false, taxRateId: '' },
    labourRates: { name: 'Emergency', rateClass: 'after_hours', rate: '200.00', incrementMinutes: '30', minimumMinutes: '120', taxable: false, taxRateId: '' },
    bundles: { code: 'SPRING', name: 'Spring check', price: '149.00', taxable: true, taxRateId: '', items: [{ kind: 'service', refId: ids.service, quantity: '1' }, { kind: 'part', refId: ids.part, quantity: '2.5' }] },
    discountPresets: { name: 'Senior', kind: 'amount', value: '25.00', scope: 'document' },
    terms: { name: 'Net 45', netDays: '45' }
  };
}

describe('price-book forms', () => {
  it('show every record as it was typed and save it back unchanged', () => {
    const book = new CatalogDoc(new Y.Doc(), 'test');
    const save = (collection: CatalogCollection, input: unknown, id?: string) => {
      const result = book.save(collection, input, id, now);
      if (!result.ok) throw new Error(`${collection}: ${JSON.stringify(result.errors)}`);
      return result.value as { id: string };
    };
    const tax = save('taxRates', { name: 'SF sales tax', rate: '8.625' });
    const service = save('services', { code: 'X', name: 'X', rate: '1' });
    const part = save('parts', { sku: 'P', description: 'P', cost: '1', pricingKind: 'price', price: '2' });
    const forms = typed({ part: part.id, service: service.id, tax: tax.id });
    for (const spec of SECTIONS) {
      const record = save(spec.collection, forms[spec.collection]);
      const shown = spec.values(record);
      // What the form shows for the record is what was typed (typed here in the form's own format).
      for (const [key, value] of Object.entries(forms[spec.collection]!)) {
        if (spec.fields.some((f) => f.name === key)) expect([spec.collection, key, shown[key]]).toEqual([spec.collection, key, value]);
      }
      const again = save(spec.collection, shown, record.id);
      expect({ ...again, updatedAt: '' }).toEqual({ ...record, updatedAt: '' });
      expect(spec.summary(record, () => 'SF sales tax').title).not.toBe('');
    }
  });
});
