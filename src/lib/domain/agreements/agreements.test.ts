import { describe, expect, it } from 'vitest';
import { addMonths, isLocalDate } from './calendar-months';
import { agreementSchema, checklistText, parseChecklistText, type Agreement } from './agreement';
import { renewalDate, renewingWithin, agreementSlaDue } from './renewal';
import { pmChanges, pmJobId, unscheduledVisits, type VisitProgress } from './pm-plan';
import { agreementProfitability, cyclesStarted, invoicedByJob } from './profitability';
import { parsePlanPartsText, planPartsFor, planPartsText } from './plan-parts';
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import type { LabourCost } from '../payroll/labour-cost';
import type { InvoiceView } from '../receivables/ledger';

function agreement(fields: Record<string, unknown> = {}): Agreement {
  return agreementSchema.parse({
    id: 'ag1',
    customerId: 'c1',
    name: 'Gold HVAC',
    startDate: '2026-01-31',
    termMonths: 12,
    billingCycle: 'annual',
    priceCents: 120_000,
    pmInterval: 'monthly',
    checklists: { '*': ['Visual check'], hvac: ['Replace filter'] },
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'u',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields
  });
}

/** Applies changes to an agreement the way the doc would (fields `pm:<key>`). */
function applied(a: Agreement, changes: ReturnType<typeof pmChanges>): Agreement {
  const pm = { ...a.pmVisits };
  for (const v of changes) pm[v.periodKey] = v;
  return { ...a, pmVisits: pm };
}

