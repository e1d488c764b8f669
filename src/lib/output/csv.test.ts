import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../tests/factories/finance';
import { TEST_TIME_ZONE } from '../../../tests/clock';
import { agingReport } from '../domain/receivables/aging';
import { EXPORT_KINDS, EXPORT_TABLE, type ExportInput } from '../domain/receivables/exports';
import { deriveReceivables } from '../domain/receivables/ledger';
import { toCsv } from './csv';

function input(f: FinanceFixture): ExportInput {
  const receivables = deriveReceivables(f);
  return { receivables, data: f, aging: agingReport(receivables, '2026-07-20'), customerNames: new Map([['cust-a', 'Harbor Bakery, "North"']]), timeZone: TEST_TIME_ZONE };
}

const parsed = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

describe('accountant CSV exports', () => {
  const f = new FinanceFixture();
  const a = f.invoice({ totalCents: 10_000, date: '2026-06-01', terms: 'net-15' });
  f.invoice({ totalCents: 500, number: null });
  f.payment(12_000, [[a, 4_000]], { receivedAt: '2026-06-03T18:00:00.000Z' });
  f.refund(1_000);
  for (const e of f.events) if (e.kind === 'issued') e.lines = [{ description: 'Repair, with "quotes"\nand a second line', amountCents: 10_000, explanation: '2 h × $50.00' }];

  it('writes invoices, lines, payments and aging that parse back to the same rows (commas, quotes, line breaks)', () => {
    const tables = input(f);
    expect(parsed(toCsv(EXPORT_TABLE.invoices(tables)))).toEqual([
      { number: 'INV-TEST-0001', kind: 'invoice', status: 'Partially paid', customer: 'Harbor Bakery, "North"', customer_id: 'cust-a', date: '2026-06-01', due_date: '2026-06-16', subtotal: '100.00', discount: '0.00', tax: '0.00', total: '100.00', settled: '40.00', balance: '60.00', void_reason: '' }
    ]);
    expect(parsed(toCsv(EXPORT_TABLE['invoice-lines'](tables)))).toEqual([{ number: 'INV-TEST-0001', line: '1', description: 'Repair, with "quotes"\nand a second line', explanation: '2 h × $50.00', amount: '100.00', tax: '0.00', tax_rate: '' }]);
    expect(parsed(toCsv(EXPORT_TABLE.payments(tables))).map((r) => [r.date, r.type, r.amount, r.applied_to, r.unapplied])).toEqual([
      ['2026-06-03', 'payment', '120.00', 'INV-TEST-0001:40.00', '80.00'],
      ['2026-06-07', 'refund', '-10.00', '', '']
    ]);
    const aging = parsed(toCsv(EXPORT_TABLE.aging(tables)));
    expect(aging.map((r) => [r.customer, r.current, r.days_31_60, r.credit, r.net])).toEqual([
      ['Harbor Bakery, "North"', '0.00', '60.00', '70.00', '-10.00'],
      ['Total', '0.00', '60.00', '70.00', '-10.00']
    ]);
  });

  it('writes a journal whose debits equal its credits per entry', () => {
    const rows = parsed(toCsv(EXPORT_TABLE.journal(input(f))));
    const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
    const byEntry = new Map<string, number>();
    for (const r of rows) byEntry.set(r.entry!, (byEntry.get(r.entry!) ?? 0) + cents(r.debit) - cents(r.credit));
    expect(byEntry.size).toBe(3);
    expect([...byEntry.values()]).toEqual([0, 0, 0]);
    expect(rows[0]).toMatchObject({ date: '2026-06-01', account: '1100', account_name: 'Accounts receivable', debit: '100.00', credit: '', reference: 'INV-TEST-0001' });
  });

  it('neutralises cells a spreadsheet would run as formulas, but keeps negative amounts numbers', () => {
    const csv = toCsv({ fields: ['a', 'b', 'c'], data: [['=HYPERLINK("x")', '-12.50', '-x']] });
    expect(parsed(csv)).toEqual([{ a: `'=HYPERLINK("x")`, b: '-12.50', c: `'-x` }]);
  });

  it('has a table for every export kind', () => {
    for (const kind of EXPORT_KINDS) expect(EXPORT_TABLE[kind](input(f)).fields.length).toBeGreaterThan(0);
  });
});
