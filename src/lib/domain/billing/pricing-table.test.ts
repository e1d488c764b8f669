/**
 * The invoice maths, table-driven (issue 10, Done when 1): increments and minimums, overtime and
 * after-hours, markups, bundles, line and document discounts before tax, mixed tax rates,
 * coverage, overrides, credits and refunds, and the rounding of every line.
 */
import { describe, expect, it } from 'vitest';
import { TEST_DAY, TEST_TIME_ZONE } from '../../../../tests/clock';
import type { Discount, PriceBook } from '../catalog/catalog';
import { creditNote, invoiceFromWork, priceQuote, refundNote, type JobWork } from './documents';
import type { TimeEntryInput } from './labour';
import type { PricedDocument, PricedLine } from './lines';
import { priceDocument, type PricingResult } from './price-document';
import { AFTER_HOURS, draft, FILTER, OVERTIME, qty, REGULAR, TAX_CA, TAX_CITY, TAX_SF, testBook } from './test-book';

/** An entry on the test day starting at local `from` ("HH:MM", PDT = UTC−7) lasting `minutes`. */
function entry(id: string, from: string, minutes: number, fields: Partial<TimeEntryInput> = {}): TimeEntryInput {
  const [h, m] = from.split(':').map(Number);
  const start = Date.parse(`${TEST_DAY}T00:00:00.000Z`) + ((h! + 7) * 60 + m!) * 60_000 + (fields.start ? 0 : 0);
  return { id, kind: 'onsite', technicianId: 'tech-ana', start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString(), ...fields };
}

function invoice(work: Partial<JobWork>, book: PriceBook = testBook(), discount: Discount | null = null): PricingResult {
  return invoiceFromWork({ timeEntries: [], ...work }, { book, timeZone: TEST_TIME_ZONE, technicianName: (id) => (id === 'tech-ana' ? 'Ana' : id) }, discount);
}

function doc(result: PricingResult): PricedDocument {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.document;
}

interface Case {
  name: string;
  run: () => PricingResult;
  lines?: Array<Partial<PricedLine>>;
  totals?: Partial<PricedDocument['totals']>;
  errors?: RegExp;
}

const hour = (hours: number, rateCents: number) => Math.round(hours * rateCents);

