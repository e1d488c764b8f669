import { describe, expect, it } from 'vitest';
import { draftInvoiceInputSchema } from '../receivables/forms';
import { currentTimeEntries, timeEntrySchema } from '../fieldwork/time-entries';
import { partUseSchema } from '../fieldwork/field-records';
import { invoiceDraftFromJob, PRICE_NEEDED, startsAfterHours, type JobInvoiceInput } from './job-invoice';
import { CAPACITOR, FILTER, testBook } from './test-book';
import { priceNeededBlock, setDraftLinePrice } from './draft-lines';

// TEST_DAY 2026-06-10 is a Wednesday; America/Los_Angeles is UTC−7 then: 09:00 local = 16:00Z.
const ZONE = 'America/Los_Angeles';
const day: [string, string] = ['08:00', '17:00'];
const tech = { id: 't1', name: 'Ana Ruiz', workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day } };

let seq = 0;
const entry = (kind: 'on_site' | 'travel' | 'break', start: string, end: string | null, fields: Record<string, unknown> = {}) =>
  timeEntrySchema.parse({ id: `e${++seq}`, technicianId: 't1', jobId: 'j1', visitId: 'v1:j1', kind, start, end, at: start, by: 'u1', ...fields });
const use = (fields: Record<string, unknown>) => partUseSchema.parse({ id: `u${++seq}`, jobId: 'j1', visitId: 'v1:j1', at: '2026-06-10T18:00:00.000Z', by: 'u1', ...fields });

function input(fields: Partial<JobInvoiceInput> & { entries?: ReturnType<typeof entry>[] } = {}): JobInvoiceInput {
  const { entries = [], ...rest } = fields;
  return {
    job: { id: 'j1', number: 'J-A-0001', customerId: 'c1', type: 'repair', status: 'completed' },
    timeEntries: currentTimeEntries(entries),
    partUses: [],
    technicians: [tech],
    book: testBook(),
    timeZone: ZONE,
    ...rest
  };
}

function draftOf(i: JobInvoiceInput) {
  const result = invoiceDraftFromJob(i);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.draft;
}

