import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FinanceDoc } from './finance';
import { TEST_NOW } from '../../../tests/clock';
import { LINK_AUTHOR } from '../domain/quotes/quote-records';
import { quoteLayout } from '../domain/quotes/quote-layout';
import { billingSettingsSchema } from '../domain/catalog/catalog';
import { DIAGNOSTIC, FILTER, REGULAR, SPRING, TAX_CITY, testBook } from '../domain/billing/test-book';
import { quotedQuantityMilli, quoteLineRefOf } from '../domain/quotes/quote-lines';

const ada = { id: 'ada', name: 'Ada' };
const line = (description: string, unitPriceCents: number, quantityMilli = 1000) => ({ description, quantityMilli, unitPriceCents });
const input = (over: Record<string, unknown> = {}) => ({
  customerId: 'c1',
  customerName: 'Harbor Bakery',
  date: '2026-06-10',
  validUntil: '2026-07-10',
  shared: [line('Site survey', 5_000)],
  options: [
    { label: 'Good', lines: [line('Repair furnace', 30_000)] },
    { label: 'Better', lines: [line('New furnace', 250_000), line('Thermostat', 12_050, 2000)] }
  ],
  ...over
});

function setup() {
  const finance = new FinanceDoc(new Y.Doc());
  const create = (over: Record<string, unknown> = {}, device = 'K7QX') => {
    const result = finance.quotes.create(input(over), ada, device, TEST_NOW);
    if (!result.ok) throw new Error(result.error);
    return result;
  };
  return { finance, quotes: finance.quotes, create };
}

const accepted = (optionId = 'o2') => ({ kind: 'accepted' as const, at: TEST_NOW.toISOString(), by: LINK_AUTHOR, byName: 'Ann Lee', optionId, optionLabel: 'Better', totalCents: 1, signerName: 'Ann Lee', signatureSha256: 'a'.repeat(64), jobId: 'j1', jobNumber: 'J-WEB2-0001' });