describe('calendar months and renewals', () => {
  it('adds months from the anchor, clamping to month ends', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('renews a leap-day start on Feb 28 in common years and Feb 29 in leap years', () => {
    expect(renewalDate('2028-02-29', 12, '2028-06-01')).toBe('2029-02-28');
    expect(renewalDate('2028-02-29', 12, '2029-02-28')).toBe('2030-02-28');
    expect(renewalDate('2028-02-29', 48, '2028-03-01')).toBe('2032-02-29');
    expect(renewalDate('2028-02-29', 12, '2031-03-01')).toBe('2032-02-29');
  });

  it('renews a month-end start at each month end of its term, anchored on the start', () => {
    expect(renewalDate('2026-01-31', 1, '2026-02-01')).toBe('2026-02-28');
    expect(renewalDate('2026-01-31', 1, '2026-02-28')).toBe('2026-03-31');
    expect(renewalDate('2026-08-31', 6, '2026-09-01')).toBe('2027-02-28');
    expect(renewalDate('2026-08-31', 6, '2027-02-28')).toBe('2027-08-31');
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
  });

  it('lists agreements renewing within 30/60/90 days, soonest first, cancelled ones left out', () => {
    const list = [
      agreement({ id: 'a', name: 'A', startDate: '2025-07-10', termMonths: 12 }),
      agreement({ id: 'b', name: 'B', startDate: '2025-08-20', termMonths: 12 }),
      agreement({ id: 'c', name: 'C', startDate: '2025-06-01', termMonths: 12, cancelled: true })
    ];
    expect(renewingWithin(list, '2026-06-10', 30).map((r) => [r.agreement.id, r.daysLeft])).toEqual([['a', 30]]);
    expect(renewingWithin(list, '2026-06-10', 90).map((r) => r.agreement.id)).toEqual(['a', 'b']);
  });

  it("sets a covered customer's SLA due from the shortest response time, when sooner than the default", () => {
    const now = new Date('2026-06-10T20:00:00.000Z');
    const list = [agreement({ responseHours: 8 }), agreement({ id: 'x', responseHours: 4 }), agreement({ id: 'y', customerId: 'c2', responseHours: 2 })];
    expect(agreementSlaDue(list, 'c1', now, '2026-06-10', '2026-06-13T20:00:00.000Z')).toBe('2026-06-11T00:00:00.000Z');
    expect(agreementSlaDue(list, 'c1', now, '2026-06-10', '2026-06-10T21:00:00.000Z')).toBe('2026-06-10T21:00:00.000Z');
    expect(agreementSlaDue(list, 'c3', now, '2026-06-10', null)).toBeNull();
    expect(agreementSlaDue(list, 'c1', now, '2026-06-10', null)).toBe('2026-06-11T00:00:00.000Z');
  });
});

describe('PM generation', () => {
  const none = (): VisitProgress => 'unbooked';

  it('generates the visits the horizon reaches, from the last period before today, with deterministic ids', () => {
    const a = agreement();
    const changes = pmChanges(a, ['hvac'], { today: '2026-06-10', horizonDays: 90, progressOf: none });
    expect(changes.map((v) => [v.periodKey, v.dueDate])).toEqual([
      ['2026-05', '2026-05-31'],
      ['2026-06', '2026-06-30'],
      ['2026-07', '2026-07-31'],
      ['2026-08', '2026-08-31']
    ]);
    expect(changes[0]!.jobId).toBe(pmJobId('ag1', '2026-05'));
    expect(pmJobId('ag1', '2026-05')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pmJobId('ag2', '2026-05')).not.toBe(pmJobId('ag1', '2026-05'));
    expect(changes[0]!.checklist).toEqual(['Visual check', 'hvac: Replace filter']);
    // Regenerating what is already there writes nothing.
    expect(pmChanges(applied(a, changes), ['hvac'], { today: '2026-06-10', horizonDays: 90, progressOf: none })).toEqual([]);
  });

  it('after an interval edit keeps the visits of months still planned, withdraws the others and leaves started ones', () => {
    const monthly = agreement({ startDate: '2026-04-30' });
    const generated = applied(monthly, pmChanges(monthly, [], { today: '2026-06-10', horizonDays: 180, progressOf: none }));
    expect(Object.keys(generated.pmVisits)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const started = generated.pmVisits['2026-06']!.jobId;
    const progressOf = (jobId: string): VisitProgress => (jobId === started ? 'started' : 'unbooked');
    const quarterly = { ...generated, pmInterval: 'quarterly' as const, checklists: { '*': ['Coil clean'] } };
    const after = applied(quarterly, pmChanges(quarterly, [], { today: '2026-06-10', horizonDays: 180, progressOf }));
    expect(after.pmVisits['2026-06']).toEqual(generated.pmVisits['2026-06']);
    expect(Object.keys(after.pmVisits)).toEqual(Object.keys(generated.pmVisits)); // nothing added
    const live = Object.values(after.pmVisits).filter((v) => !v.withdrawn);
    expect(live.map((v) => [v.periodKey, v.dueDate, v.jobId === generated.pmVisits[v.periodKey]!.jobId])).toEqual([
      ['2026-06', '2026-06-30', true],
      ['2026-07', '2026-07-30', true],
      ['2026-10', '2026-10-30', true]
    ]);
    expect(after.pmVisits['2026-07']!.checklist).toEqual(['Coil clean']);
    expect(unscheduledVisits(after, progressOf).map((v) => v.periodKey)).toEqual(['2026-07', '2026-10']);
    // Back to monthly: the withdrawn months come back as the same visits.
    const back = applied(after, pmChanges({ ...after, pmInterval: 'monthly' }, [], { today: '2026-06-10', horizonDays: 180, progressOf }));
    expect(Object.values(back.pmVisits).filter((v) => !v.withdrawn)).toHaveLength(7);
  });

  it('plans every N months after the last done visit', () => {
    const a = agreement({ pmInterval: 'after_last', pmEveryMonths: 4, startDate: '2026-02-15' });
    const first = applied(a, pmChanges(a, [], { today: '2026-06-10', horizonDays: 90, progressOf: none }));
    expect(Object.values(first.pmVisits).map((v) => [v.periodKey, v.dueDate])).toEqual([['n000', '2026-02-15'], ['n001', '2026-06-15']]);
    const doneId = first.pmVisits['n000']!.jobId;
    const progressOf = (id: string): VisitProgress => (id === doneId ? 'done' : 'unbooked');
    const later = pmChanges(first, [], { today: '2026-06-10', horizonDays: 180, progressOf, doneOn: () => '2026-05-01' });
    expect(later.map((v) => [v.periodKey, v.dueDate, v.withdrawn])).toEqual([
      ['n001', '2026-09-01', false]
    ]);
  });

  it('withdraws unstarted visits of a cancelled agreement and adds none', () => {
    const a = agreement();
    const generated = applied(a, pmChanges(a, [], { today: '2026-06-10', progressOf: none }));
    const changes = pmChanges({ ...generated, cancelled: true }, [], { today: '2026-06-10', progressOf: none });
    expect(changes.length).toBe(Object.keys(generated.pmVisits).length);
    expect(changes.every((v) => v.withdrawn)).toBe(true);
  });

  it('reads pm fields of the doc into pmVisits and leaves out unreadable ones', () => {
    const a = agreement({ 'pm:p001': { periodKey: 'p001', jobId: 'j', dueDate: '2026-02-28' }, 'pm:p002': { periodKey: 'p002' }, 'pm:p003': { periodKey: 'pX', jobId: 'j', dueDate: '2026-02-28' } });
    expect(Object.keys(a.pmVisits)).toEqual(['p001']);
  });
});

describe('plan parts', () => {
  const FILTER = { partId: 'p-flt', sku: 'FLT-2025', description: 'Filter', unit: 'each' };
  const BELT = { partId: 'p-belt', sku: 'BLT-A42', description: 'Belt', unit: 'each' };

  it('gives each visit the plan parts plus each covered asset\u2019s type parts, adding up repeats', () => {
    const a = agreement({ pmParts: [{ ...BELT, qty: 1 }], pmPartsByType: { hvac: [{ ...FILTER, qty: 2 }, { ...BELT, qty: 1 }] } });
    expect(planPartsFor(a, ['hvac', 'HVAC', 'boiler'])).toEqual([{ ...BELT, qty: 3 }, { ...FILTER, qty: 4 }]);
    const [visit] = pmChanges(a, ['hvac'], { today: '2026-02-01', horizonDays: 10, progressOf: () => 'unbooked' });
    expect(visit!.parts).toEqual([{ ...BELT, qty: 2 }, { ...FILTER, qty: 2 }]);
  });

  it('reads the form\u2019s lines against the price book and writes them back', () => {
    const parsed = parsePlanPartsText('blt-a42\nHVAC: FLT-2025 x 2\nhvac: FLT-2025 × 1', [FILTER, BELT]);
    expect(parsed).toEqual({ ok: true, pmParts: [{ ...BELT, qty: 1 }], pmPartsByType: { hvac: [{ ...FILTER, qty: 3 }] } });
    if (!parsed.ok) return;
    expect(planPartsText(parsed)).toBe('BLT-A42 × 1\nhvac: FLT-2025 × 3');
    expect(parsePlanPartsText('hvac: NOPE-1 × 2', [FILTER])).toMatchObject({ ok: false, error: expect.stringContaining('price-book SKU') });
    expect(parsePlanPartsText('FLT-2025 × 0', [FILTER])).toMatchObject({ ok: false });
  });
});

describe('checklist text', () => {
  it('reads lines per asset type and for any asset, and writes them back', () => {
    const parsed = parseChecklistText('Visual check\nHVAC: Replace filter\n\nhvac: Clean coil\nboiler:');
    expect(parsed).toEqual({ '*': ['Visual check'], hvac: ['Replace filter', 'Clean coil'] });
    expect(parseChecklistText(checklistText(parsed))).toEqual(parsed);
  });
});

describe('profitability', () => {
  const twoVisits = { billingCycle: 'quarterly', priceCents: 30_000, 'pm:2026-05': { periodKey: '2026-05', jobId: 'j5', dueDate: '2026-05-31' }, 'pm:2026-06': { periodKey: '2026-06', jobId: 'j6', dueDate: '2026-06-30' } };
  const booked = (id: string) => id === 'j5';
  const parts = new Map([['j5', 4_250], ['j6', 999]]);
  const line = (jobId: string | null, costCents: number): LabourCost => ({ entryId: `e-${jobId}-${costCents}`, jobId, technicianId: 't1', at: '2026-05-31T16:00:00.000Z', minutes: 60, costCents });
  const unpriced = (jobId: string | null, n: number): CurrentTimeEntry => ({ id: `u${n}`, rootId: `u${n}`, edited: false, technicianId: 't2', jobId, visitId: null, kind: 'on_site', start: '2026-05-31T16:00:00.000Z', end: '2026-05-31T17:00:00.000Z', at: '2026-05-31T16:00:00.000Z', by: 't2' });
  const invoice = (jobId: string, kind: 'invoice' | 'credit-note', subtotalCents: number, status: InvoiceView['status'] = 'issued') =>
    ({ record: { jobId }, kind, status, issued: status === 'draft' ? null : { at: '2026-06-01T00:00:00.000Z' }, totals: { subtotalCents, discountCents: 500, taxCents: 900, totalCents: subtotalCents + 400 } }) as unknown as InvoiceView;

  it('bills every cycle started up to today and subtracts the parts cost of its booked PM jobs', () => {
    expect(cyclesStarted('2026-01-31', 'monthly', '2026-06-10')).toBe(5); // Jan 31, Feb 28, Mar 31, Apr 30, May 31
    expect(cyclesStarted('2026-01-31', 'quarterly', '2026-06-10')).toBe(2);
    expect(cyclesStarted('2026-07-01', 'annual', '2026-06-10')).toBe(0);
    expect(agreementProfitability(agreement(twoVisits), '2026-06-10', { jobExists: booked, partsCostOfJob: parts, labour: null, invoiced: null })).toEqual({
      coverageCents: 60_000, invoicedCents: null, billedCents: 60_000, partsCostCents: 4_250, labourCostCents: null, unpricedEntries: 0, marginCents: 55_750, jobs: 1
    });
  });

  it('adds the labour of its PM jobs\u2019 time entries and counts entries without a pay rate instead of costing them zero', () => {
    const labour = { lines: [line('j5', 3_000), line('j5', 1_500), line('j6', 7_000), line('other', 9_000), line(null, 100)], unpriced: [unpriced('j5', 1), unpriced('j5', 2), unpriced('other', 3)] };
    const profit = agreementProfitability(agreement(twoVisits), '2026-06-10', { jobExists: booked, partsCostOfJob: parts, labour, invoiced: null });
    expect(profit).toMatchObject({ labourCostCents: 4_500, unpricedEntries: 2, marginCents: 60_000 - 4_250 - 4_500 });
    expect(agreementProfitability(agreement(twoVisits), '2026-06-10', { jobExists: booked, partsCostOfJob: parts, labour: { lines: [], unpriced: [] }, invoiced: null })).toMatchObject({ labourCostCents: 0, unpricedEntries: 0 });
  });

  it('adds what was invoiced on its PM jobs beyond coverage, before tax, less credit notes, ignoring drafts and voids', () => {
    const invoiced = invoicedByJob([invoice('j5', 'invoice', 20_000), invoice('j5', 'credit-note', 5_000), invoice('j5', 'invoice', 99_000, 'draft'), invoice('j5', 'invoice', 99_000, 'void'), invoice('j6', 'invoice', 1_000)]);
    expect(invoiced.get('j5')).toBe(19_500 - 4_500);
    const profit = agreementProfitability(agreement(twoVisits), '2026-06-10', { jobExists: booked, partsCostOfJob: parts, labour: null, invoiced });
    expect(profit).toMatchObject({ coverageCents: 60_000, invoicedCents: 15_000, billedCents: 75_000, marginCents: 75_000 - 4_250 });
  });
});