const CASES: Case[] = [
  // Increments and minimums
  { name: 'labour of 2 h 15 min bills 2.25 h and says how', run: () => invoice({ timeEntries: [entry('e1', '09:00', 135)] }), lines: [{ grossCents: 27_000, explanation: '2 h 15 min → 2.25 h × $120.00 (15-min increment)' }] },
  { name: 'labour rounds up to the next increment (2 h 7 min → 2.25 h)', run: () => invoice({ timeEntries: [entry('e1', '09:00', 127)] }), lines: [{ grossCents: 27_000, workedMinutes: 127, quantity: { n: 135, d: 60 } }] },
  { name: 'a started minute counts: 1 h and 1 s → 1.25 h', run: () => invoice({ timeEntries: [{ ...entry('e1', '09:00', 60), end: new Date(Date.parse(entry('e1', '09:00', 60).end) + 1000).toISOString() }] }), lines: [{ grossCents: 15_000, workedMinutes: 61 }] },
  { name: 'labour shorter than the minimum bills the minimum', run: () => invoice({ timeEntries: [entry('e1', '09:00', 40)] }), lines: [{ grossCents: 12_000, explanation: '40 min → 1 h × $120.00 (1 h minimum)' }] },
  {
    name: 'hours that are not a round decimal are billed exactly and shown approximately (2 h 10 min at a 10-min increment)',
    run: () => invoice({ timeEntries: [entry('e1', '09:00', 130)] }, testBook({ labourRates: [{ ...REGULAR, incrementMinutes: 10, centsPerHour: 12_345 }] })),
    lines: [{ grossCents: 26_748, explanation: '2 h 10 min → ≈ 2.1667 h × $123.45 (10-min increment)' }]
  },
  { name: 'labour exactly on an increment is not rounded further', run: () => invoice({ timeEntries: [entry('e1', '09:00', 90)] }), lines: [{ grossCents: 18_000 }] },
  { name: 'several entries of a technician in a day add up before rounding', run: () => invoice({ timeEntries: [entry('e1', '09:00', 50), entry('e2', '11:00', 50)] }), lines: [{ grossCents: 21_000, workedMinutes: 100, quantity: { n: 105, d: 60 } }] },
  { name: 'breaks are never billed', run: () => invoice({ timeEntries: [entry('e1', '09:00', 60), entry('b', '10:00', 30, { kind: 'break' })] }), lines: [{ grossCents: 12_000, workedMinutes: 60 }] },
  { name: 'travel is not billed by default', run: () => invoice({ timeEntries: [entry('t', '08:30', 30, { kind: 'travel' }), entry('e1', '09:00', 60)] }), lines: [{ grossCents: 12_000 }] },
  {
    name: 'travel is billed when the setting says so',
    run: () => invoice({ timeEntries: [entry('t', '08:30', 30, { kind: 'travel' }), entry('e1', '09:00', 60)] }, testBook({ settings: { ...testBook().settings, travelBillable: true } })),
    lines: [{ grossCents: 18_000, workedMinutes: 90 }]
  },
  // Overtime and after-hours
  { name: 'beyond 8 h in a day bills at the overtime rate', run: () => invoice({ timeEntries: [entry('e1', '07:00', 600)] }), lines: [{ grossCents: hour(8, 12_000), id: `labour:tech-ana:${TEST_DAY}:regular` }, { grossCents: hour(2, 18_000), refId: OVERTIME.id }], totals: { subtotalCents: 96_000 + 36_000 } },
  { name: 'an entry crossing the overtime threshold is split', run: () => invoice({ timeEntries: [entry('e1', '07:00', 360), entry('e2', '14:00', 180)] }), lines: [{ workedMinutes: 480 }, { workedMinutes: 60, grossCents: 18_000 }] },
  { name: 'overtime is counted per technician', run: () => invoice({ timeEntries: [entry('e1', '07:00', 300), entry('e2', '07:00', 300, { technicianId: 'tech-ben' })] }), lines: [{ workedMinutes: 300, refId: REGULAR.id }, { workedMinutes: 300, refId: REGULAR.id }] },
  {
    name: 'overtime is counted per day in the organisation zone',
    run: () => invoice({ timeEntries: [entry('e1', '07:00', 360), { ...entry('e2', '07:00', 360), start: '2026-06-11T14:00:00.000Z', end: '2026-06-11T20:00:00.000Z' }] }),
    lines: [{ refId: REGULAR.id, grossCents: 72_000 }, { refId: REGULAR.id, grossCents: 72_000, id: 'labour:tech-ana:2026-06-11:regular' }]
  },
  { name: 'an entry starting at 23:30 local counts on that local day, not the UTC one', run: () => invoice({ timeEntries: [entry('e1', '23:30', 60)] }), lines: [{ id: `labour:tech-ana:${TEST_DAY}:regular` }] },
  { name: 'an overtime threshold of 0 means no overtime', run: () => invoice({ timeEntries: [entry('e1', '07:00', 600)] }, testBook({ settings: { ...testBook().settings, overtimeAfterMinutes: 0 } })), lines: [{ grossCents: 120_000, refId: REGULAR.id }] },
  { name: 'after-hours work bills its rate, increment and minimum', run: () => invoice({ timeEntries: [entry('e1', '21:00', 70, { afterHours: true })] }), lines: [{ grossCents: 40_000, refId: AFTER_HOURS.id, explanation: '1 h 10 min → 2 h × $200.00 (2 h minimum)' }] },
  { name: 'after-hours work above the minimum rounds to its 30-min increment', run: () => invoice({ timeEntries: [entry('e1', '21:00', 160, { afterHours: true })] }), lines: [{ grossCents: 60_000, quantity: { n: 180, d: 60 } }] },
  { name: 'a missing overtime rate falls back to regular and says so', run: () => invoice({ timeEntries: [entry('e1', '07:00', 540)] }, testBook({ labourRates: [REGULAR] })), lines: [{ grossCents: 96_000 }, { grossCents: 12_000, note: '(no overtime rate: Standard; 15-min increment)' }] },
  { name: 'an overtime spill has no minimum of its own (8 h 5 min → 5 min overtime = 0.25 h)', run: () => invoice({ timeEntries: [entry('e1', '07:00', 485)] }, testBook({ labourRates: [REGULAR] })), lines: [{ grossCents: 96_000 }, { grossCents: 3000, workedMinutes: 5 }] },
  { name: 'no regular labour rate is an error naming the fix', run: () => invoice({ timeEntries: [entry('e1', '09:00', 60)] }, testBook({ labourRates: [] })), errors: /no regular labour rate/ },
  { name: 'a time entry ending before it starts is an error', run: () => invoice({ timeEntries: [{ ...entry('e1', '09:00', 60), end: entry('e1', '08:00', 0).start }] }), errors: /e1: it must end after it starts/ },
  // Parts and markups
  { name: 'parts bill at their price × quantity', run: () => invoice({ parts: [{ partId: FILTER.id, quantity: 3 }] }), lines: [{ grossCents: 7497, explanation: '3 each × $24.99' }] },
  { name: 'a marked-up part bills at cost × (1 + markup)', run: () => invoice({ parts: [{ sku: 'cap-45', quantity: 2 }] }), lines: [{ unitPriceCents: 1250, grossCents: 2500, explanation: '2 each × $12.50 (cost $10.00 + 25 % markup)' }] },
  { name: 'a markup unit price rounds half-up ($3.33 + 15 % = $3.8295 → $3.83)', run: () => invoice({ parts: [{ sku: 'FIT-12', quantity: 1 }] }), lines: [{ unitPriceCents: 383 }] },
  { name: 'a fractional quantity rounds the line half-up (1.5 ft × $3.33 = $4.995 → $5.00)', run: () => invoice({ parts: [{ sku: 'CU-050', quantity: 1.5 }] }), lines: [{ grossCents: 500, explanation: '1.5 ft × $3.33' }] },
  { name: 'a line just under half a cent rounds down (0.125 × $3.33 = $0.41625 → $0.42; 0.122 → $0.41)', run: () => invoice({ parts: [{ sku: 'CU-050', quantity: 0.125 }, { sku: 'CU-050', quantity: 0.122 }] }), lines: [{ grossCents: 42 }, { grossCents: 41 }] },
  { name: 'a part is found by its barcode', run: () => invoice({ parts: [{ sku: '0123456789012', quantity: 1 }] }), lines: [{ refId: FILTER.id }] },
  { name: 'a part not in the price book is an error', run: () => invoice({ parts: [{ sku: 'NOPE', quantity: 1 }] }), errors: /NOPE is not in the price book/ },
  { name: 'a quantity with four decimals is an error', run: () => invoice({ parts: [{ sku: 'CU-050', quantity: 1.2345 }] }), errors: /at most three decimals/ },
  // Services and bundles
  { name: 'a flat-rate service bills its rate × quantity, untaxed when not taxable', run: () => invoice({ services: [{ code: 'TUNE', quantity: 2 }] }), lines: [{ grossCents: 17_800, taxCents: 0, explanation: '2 each × $89.00 (flat rate)' }] },
  { name: 'a bundle bills its one price and lists what it holds', run: () => invoice({ bundles: [{ code: 'SPRING' }] }), lines: [{ grossCents: 14_900, taxCents: 1490, note: '(bundle at one price: 1 × Tune-up, 2 × Filter 16×25)' }] },
  // Line discounts
  { name: 'a line percentage discount comes off before tax', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 27_000, discount: { kind: 'percent', bp: 1000 } })]), lines: [{ lineDiscountCents: 2700, netCents: 24_300, taxCents: 1762 }], totals: { totalCents: 26_062 } },
  { name: 'a line amount discount comes off the line', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 2499, discount: { kind: 'amount', cents: 500 } })]), lines: [{ netCents: 1999, taxCents: 145 }] },
  { name: 'a line amount discount never exceeds the line', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 2499, discount: { kind: 'amount', cents: 5000 } })]), lines: [{ lineDiscountCents: 2499, netCents: 0, totalCents: 0 }] },
  { name: 'a line percentage discount rounds half-up (15 % of $24.99 = $3.7485 → $3.75)', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 2499, discount: { kind: 'percent', bp: 1500 } })]), lines: [{ lineDiscountCents: 375 }] },
  // Document discounts
  {
    name: 'a document percentage discount comes off every line before tax',
    run: () => priceDocument([draft({ id: 'a', unitPriceCents: 10_000 }), draft({ id: 'b', unitPriceCents: 5000, taxable: false, taxRateBp: 0 })], { kind: 'percent', bp: 1000 }),
    lines: [{ documentDiscountCents: 1000, taxableCents: 9000, taxCents: 653 }, { documentDiscountCents: 500, taxableCents: 0 }],
    totals: { documentDiscountCents: 1500, netCents: 13_500, taxCents: 653, totalCents: 14_153 }
  },
  {
    name: 'a document amount discount is spread by largest remainder and adds up exactly',
    run: () => priceDocument(['a', 'b', 'c'].map((id) => draft({ id, unitPriceCents: 1000 })), { kind: 'amount', cents: 1000 }),
    lines: [{ documentDiscountCents: 334 }, { documentDiscountCents: 333 }, { documentDiscountCents: 333 }],
    totals: { documentDiscountCents: 1000 }
  },
  { name: 'a document amount discount never exceeds the document', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 1000 })], { kind: 'amount', cents: 99_999 }), totals: { documentDiscountCents: 1000, totalCents: 0 } },
  {
    name: 'a returned part on an invoice takes no share of the document discount',
    run: () => priceDocument([draft({ id: 'a', unitPriceCents: 10_000 }), draft({ id: 'ret', unitPriceCents: 2000, quantity: qty(-1) })], { kind: 'percent', bp: 1000 }),
    lines: [{ documentDiscountCents: 800 }, { documentDiscountCents: 0, grossCents: -2000, taxCents: -145 }],
    totals: { netCents: 7200 }
  },
  // Taxes
  {
    name: 'mixed tax rates are charged per line and totalled per rate',
    run: () => invoice({ parts: [{ sku: 'FLT-16', quantity: 1 }], services: [{ code: 'DIAG' }] }),
    lines: [{ taxCents: 181, taxRateId: TAX_CA.id }, { taxCents: 995, taxRateId: TAX_CITY.id }],
    totals: { taxes: [{ taxRateId: TAX_CA.id, name: 'CA sales tax', rateBp: 725, ratePpm: 72_500, taxableCents: 2499, taxCents: 181 }, { taxRateId: TAX_CITY.id, name: 'City levy', rateBp: 1000, ratePpm: 100_000, taxableCents: 9950, taxCents: 995 }], taxCents: 1176, totalCents: 13_625 }
  },
  {
    name: 'a rate finer than a basis point is charged exactly (8.625 % of $100.00 = $8.625 → $8.63; of $24.99 = $2.1554 → $2.16)',
    run: () => invoice({ parts: [{ sku: 'FLT-16', quantity: 1 }] }, testBook({ settings: { ...testBook().settings, defaultTaxRateId: TAX_SF.id } })),
    lines: [{ taxRatePpm: 86_250, taxCents: 216 }],
    totals: { taxes: [{ taxRateId: TAX_SF.id, name: 'SF sales tax', rateBp: 863, ratePpm: 86_250, taxableCents: 2499, taxCents: 216 }] }
  },
  {
    name: 'an exact rate takes precedence over the rounded basis points (8.625 % of $1,000 = $86.25, 8.63 % = $86.30)',
    run: () => priceDocument([draft({ id: 'a', unitPriceCents: 100_000, taxRateBp: 863, taxRatePpm: 86_250 }), draft({ id: 'b', unitPriceCents: 100_000, taxRateBp: 863 })]),
    lines: [{ taxCents: 8625 }, { taxCents: 8630 }],
    totals: { taxes: [{ taxRateId: TAX_CA.id, name: 'CA sales tax', rateBp: 863, ratePpm: 86_250, taxableCents: 100_000, taxCents: 8625 }, { taxRateId: TAX_CA.id, name: 'CA sales tax', rateBp: 863, ratePpm: 86_300, taxableCents: 100_000, taxCents: 8630 }] }
  },
  { name: 'a non-taxable item carries no tax', run: () => invoice({ parts: [{ sku: 'LBL', quantity: 1 }] }), lines: [{ taxable: false, taxCents: 0, taxRateId: null }], totals: { taxes: [] } },
  { name: 'a taxable item with no rate and no default is charged no tax', run: () => invoice({ parts: [{ sku: 'FLT-16', quantity: 1 }] }, testBook({ settings: { ...testBook().settings, defaultTaxRateId: null } })), lines: [{ taxCents: 0, taxRateId: null }], totals: { taxes: [] } },
  { name: 'tax is rounded per line, half-up (7.25 % of $0.06 = 0.435 ¢ → 0; of $0.07 = 0.5075 ¢ → 1 ¢)', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 6 }), draft({ id: 'b', unitPriceCents: 7 })]), lines: [{ taxCents: 0 }, { taxCents: 1 }], totals: { taxCents: 1 } },
  // Coverage
  { name: 'a warranty covers the whole line and leaves no tax', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 2499, coverage: { kind: 'warranty', bp: 10_000, label: 'Manufacturer warranty' } })]), lines: [{ coverageCents: 2499, netCents: 0, taxCents: 0, explanation: '1 each × $24.99; Manufacturer warranty covers 100 % (−$24.99)' }] },
  { name: 'a service agreement covers its share of labour', run: () => invoice({ timeEntries: [entry('e1', '09:00', 135)], coverage: { labour: { kind: 'agreement', bp: 1500, label: 'Gold plan' } } }), lines: [{ coverageCents: 4050, netCents: 22_950 }] },
  { name: 'coverage applies after the line discount', run: () => priceDocument([draft({ id: 'a', unitPriceCents: 10_000, discount: { kind: 'percent', bp: 1000 }, coverage: { kind: 'agreement', bp: 5000, label: 'Plan' } })]), lines: [{ lineDiscountCents: 1000, coverageCents: 4500, netCents: 4500 }] },
  // Overrides and manual lines
  {
    name: 'an overridden price is used, marked and explained with its reason',
    run: () => priceDocument([draft({ id: 'a', unitPriceCents: 2499, override: { unitPriceCents: 1999, reason: 'Price match' } })]),
    lines: [{ grossCents: 1999, overridden: true, explanation: '1 each × $19.99; price overridden from $24.99: Price match' }],
    totals: { overriddenLines: 1 }
  },
  { name: 'an override without a reason is refused', run: () => priceDocument([draft({ id: 'a', override: { unitPriceCents: 1, reason: '  ' } })]), errors: /Line 1 \(a\): override.reason: An overridden price needs a reason/ },
  { name: 'a manual line without a price and reason is refused', run: () => priceDocument([draft({ id: 'm', kind: 'manual' })]), errors: /A manual line needs a price and a reason/ },
  { name: 'two lines with one id are refused', run: () => priceDocument([draft({ id: 'a' }), draft({ id: 'a' })]), errors: /id a is used twice/ },
  // Credits and refunds
  {
    name: 'a credit note is the exact negative of its invoice',
    run: () => {
      const original = doc(invoice({ timeEntries: [entry('e1', '07:00', 545)], parts: [{ sku: 'CU-050', quantity: 1.5 }], bundles: [{ code: 'SPRING' }] }, testBook(), { kind: 'percent', bp: 1250 }));
      const credit = creditNote(original);
      expect(credit.totals.totalCents).toBe(-original.totals.totalCents);
      return { ok: true, document: credit };
    },
    totals: { subtotalCents: -(96_000 + 22_500 + 500 + 14_900) }
  },
  {
    name: 'refunding one of three filters credits one filter and its tax',
    run: () => refundNote(doc(invoice({ parts: [{ sku: 'FLT-16', quantity: 3 }] })), [{ lineId: `part:0:${FILTER.id}`, quantity: 1 }]),
    lines: [{ grossCents: -2499, taxCents: -181, totalCents: -2680 }]
  },
  {
    name: 'refunding half an hour of labour credits 30 billed minutes at the line’s rate',
    run: () => refundNote(doc(invoice({ timeEntries: [entry('e1', '09:00', 135)] })), [{ lineId: `labour:tech-ana:${TEST_DAY}:regular`, quantity: 0.5 }]),
    lines: [{ quantity: { n: -30, d: 60 }, grossCents: -6000, totalCents: -6000 }]
  },
  {
    name: 'a refund of more than was billed is refused',
    run: () => refundNote(doc(invoice({ parts: [{ sku: 'FLT-16', quantity: 3 }] })), [{ lineId: `part:0:${FILTER.id}`, quantity: 4 }]),
    errors: /between 0 and the quantity billed/
  },
  {
    name: 'refunding every line in full equals the credit note',
    run: () => {
      const original = doc(invoice({ parts: [{ sku: 'FLT-16', quantity: 3 }, { sku: 'CAP-45', quantity: 1 }] }, testBook(), { kind: 'amount', cents: 1001 }));
      const refund = refundNote(original, original.lines.map((l) => ({ lineId: l.id })));
      expect(refund.ok && refund.document.totals).toEqual(creditNote(original).totals);
      return refund;
    },
    totals: { documentDiscountCents: -1001 }
  },
  // Quotes
  {
    name: 'quote options share lines and are priced by the same engine',
    run: () => {
      const quote = priceQuote([draft({ id: 'diag', unitPriceCents: 9950, taxable: false, taxRateBp: 0 })], [
        { id: 'good', label: 'Good', lines: [draft({ id: 'repair', unitPriceCents: 30_000 })] },
        { id: 'best', label: 'Best', lines: [draft({ id: 'replace', unitPriceCents: 450_000 })] }
      ]);
      if (!quote.ok) return quote;
      expect(quote.options.map((o) => [o.label, o.document.totals.totalCents])).toEqual([['Good', 9950 + 30_000 + 2175], ['Best', 9950 + 450_000 + 32_625]]);
      return { ok: true, document: quote.options[1]!.document };
    },
    lines: [{ optionId: null }, { optionId: 'best' }]
  }
];

describe('invoice maths', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = c.run();
    if (c.errors) {
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.errors.join('\n')).toMatch(c.errors);
      return;
    }
    const priced = doc(result);
    if (c.lines) {
      expect(priced.lines).toHaveLength(c.lines.length);
      c.lines.forEach((line, i) => expect(priced.lines[i]).toMatchObject(line));
    }
    if (c.totals) expect(priced.totals).toMatchObject(c.totals);
    // Every case: the lines add up to the totals, all in whole cents.
    const sum = (pick: (l: PricedLine) => number) => priced.lines.reduce((a, l) => a + pick(l), 0);
    expect(priced.totals.totalCents).toBe(sum((l) => l.totalCents));
    expect(priced.totals.totalCents).toBe(priced.totals.subtotalCents - priced.totals.lineDiscountCents - priced.totals.coverageCents - priced.totals.documentDiscountCents + priced.totals.taxCents);
    for (const line of priced.lines) for (const key of ['grossCents', 'netCents', 'taxCents', 'totalCents'] as const) expect(Number.isInteger(line[key])).toBe(true);
  });
});