describe('quotes', () => {
  it('numbers quotes Q-<series>-NNNN per tab series, gap-free, and two devices never collide after merging', () => {
    const { quotes, create } = setup();
    expect(create().number).toBe('Q-K7QX-0001');
    expect(create().number).toBe('Q-K7QX-0002');
    expect(create({}, 'B2MN').number).toBe('Q-B2MN-0001');

    // Two offline devices each number their own series; after merging every number is unique.
    const a = new FinanceDoc(new Y.Doc());
    const b = new FinanceDoc(new Y.Doc());
    for (let i = 0; i < 5; i++) {
      a.quotes.create(input(), ada, 'AAAA', TEST_NOW);
      b.quotes.create(input(), ada, 'BBBB', TEST_NOW);
    }
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const numbers = a.quotes.quotes.list().map((q) => q.number);
    expect(new Set(numbers).size).toBe(10);
    expect(a.quotes.quotes.list().length).toBe(10);
    expect(quotes.quotes.size).toBe(3);
  });

  it('prices every option with the shared lines through the engine', () => {
    const { quotes, create } = setup();
    const view = quotes.view(create().id, '2026-06-10')!;
    expect(view.record.priced.map((o) => [o.label, o.document.totals.totalCents])).toEqual([
      ['Good', 35_000],
      ['Better', 5_000 + 250_000 + 24_100]
    ]);
    expect(view.totalRange).toEqual([35_000, 279_100]);
    const layout = quoteLayout(view, 'o2', billingSettingsSchema.parse({ name: 'Bayside HVAC' }));
    expect(layout).toMatchObject({ title: 'Quote', number: 'Q-K7QX-0001', total: '$2,791.00', customerLabel: 'Quote for', payBy: null, balance: null, fileName: 'Q-K7QX-0001-Better.pdf' });
    expect(layout.lines.map((l) => l.description)).toEqual(['Site survey', 'New furnace', 'Thermostat']);
    expect(layout.meta).toContainEqual(['Valid until', '2026-07-10']);
  });

  it('a single-option quote is priced as one "Quote" option', () => {
    const { quotes, create } = setup();
    const view = quotes.view(create({ options: [] }).id, '2026-06-10')!;
    expect(view.record.priced.map((o) => [o.id, o.label, o.document.totals.totalCents])).toEqual([['only', 'Quote', 5_000]]);
  });

  it('refuses bad input with field errors and writes nothing', () => {
    const { quotes } = setup();
    const result = quotes.create(input({ validUntil: '2026-06-01', shared: [], options: [] }), ada, 'K7QX', TEST_NOW);
    expect(result).toMatchObject({ ok: false, errors: { validUntil: 'valid until must be on or after the date', shared: 'add at least one line' } });
    expect(quotes.quotes.size).toBe(0);
  });

  it('derives draft → sent → accepted / declined, and expired after valid-until on the organisation day', () => {
    const { quotes, create } = setup();
    const id = create().id;
    expect(quotes.view(id, '2026-06-10')!.status).toBe('draft');
    expect(quotes.markSent(id, ada, '2026-06-10', TEST_NOW)).toEqual({ ok: true });
    expect(quotes.markSent(id, ada, '2026-06-10', TEST_NOW)).toEqual({ ok: true });
    expect(quotes.events.size).toBe(1);
    expect(quotes.view(id, '2026-06-10')!.status).toBe('sent');
    expect(quotes.view(id, '2026-07-10')!.status).toBe('sent'); // valid through its last day
    expect(quotes.view(id, '2026-07-11')!.status).toBe('expired');

    expect(quotes.recordAnswer(id, accepted(), '2026-06-10')).toEqual({ ok: true });
    const view = quotes.view(id, '2026-07-11')!;
    expect(view.status).toBe('accepted'); // an answer outlives the valid-until date
    expect(view.answer).toMatchObject({ kind: 'accepted', optionId: 'o2', signerName: 'Ann Lee', jobNumber: 'J-WEB2-0001' });

    const declined = create().id;
    expect(quotes.recordAnswer(declined, { kind: 'declined', at: TEST_NOW.toISOString(), by: LINK_AUTHOR, reason: 'Too expensive', signerName: '' }, '2026-06-10')).toEqual({ ok: true });
    expect(quotes.view(declined, '2026-06-10')!.status).toBe('declined');
  });

  it('refuses a second answer, an answer after expiry, and an option the quote does not have', () => {
    const { quotes, create } = setup();
    const id = create().id;
    expect(quotes.recordAnswer(id, accepted('o9'), '2026-06-10')).toMatchObject({ ok: false, error: 'Choose one of the quote’s options.' });
    expect(quotes.recordAnswer(id, accepted(), '2026-07-11')).toMatchObject({ ok: false, error: 'This quote expired on 2026-07-10. Please ask for a new one.' });
    expect(quotes.recordAnswer(id, accepted(), '2026-06-10')).toEqual({ ok: true });
    expect(quotes.recordAnswer(id, accepted('o1'), '2026-06-10')).toMatchObject({ ok: false, error: 'This quote was already accepted.' });
    expect(quotes.update(id, input(), '2026-06-10')).toMatchObject({ ok: false });
    expect(quotes.events.size).toBe(1);
  });

  it('edits an unanswered quote in place: same number, new prices', () => {
    const { quotes, create } = setup();
    const { id, number } = create();
    expect(quotes.update(id, input({ options: [], shared: [line('Tune-up', 9_900)] }), '2026-06-10', TEST_NOW)).toEqual({ ok: true });
    const view = quotes.view(id, '2026-06-10')!;
    expect(view.record.number).toBe(number);
    expect(view.totalRange).toEqual([9_900, 9_900]);
  });

  it('prices a line started from a price-book service by the book (its tax), and marks a changed price with its reason', () => {
    const { quotes } = setup();
    const book = testBook({ taxRates: [TAX_CITY] });
    const diag = (unitPriceCents: number) => ({ description: 'Diagnostic visit', quantityMilli: 1000, unitPriceCents, serviceId: DIAGNOSTIC.id });
    const created = quotes.create(input({ shared: [diag(9_950)], options: [{ label: 'Good', lines: [diag(8_000)] }] }), ada, 'K7QX', TEST_NOW, book);
    if (!created.ok) throw new Error(created.error);
    const [good] = quotes.view(created.id, '2026-06-10')!.record.priced;
    const [fromBook, changed] = good!.document.lines;
    expect(fromBook).toMatchObject({ description: 'Diagnostic visit', refId: DIAGNOSTIC.id, taxable: true, taxRateId: TAX_CITY.id, overridden: false, taxCents: 995 });
    expect(changed).toMatchObject({ overridden: true, effectiveUnitPriceCents: 8_000, taxCents: 800 });
    expect(changed!.explanation).toContain('price quoted for this job');
    expect(good!.document.totals.totalCents).toBe(9_950 + 995 + 8_000 + 800);
    // Without the book (or a service it no longer has) the typed price stands, untaxed.
    const typed = quotes.create(input({ shared: [diag(9_950)], options: [] }), ada, 'K7QX', TEST_NOW);
    if (!typed.ok) throw new Error(typed.error);
    expect(quotes.view(typed.id, '2026-06-10')!.totalRange).toEqual([9_950, 9_950]);
  });

  it('a quote from the price book reads back as the lines typed, so saving it again unchanged prices it the same', () => {
    const { quotes } = setup();
    const book = testBook();
    const lines = [
      { description: 'Filter', quantityMilli: 2000, unitPriceCents: 2499, partId: FILTER.id },
      { description: 'Labour', quantityMilli: 500, unitPriceCents: 11_000, labourRateId: REGULAR.id },
      { description: 'Spring check', quantityMilli: 1000, unitPriceCents: 14_900, bundleId: SPRING.id }
    ];
    const created = quotes.create(input({ shared: lines, options: [] }), ada, 'K7QX', TEST_NOW, book);
    if (!created.ok) throw new Error(created.error);
    const before = quotes.view(created.id, '2026-06-10')!.record;
    // What the form does on "Edit": each stored line back to its typed quantity, price and book item.
    const typed = before.shared.map((l) => {
      const source = quoteLineRefOf(l);
      return { description: l.description, quantityMilli: quotedQuantityMilli(l), unitPriceCents: l.override?.unitPriceCents ?? l.unitPriceCents, ...(source ? { [source.ref]: source.id } : {}) };
    });
    expect(typed).toEqual(lines);
    expect(quotes.update(created.id, input({ shared: typed, options: [] }), '2026-06-10', TEST_NOW, book)).toEqual({ ok: true });
    const after = quotes.view(created.id, '2026-06-10')!.record;
    expect(after.priced).toEqual(before.priced);
    expect(after.priced[0]!.requiredParts).toEqual([{ partId: FILTER.id, quantity: 4 }]);
  });
});
