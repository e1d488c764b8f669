import { describe, expect, it } from 'vitest';
import { invoiceFromWork } from '../billing/documents';
import { priceDocument } from '../billing/price-document';
import { CAPACITOR, FILTER, PIPE, REGULAR, SPRING, TAX_CA, TAX_CITY, testBook } from '../billing/test-book';
import { quoteInputSchema, priceQuoteInput } from './quote-records';
import { quoteLineDraft, quoteLineInputSchema, quotedParts, quotedQuantityMilli, quoteLineRefOf, QUOTED_PRICE_REASON, type QuoteLineInput } from './quote-lines';
import { quoteJobInput, withQuotedParts } from './quote-job';
import type { QuoteView } from './quote-status';

const book = testBook();
const line = (fields: Partial<QuoteLineInput> & { unitPriceCents: number }): QuoteLineInput =>
  quoteLineInputSchema.parse({ description: 'Line', quantityMilli: 1000, ...fields });
const priced = (drafts: Parameters<typeof priceDocument>[0]) => {
  const result = priceDocument(drafts);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.document;
};

describe('quote lines from the price book', () => {
  it('prices a part at its sell price, taxed at the organisation’s default rate, and keeps the part as its reference', () => {
    const draft = quoteLineDraft(line({ description: 'FLT-16 Filter 16×25', quantityMilli: 2000, unitPriceCents: 2499, partId: FILTER.id }), 's1', null, book);
    expect(draft).toMatchObject({ kind: 'part', refId: FILTER.id, unit: 'each', unitPriceCents: 2499, taxable: true, taxRateId: TAX_CA.id, override: null });
    const [priced1] = priced([draft]).lines;
    // 2 × $24.99 = $49.98; 7.25 % of it = 362.355 → 362 cents.
    expect(priced1).toMatchObject({ grossCents: 4998, taxCents: 362, totalCents: 5360 });
  });

  it('prices a marked-up part at cost plus markup, as invoices do', () => {
    const draft = quoteLineDraft(line({ unitPriceCents: 1250, partId: CAPACITOR.id }), 's1', null, book);
    expect(draft).toMatchObject({ unitPriceCents: 1250, override: null, note: '(cost $10.00 + 25 % markup)' });
  });

  it('prices labour as hours × the rate, billed by the labour rule (increment, minimum) and not taxed when the rate is not', () => {
    const hours = quoteLineDraft(line({ description: 'Install', quantityMilli: 2500, unitPriceCents: 12_000, labourRateId: REGULAR.id }), 'o1-1', 'o1', book);
    expect(hours).toMatchObject({ kind: 'labour', refId: REGULAR.id, unit: 'h', quantity: { n: 150, d: 60 }, workedMinutes: 150, taxable: false, taxRateId: null, optionId: 'o1' });
    expect(priced([hours]).lines[0]).toMatchObject({ grossCents: 30_000, taxCents: 0, totalCents: 30_000, explanation: '2 h 30 min → 2.5 h × $120.00 (15-min increment)' });

    // Half an hour quoted bills the rate's one-hour minimum, and says so.
    const short = quoteLineDraft(line({ quantityMilli: 500, unitPriceCents: 12_000, labourRateId: REGULAR.id }), 's1', null, book);
    expect(short).toMatchObject({ quantity: { n: 60, d: 60 }, workedMinutes: 30, note: '(1 h minimum)' });
    expect(priced([short]).lines[0]!.grossCents).toBe(12_000);
    expect(quotedQuantityMilli(short)).toBe(500);
  });

  it('prices a bundle as one line at the bundle’s price with its items listed, exactly as an invoice of the same bundle', () => {
    const draft = quoteLineDraft(line({ description: 'SPRING Spring check', unitPriceCents: SPRING.priceCents, bundleId: SPRING.id }), 'b1', null, book);
    const quoted = priced([draft]).lines[0]!;
    expect(quoted).toMatchObject({ kind: 'bundle', refId: SPRING.id, grossCents: 14_900, taxRateId: TAX_CITY.id, taxCents: 1490, totalCents: 16_390 });
    expect(quoted.explanation).toBe('1 each × $149.00 (bundle at one price: 1 × Tune-up, 2 × Filter 16×25)');
    const invoiced = invoiceFromWork({ timeEntries: [], bundles: [{ bundleId: SPRING.id, quantity: 1 }] }, { book, timeZone: 'America/Los_Angeles' });
    if (!invoiced.ok) throw new Error(invoiced.errors.join('; '));
    const onInvoice = invoiced.document.lines[0]!;
    expect([quoted.netCents, quoted.taxCents, quoted.totalCents, quoted.explanation]).toEqual([onInvoice.netCents, onInvoice.taxCents, onInvoice.totalCents, onInvoice.explanation]);
  });

  it('keeps the book’s price on the line and marks a changed price as quoted for this job', () => {
    const draft = quoteLineDraft(line({ quantityMilli: 3000, unitPriceCents: 10_000, labourRateId: REGULAR.id }), 's1', null, book);
    expect(draft).toMatchObject({ unitPriceCents: 12_000, override: { unitPriceCents: 10_000, reason: QUOTED_PRICE_REASON } });
    const shown = priced([draft]).lines[0]!;
    expect(shown).toMatchObject({ effectiveUnitPriceCents: 10_000, grossCents: 30_000, overridden: true });
    expect(shown.explanation).toContain('price overridden from $120.00: price quoted for this job');
  });

  it('falls back to the typed price, untaxed, when the book no longer has the item or is not at hand', () => {
    const gone = quoteLineDraft(line({ unitPriceCents: 5000, partId: 'no-such-part' }), 's1', null, book);
    const noBook = quoteLineDraft(line({ unitPriceCents: 5000, partId: FILTER.id }), 's1', null, null);
    for (const draft of [gone, noBook]) expect(draft).toMatchObject({ kind: 'service', refId: null, unitPriceCents: 5000, taxable: false });
  });

  it('refuses a line that names two price-book items', () => {
    const parsed = quoteLineInputSchema.safeParse({ description: 'Both', quantityMilli: 1000, unitPriceCents: 1, partId: FILTER.id, bundleId: SPRING.id });
    expect(parsed.success).toBe(false);
  });

  it('gives a stored line back to the form as the item it came from', () => {
    expect(quoteLineRefOf({ kind: 'bundle', refId: SPRING.id })).toEqual({ ref: 'bundleId', id: SPRING.id });
    expect(quoteLineRefOf({ kind: 'labour', refId: REGULAR.id })).toEqual({ ref: 'labourRateId', id: REGULAR.id });
    expect(quoteLineRefOf({ kind: 'service', refId: null })).toBeNull();
    expect(quotedQuantityMilli({ kind: 'part', quantity: { n: 1500, d: 1000 }, workedMinutes: null })).toBe(1500);
  });
});