describe('invoiceDraftFromJob', () => {
  it('bills on-site time at the regular rate rounded up to the 15-min increment, and says so', () => {
    const draft = draftOf(input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T18:10:00.000Z')] }));
    expect(draft.lines).toHaveLength(1);
    const line = draft.lines[0]!;
    expect(line).toMatchObject({ kind: 'labour', amountCents: 27_000, quantityMilli: 2250, unitPriceCents: 12_000 });
    expect(line.explanation).toContain('2.25 h × $120.00');
    expect(line.explanation).toContain('15-min increment');
    expect(draft.totals).toEqual({ subtotalCents: 27_000, discountCents: 0, taxCents: 0, totalCents: 27_000 });
  });

  it('bills a short visit at the rate minimum (1 h)', () => {
    const draft = draftOf(input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T16:20:00.000Z')] }));
    expect(draft.lines[0]).toMatchObject({ amountCents: 12_000, quantityMilli: 1000 });
    expect(String(draft.lines[0]!.explanation)).toMatch(/minimum/);
  });

  it('leaves travel out by default and bills it when the price book says travel is billable', () => {
    const entries = [entry('travel', '2026-06-10T15:30:00.000Z', '2026-06-10T16:00:00.000Z'), entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:00:00.000Z'), entry('break', '2026-06-10T17:00:00.000Z', '2026-06-10T17:30:00.000Z')];
    expect(draftOf(input({ entries })).totals.totalCents).toBe(12_000);
    const book = testBook();
    const travelBook = { ...book, settings: { ...book.settings, travelBillable: true } };
    expect(draftOf(input({ entries, book: travelBook })).totals.totalCents).toBe(18_000);
  });

  it('bills every entry of an emergency job at the after-hours rate with its increment and minimum', () => {
    const i = input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T16:40:00.000Z')] });
    const draft = draftOf({ ...i, job: { ...i.job, type: 'emergency' } });
    expect(draft.lines[0]).toMatchObject({ amountCents: 40_000, quantityMilli: 2000, unitPriceCents: 20_000 });
    expect(String(draft.lines[0]!.description)).toMatch(/after-hours/);
  });

  it('bills after-hours when an entry starts outside the technician’s working hours or on a day off', () => {
    // 18:30 local Wednesday (after 17:00) and 10:00 local Saturday (no hours that day).
    const evening = draftOf(input({ entries: [entry('on_site', '2026-06-11T01:30:00.000Z', '2026-06-11T02:00:00.000Z')] }));
    expect(evening.lines[0]).toMatchObject({ unitPriceCents: 20_000, amountCents: 40_000 });
    const saturday = draftOf(input({ entries: [entry('on_site', '2026-06-13T17:00:00.000Z', '2026-06-13T20:10:00.000Z')] }));
    expect(saturday.lines[0]).toMatchObject({ unitPriceCents: 20_000, quantityMilli: 3500, amountCents: 70_000 });
    // Starting at 16:45 and running late stays regular (the start decides).
    expect(startsAfterHours('2026-06-10T23:45:00.000Z', tech, ZONE)).toBe(false);
    expect(startsAfterHours('2026-06-11T00:00:00.000Z', tech, ZONE)).toBe(true);
    expect(startsAfterHours('2026-06-10T14:59:00.000Z', tech, ZONE)).toBe(true);
    expect(startsAfterHours('2026-06-10T14:59:00.000Z', undefined, ZONE)).toBe(false);
  });

  it('prices catalogue parts at their price or cost + markup, with tax, and explains both', () => {
    const partUses = [use({ partId: CAPACITOR.id, description: CAPACITOR.description, quantity: 2 }), use({ partId: FILTER.id, description: FILTER.description, quantity: 1 })];
    const draft = draftOf(input({ partUses }));
    const [cap, filter] = draft.lines;
    expect(cap).toMatchObject({ kind: 'part', unitPriceCents: 1250, amountCents: 2500, taxCents: 181 });
    expect(String(cap!.explanation)).toContain('markup');
    expect(filter).toMatchObject({ kind: 'part', unitPriceCents: 2499, amountCents: 2499, taxCents: 181 });
    expect(draft.totals).toEqual({ subtotalCents: 4999, discountCents: 0, taxCents: 362, totalCents: 5361 });
    expect(draft.priceNeeded).toEqual([]);
  });

  it('puts a free-text part on the draft at $0.00 marked PRICE NEEDED, and lists it', () => {
    const draft = draftOf(input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:00:00.000Z')], partUses: [use({ partId: null, description: 'Odd gasket', sku: 'X-9', quantity: 1 })] }));
    const manual = draft.lines.find((l) => l.kind === 'manual')!;
    expect(manual.description).toBe(`${PRICE_NEEDED}: Odd gasket (X-9)`);
    expect(manual).toMatchObject({ amountCents: 0, overridden: true });
    expect(String(manual.explanation)).toMatch(/set its price/);
    expect(draft.priceNeeded).toEqual(['Odd gasket']);
    expect(draft.totals.totalCents).toBe(12_000);
  });

  it('counts only this job’s finished, current entries and its own parts', () => {
    const first = entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T16:30:00.000Z');
    const edited = entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T18:00:00.000Z', { supersedes: first.id, reason: 'forgot to stop' });
    const running = entry('on_site', '2026-06-10T19:00:00.000Z', null);
    const other = entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T20:00:00.000Z', { jobId: 'j2', visitId: 'v1:j2' });
    const draft = draftOf(input({ entries: [first, edited, running, other], partUses: [use({ jobId: 'j2', visitId: 'v1:j2', partId: FILTER.id, description: 'x', quantity: 1 })] }));
    expect(draft.lines).toHaveLength(1);
    expect(draft.lines[0]).toMatchObject({ quantityMilli: 2000, amountCents: 24_000 });
  });

  it('refuses a job that is not completed, a job with nothing to bill, and an unknown part, with a sentence', () => {
    const i = input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:00:00.000Z')] });
    expect(invoiceDraftFromJob({ ...i, job: { ...i.job, status: 'on_site' } })).toEqual({ ok: false, errors: ['Job J-A-0001 is not completed: finish the work before invoicing it.'] });
    expect(invoiceDraftFromJob(input())).toEqual({ ok: false, errors: ['Job J-A-0001 has no finished time entries or parts to bill.'] });
    const unknown = invoiceDraftFromJob(input({ partUses: [use({ partId: 'nope', description: 'Ghost', quantity: 1 })] }));
    expect(unknown.ok).toBe(false);
  });

  it('gives a draft the finance room accepts: totals hold together and terms default from the price book', () => {
    const book = testBook();
    const draft = draftOf(input({ book: { ...book, settings: { ...book.settings, defaultTermsId: 'net-15' } }, entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:07:00.000Z')], partUses: [use({ partId: CAPACITOR.id, description: 'cap', quantity: 1 })] }));
    expect(draft.terms).toBe('net-15');
    const parsed = draftInvoiceInputSchema.safeParse({ customerId: 'c1', jobId: 'j1', date: '2026-06-10', terms: draft.terms, lines: draft.lines, totals: draft.totals });
    expect(parsed.success).toBe(true);
    expect(draft.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(draft.totals.subtotalCents);
    expect(draftOf(input({ book: { ...book, settings: { ...book.settings, defaultTermsId: 'custom-uuid' } }, entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:00:00.000Z')] })).terms).toBe('on-receipt');
  });

  it('keeps a quantity that is not whole thousandths (20-min increment) out of quantityMilli, amount still exact', () => {
    const book = testBook();
    const rates = book.labourRates.map((r) => (r.rateClass === 'regular' ? { ...r, incrementMinutes: 20, minimumMinutes: 0 } : r));
    const draft = draftOf(input({ book: { ...book, labourRates: rates }, entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T16:50:00.000Z')] }));
    expect(draft.lines[0]).toMatchObject({ amountCents: 12_000, quantity: { n: 60, d: 60 } });
    const odd = draftOf(input({ book: { ...book, labourRates: rates }, entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T16:15:00.000Z')] }));
    expect(odd.lines[0]!.quantityMilli).toBeUndefined();
    expect(odd.lines[0]).toMatchObject({ amountCents: 4000 });
  });

  it('applies the job’s agreement and warranty per line and lists what applied', () => {
    const agreement = { id: 'ag1', name: 'Gold plan', customerId: 'c1', siteIds: ['s1'], assetIds: [], startDate: '2026-01-01', cancelled: false, coveredServices: ['Labour 50 %'], partsDiscountBp: 1000 };
    const partUses = [use({ partId: FILTER.id, description: FILTER.description, quantity: 1 })];
    const entries = [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T18:00:00.000Z')];
    const draft = draftOf(input({ entries, partUses, coverage: { agreements: [agreement], siteId: 's1', assets: [], date: '2026-06-10' } }));
    expect(draft.lines[0]).toMatchObject({ kind: 'labour', amountCents: 12_000 });
    expect(String(draft.lines[0]!.explanation)).toContain('Agreement Gold plan covers 50 % (−$120.00)');
    expect(draft.lines[1]).toMatchObject({ kind: 'part', amountCents: 2249 });
    expect(draft.coverage).toEqual(['Agreement Gold plan']);
    const warranty = draftOf(input({ entries, partUses, coverage: { agreements: [agreement], siteId: 's1', assets: [{ id: 'a1', type: 'Furnace', warrantyEnd: '2027-01-01' }], date: '2026-06-10' } }));
    expect(warranty.lines[1]).toMatchObject({ amountCents: 0, taxCents: 0 });
    expect(warranty.coverage).toEqual(['Agreement Gold plan', 'Warranty (Furnace, until 2027-01-01)']);
  });

  it('blocks issuing while a PRICE NEEDED line is $0.00, and setting its price (with a reason) unblocks it', () => {
    const draft = draftOf(input({ entries: [entry('on_site', '2026-06-10T16:00:00.000Z', '2026-06-10T17:00:00.000Z')], partUses: [use({ partId: null, description: 'Odd gasket', sku: 'X-9', quantity: 2 })] }));
    expect(priceNeededBlock(draft.lines)).toBe('Set the price of “Odd gasket (X-9)” before issuing: it is still $0.00 (PRICE NEEDED).');
    const manual = draft.lines.find((l) => l.kind === 'manual')!;
    expect(setDraftLinePrice(draft.lines, String(manual.id), 1500, '  ')).toEqual({ ok: false, error: 'Say why this price: an overridden price needs a reason.' });
    expect(setDraftLinePrice(draft.lines, 'nope', 1500, 'quote').ok).toBe(false);
    const priced = setDraftLinePrice(draft.lines, String(manual.id), 1500, 'Supplier invoice 4411');
    if (!priced.ok) throw new Error(priced.error);
    expect(priceNeededBlock(priced.lines)).toBeNull();
    const line = priced.lines.find((l) => l.id === manual.id)!;
    expect(line).toMatchObject({ description: 'Odd gasket (X-9)', amountCents: 3000, taxCents: 218, overridden: true });
    expect(String(line.explanation)).toContain('Supplier invoice 4411');
    // Totals come from the engine again: labour $120 + part $30 + tax on the part.
    expect(priced.totals).toEqual({ subtotalCents: 15_000, discountCents: 0, taxCents: 218, totalCents: 15_218 });
    expect(draftInvoiceInputSchema.safeParse({ customerId: 'c1', jobId: 'j1', date: '2026-06-10', lines: priced.lines, totals: priced.totals }).success).toBe(true);
  });

  it('refuses to reprice lines typed by hand', () => {
    expect(setDraftLinePrice([{ description: 'Work', amountCents: 100, id: 'x' }], 'x', 100, 'r')).toEqual({ ok: false, error: 'This draft’s lines were typed by hand: use Edit to change them.' });
  });
});
