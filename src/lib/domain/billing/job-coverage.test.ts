import { describe, expect, it } from 'vitest';
import { agreementCoversJob, applyJobCoverage, parseCoveredService, type CoverageAgreement, type CoverageAsset, type CoverageJob } from './job-coverage';
import { priceDocument } from './price-document';
import { draft } from './test-book';

const agreement = (fields: Partial<CoverageAgreement> = {}): CoverageAgreement => ({
  id: 'ag1', name: 'Gold plan', customerId: 'c1', siteIds: ['s1'], assetIds: [], startDate: '2026-01-01', cancelled: false, coveredServices: [], partsDiscountBp: 0, ...fields
});
const heater: CoverageAsset = { id: 'a1', type: 'Water heater', warrantyEnd: '2026-06-10' };
const job = (fields: Partial<CoverageJob> = {}): CoverageJob => ({ customerId: 'c1', type: 'repair', siteId: 's1', assets: [], date: '2026-06-10', ...fields });

// One labour line ($240), one part ($100), one free-text part (price set: $50), one service ("Tune-up", $89).
const lines = [
  draft({ id: 'labour:1', kind: 'labour', description: 'Labour', unit: 'h', quantity: { n: 120, d: 60 }, unitPriceCents: 12_000, taxable: false }),
  draft({ id: 'part:0:p1', kind: 'part', description: 'Filter' }),
  draft({ id: 'part:u9', kind: 'manual', description: 'Gasket', unitPriceCents: 0, override: { unitPriceCents: 5000, reason: 'supplier quote' } }),
  draft({ id: 'service:0:s1', kind: 'service', description: 'Tune-up', unitPriceCents: 8900, taxable: false })
];

interface Case {
  name: string;
  agreements?: CoverageAgreement[];
  job?: Partial<CoverageJob>;
  codes?: Record<string, string[]>;
  /** Expected coverage per line id: [kind, bp] or null. */
  expect: Record<string, [string, number] | null>;
  /** Expected Σ coverage in cents. */
  coverageCents: number;
}

const cases: Case[] = [
  { name: 'nothing covers a job without agreements or assets', expect: { 'labour:1': null, 'part:0:p1': null, 'part:u9': null, 'service:0:s1': null }, coverageCents: 0 },
  { name: 'a parts discount covers every part line, free-text parts included', agreements: [agreement({ partsDiscountBp: 1500 })], expect: { 'labour:1': null, 'part:0:p1': ['agreement', 1500], 'part:u9': ['agreement', 1500], 'service:0:s1': null }, coverageCents: 1500 + 750 },
  { name: '"Labour" covers labour lines at 100 %', agreements: [agreement({ coveredServices: ['Labour'] })], expect: { 'labour:1': ['agreement', 10_000], 'part:0:p1': null }, coverageCents: 24_000 },
  { name: '"labor 50 %" covers half the labour', agreements: [agreement({ coveredServices: ['labor 50 %'] })], expect: { 'labour:1': ['agreement', 5000] }, coverageCents: 12_000 },
  { name: 'the job type covers labour of that type', agreements: [agreement({ coveredServices: ['Maintenance'] })], job: { type: 'maintenance' }, expect: { 'labour:1': ['agreement', 10_000] }, coverageCents: 24_000 },
  { name: 'an entry with the job type as a word covers its labour', agreements: [agreement({ coveredServices: ['Preventive maintenance 80 %'] })], job: { type: 'maintenance' }, expect: { 'labour:1': ['agreement', 8000] }, coverageCents: 19_200 },
  { name: 'the job type of another job covers nothing', agreements: [agreement({ coveredServices: ['Maintenance'] })], expect: { 'labour:1': null }, coverageCents: 0 },
  { name: 'a service named in the agreement is covered (by name)', agreements: [agreement({ coveredServices: ['tune-up: 25%'] })], expect: { 'service:0:s1': ['agreement', 2500], 'labour:1': null }, coverageCents: 2225 },
  { name: 'a service is covered by its price-book code', agreements: [agreement({ coveredServices: ['TUNE'] })], codes: { 'service:0:s1': ['TUNE'] }, expect: { 'service:0:s1': ['agreement', 10_000] }, coverageCents: 8900 },
  { name: 'an agreement that has not started yet covers nothing', agreements: [agreement({ startDate: '2026-06-11', partsDiscountBp: 1000 })], expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'an agreement starting on the job day covers it', agreements: [agreement({ startDate: '2026-06-10', partsDiscountBp: 1000 })], expect: { 'part:0:p1': ['agreement', 1000] }, coverageCents: 1500 },
  { name: 'a cancelled agreement covers nothing', agreements: [agreement({ cancelled: true, partsDiscountBp: 1000 })], expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'another customer’s agreement covers nothing', agreements: [agreement({ customerId: 'c2', partsDiscountBp: 1000 })], expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'an agreement for another site covers nothing', agreements: [agreement({ siteIds: ['s2'], partsDiscountBp: 1000 })], expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'an agreement naming assets covers only jobs on them', agreements: [agreement({ assetIds: ['a9'], partsDiscountBp: 1000 })], job: { assets: [{ ...heater, warrantyEnd: null }] }, expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'an agreement naming the job’s asset covers it, even at another site', agreements: [agreement({ siteIds: ['s2'], assetIds: ['a1'], partsDiscountBp: 1000 })], job: { assets: [{ ...heater, warrantyEnd: null }] }, expect: { 'part:0:p1': ['agreement', 1000] }, coverageCents: 1500 },
  { name: 'an agreement with no sites or assets covers the whole customer', agreements: [agreement({ siteIds: [], partsDiscountBp: 1000 })], job: { siteId: null }, expect: { 'part:0:p1': ['agreement', 1000] }, coverageCents: 1500 },
  { name: 'warranty on its last day covers parts 100 %, not labour', job: { assets: [heater] }, expect: { 'labour:1': null, 'part:0:p1': ['warranty', 10_000], 'part:u9': ['warranty', 10_000], 'service:0:s1': null }, coverageCents: 15_000 },
  { name: 'an expired warranty covers nothing', job: { assets: [{ ...heater, warrantyEnd: '2026-06-09' }] }, expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'a warranty that includes labour covers labour too', job: { assets: [{ ...heater, warrantyLabour: true }] }, expect: { 'labour:1': ['warranty', 10_000], 'part:0:p1': ['warranty', 10_000] }, coverageCents: 39_000 },
  { name: 'warranty applies only when every asset of the job is in warranty', job: { assets: [heater, { id: 'a2', type: 'Boiler', warrantyEnd: null }] }, expect: { 'part:0:p1': null }, coverageCents: 0 },
  { name: 'warranty beats an agreement’s parts discount', agreements: [agreement({ partsDiscountBp: 2000 })], job: { assets: [heater] }, expect: { 'part:0:p1': ['warranty', 10_000] }, coverageCents: 15_000 },
  { name: 'an agreement covering labour 100 % still applies beside a parts-only warranty', agreements: [agreement({ coveredServices: ['Labour'] })], job: { assets: [heater] }, expect: { 'labour:1': ['agreement', 10_000], 'part:0:p1': ['warranty', 10_000] }, coverageCents: 39_000 },
  { name: 'of two agreements the higher share wins per line', agreements: [agreement({ id: 'ag1', partsDiscountBp: 1000, coveredServices: ['Labour'] }), agreement({ id: 'ag2', name: 'Silver', partsDiscountBp: 2000 })], expect: { 'part:0:p1': ['agreement', 2000], 'labour:1': ['agreement', 10_000] }, coverageCents: 2000 + 1000 + 24_000 }
];