describe('the parts a quote brings', () => {
  it('sums part lines and the parts inside bundles per part, in whole units rounded up', () => {
    const lines = [
      quoteLineDraft(line({ quantityMilli: 2000, unitPriceCents: 2499, partId: FILTER.id }), 'a', null, book),
      quoteLineDraft(line({ quantityMilli: 2000, unitPriceCents: 14_900, bundleId: SPRING.id }), 'b', null, book),
      quoteLineDraft(line({ quantityMilli: 1500, unitPriceCents: 333, partId: PIPE.id }), 'c', null, book),
      quoteLineDraft(line({ quantityMilli: 2000, unitPriceCents: 12_000, labourRateId: REGULAR.id }), 'd', null, book)
    ];
    // 2 filters + 2 bundles × 2 filters = 6; 1.5 ft of pipe → 2.
    expect(quotedParts(lines, book.bundles)).toEqual([
      { partId: FILTER.id, quantity: 6 },
      { partId: PIPE.id, quantity: 2 }
    ]);
  });

  it('stores each option’s parts with the priced quote, and the accepted option’s job requires them', () => {
    const input = quoteInputSchema.parse({
      customerId: 'c1',
      customerName: 'Harbor Bakery',
      date: '2026-06-10',
      validUntil: '2026-07-10',
      shared: [{ description: 'Filter', quantityMilli: 1000, unitPriceCents: 2499, partId: FILTER.id }],
      options: [
        { label: 'Good', lines: [{ description: 'Labour', quantityMilli: 1000, unitPriceCents: 12_000, labourRateId: REGULAR.id }] },
        { label: 'Better', lines: [{ description: 'Spring check', quantityMilli: 1000, unitPriceCents: 14_900, bundleId: SPRING.id }] }
      ]
    });
    const result = priceQuoteInput(input, book);
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.priced.map((o) => [o.label, o.requiredParts])).toEqual([
      ['Good', [{ partId: FILTER.id, quantity: 1 }]],
      ['Better', [{ partId: FILTER.id, quantity: 3 }]]
    ]);
    const record = { id: 'q1', number: 'Q-K7QX-0001', ...input, jobId: null, shared: result.shared, options: result.options, priced: result.priced, createdAt: '2026-06-10T16:00:00.000Z', createdBy: 'ada', updatedAt: '2026-06-10T16:00:00.000Z' };
    const view = { id: 'q1', record, status: 'draft' } as unknown as QuoteView;
    expect(quoteJobInput(view, 'o2', 'Ann Lee')).toMatchObject({ requiredParts: [{ partId: FILTER.id, quantity: 3 }] });
    // A quote saved before the parts were stored: its part lines.
    const older = { ...view, record: { ...record, priced: record.priced.map(({ requiredParts: _dropped, ...o }) => o) } } as unknown as QuoteView;
    expect(quoteJobInput(older, 'o2', 'Ann Lee')).toMatchObject({ requiredParts: [{ partId: FILTER.id, quantity: 1 }] });
  });

  it('raises a job’s own required parts to the quoted quantities and adds the ones it lacked', () => {
    expect(withQuotedParts({ [FILTER.id]: 4, [PIPE.id]: 1, 'p-gone': 0 }, [{ partId: FILTER.id, quantity: 2 }, { partId: PIPE.id, quantity: 3 }, { partId: CAPACITOR.id, quantity: 1 }])).toEqual([
      { partId: FILTER.id, quantity: 4 },
      { partId: PIPE.id, quantity: 3 },
      { partId: CAPACITOR.id, quantity: 1 }
    ]);
    expect(withQuotedParts(undefined, [])).toEqual([]);
  });
});
