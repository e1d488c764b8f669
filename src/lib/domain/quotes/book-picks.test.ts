import { describe, expect, it } from 'vitest';
import { CAPACITOR, FILTER, REGULAR, SPRING, TUNE_UP, testBook } from '../billing/test-book';
import { bookPicks, filterPicks, pickOf } from './book-picks';

const picks = bookPicks(testBook({ parts: [FILTER, CAPACITOR, { ...FILTER, id: 'p-old', sku: 'FLT-OLD', archived: true }] }));
const found = (query: string) => filterPicks(picks, query).map((p) => `${p.kind}:${p.id}`);

describe('price-book picks for a quote line', () => {
  it('offers every active service, part, labour rate and bundle at the price its line will have', () => {
    expect(picks.map((p) => `${p.kind}:${p.id}`)).toEqual(['service:s-diag', 'service:s-tune', 'part:p-cap', 'part:p-filter', 'labour:rate-ah', 'labour:rate-ot', 'labour:rate-reg', 'bundle:b-spring']);
    expect(pickOf(picks, { ref: 'partId', id: CAPACITOR.id })).toMatchObject({ unitPriceCents: 1250, description: 'CAP-45 Run capacitor 45/5', unit: 'each' });
    expect(pickOf(picks, { ref: 'labourRateId', id: REGULAR.id })).toMatchObject({ unitPriceCents: 12_000, unit: 'h', description: 'Labour — Standard' });
    expect(pickOf(picks, { ref: 'bundleId', id: SPRING.id })).toMatchObject({ unitPriceCents: 14_900, detail: '1 × Tune-up, 2 × Filter 16×25' });
    expect(pickOf(picks, { ref: 'serviceId', id: 'p-old' })).toBeUndefined();
  });

  it('filters by code, SKU, name words or kind, ignoring case, a code starting with the query first', () => {
    expect(found('flt')).toEqual(['part:p-filter']);
    expect(found('capacitor')).toEqual(['part:p-cap']);
    expect(found('spring')).toEqual(['bundle:b-spring']);
    expect(found('labour stand')).toEqual(['labour:rate-reg']);
    expect(found('TUNE')).toEqual([`service:${TUNE_UP.id}`]);
    expect(found('nothing like this')).toEqual([]);
    // Many names hold a "c"; CAP-45, whose SKU starts with it, comes first.
    expect(found('c')[0]).toBe('part:p-cap');
  });
});