describe('applyJobCoverage (table)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const covered = applyJobCoverage(lines, c.agreements ?? [], job(c.job), (line) => c.codes?.[line.id] ?? []);
      for (const [id, want] of Object.entries(c.expect)) {
        const line = covered.drafts.find((l) => l.id === id)!;
        if (want === null) expect(line.coverage, id).toBeNull();
        else expect(line.coverage, id).toMatchObject({ kind: want[0], bp: want[1] });
      }
      const priced = priceDocument(covered.drafts);
      if (!priced.ok) throw new Error(priced.errors.join('; '));
      expect(priced.document.totals.coverageCents).toBe(c.coverageCents);
      expect(covered.applied.length > 0).toBe(c.coverageCents > 0);
    });
  }

  it('explains each covered line with the agreement’s name, share and amount', () => {
    const covered = applyJobCoverage(lines, [agreement({ partsDiscountBp: 1500 })], job());
    const priced = priceDocument(covered.drafts);
    if (!priced.ok) throw new Error('priced');
    expect(priced.document.lines.find((l) => l.id === 'part:0:p1')!.explanation).toContain('Agreement Gold plan covers 15 % (−$15.00)');
    expect(covered.applied).toEqual(['Agreement Gold plan']);
  });

  it('labels the warranty with the equipment and its end date', () => {
    const covered = applyJobCoverage(lines, [], job({ assets: [heater] }));
    expect(covered.applied).toEqual(['Warranty (Water heater, until 2026-06-10)']);
  });

  it('keeps a coverage a line already carries', () => {
    const own = { kind: 'agreement' as const, bp: 500, label: 'typed' };
    const covered = applyJobCoverage([{ ...lines[1]!, coverage: own }], [agreement({ partsDiscountBp: 5000 })], job());
    expect(covered.drafts[0]!.coverage).toBe(own);
  });
});

describe('parseCoveredService', () => {
  it.each([
    ['Labour', { name: 'labour', bp: 10_000 }],
    ['Filter change 50 %', { name: 'filter change', bp: 5000 }],
    ['tune-up: 12.5%', { name: 'tune-up', bp: 1250 }],
    ['Diagnostic (25%)', { name: 'diagnostic', bp: 2500 }],
    ['  ', null],
    ['Overdone 150 %', null]
  ])('%s', (text, want) => expect(parseCoveredService(text)).toEqual(want));

  it('an agreement covers by site when it names no assets', () => {
    expect(agreementCoversJob(agreement(), job())).toBe(true);
    expect(agreementCoversJob(agreement(), job({ siteId: null }))).toBe(false);
  });
});
