import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS } from '../../../tests/clock';
import { buildDemoCompany } from './company';
import { cleanName, tradingName } from './customers';
import { parseDemoDatasetText } from './dataset';

const dataset = parseDemoDatasetText(fs.readFileSync(new URL('../../../static/demo/sf-demo-dataset.json', import.meta.url), 'utf8'));

/** Leading punctuation, or whitespace that is not a single space between words. */
const UNTIDY = /^[\s\p{P}\p{S}]|\s$|\s{2,}|[\t\n\r]/u;

// The last test builds a whole company (about 1 s alone); the machine may be shared.
describe('demo customer names', { timeout: 30_000 }, () => {
  it('takes the trading name after "dba", "dba." and "dba:" without the punctuation', () => {
    expect(tradingName("Bay Area Mobile Catering, Inc. dba. Taqueria Angelica's")).toBe("Taqueria Angelica's");
    expect(tradingName('Datam SF LLC dba Anzu To You')).toBe('Anzu To You');
    expect(tradingName('Wu Wei LLC DBA: MoBowl')).toBe('MoBowl');
    expect(tradingName('Philz Coffee Truck')).toBe('Philz Coffee Truck');
  });

  it('cleans leading punctuation and stray spaces but keeps the name itself', () => {
    expect(cleanName('  . Taqueria   Angelica\u2019s ')).toBe('Taqueria Angelica\u2019s');
    expect(cleanName('- "Quick Grub"')).toBe('Quick Grub"');
    expect(cleanName('F & C Catering,')).toBe('F & C Catering');
    expect(cleanName('John\u2019s Catering #5')).toBe('John\u2019s Catering #5');
  });

  it('gives no demo customer or site a name that starts with punctuation or has stray spaces', () => {
    const company = buildDemoCompany(dataset, { seed: 1, now: TEST_CLOCKS['13:00'], orgName: 'Bayside Mechanical' });
    const names = [
      ...company.customers.map((c) => `customer: ${c.name}`),
      ...company.customers.flatMap((c) => c.contacts.map((k) => `contact: ${k.name}`)),
      ...company.sites.flatMap((s) => [`site label: ${s.label}`, `site address: ${s.address}`])
    ];
    const untidy = names.filter((entry) => UNTIDY.test(entry.slice(entry.indexOf(': ') + 2)));
    expect(untidy).toEqual([]);
    expect(company.customers.map((c) => c.name)).toContain("Taqueria Angelica's");
  });
});
