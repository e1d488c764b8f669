import { describe, expect, it } from 'vitest';
import { monthlyProfit } from '../kpi/money-kpis';
import { expenseInputSchema, expenseSchema, type Expense } from './expense';
import { categoryTotals, expenseFactsOf, expenseRows, expensesTable, rowsOfMonth } from './ledger';

const base = { at: '2026-06-10T12:00:00.000Z', by: 'ada', description: 'x' };
const exp = (id: string, over: Partial<Expense> = {}): Expense => expenseSchema.parse({ id, date: '2026-06-10', amountCents: 10_000, category: 'rent', ...base, ...over });

describe('expense schema', () => {
  it('parses the add form: amount text to cents, empty job id to null', () => {
    expect(expenseInputSchema.parse({ date: '2026-06-10', amount: '120.5', category: 'fuel', description: ' Diesel ', jobId: '' })).toEqual({ date: '2026-06-10', amount: 12_050, category: 'fuel', description: 'Diesel', jobId: null });
  });

  it('refuses zero, negative, three-decimal and missing amounts, unknown categories, impossible dates and no description', () => {
    const bad = expenseInputSchema.safeParse({ date: '2026-02-30', amount: '0', category: 'coffee', description: '' });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['date', 'amount', 'category', 'description']));
    for (const amount of ['-5', '1.234', 'abc', '']) expect(expenseInputSchema.safeParse({ date: '2026-06-10', amount, category: 'rent', description: 'x' }).success, amount).toBe(false);
  });

  it('stored records need a positive whole-cent amount; an unknown category reads as other', () => {
    expect(expenseSchema.safeParse({ id: 'e', date: '2026-06-10', amountCents: -1, category: 'rent', ...base }).success).toBe(false);
    expect(expenseSchema.safeParse({ id: 'e', date: '2026-06-10', amountCents: 1.5, category: 'rent', ...base }).success).toBe(false);
    expect(exp('e', { category: 'later-category' as never }).category).toBe('other');
  });
});

describe('expense ledger', () => {
  it('a reversal counts the negative of its expense, with its category and job; the expense is marked reversed', () => {
    const rows = expenseRows([exp('r', { reverses: 'a', date: '2026-06-11', category: 'other', amountCents: 10_000 }), exp('a', { category: 'fuel', jobId: 'j1' })]);
    expect(rows.map((r) => [r.expense.id, r.signedCents, r.category, r.jobId])).toEqual([
      ['a', 10_000, 'fuel', 'j1'],
      ['r', -10_000, 'fuel', 'j1']
    ]);
    expect(rows[0]!.reversedBy?.id).toBe('r');
    expect(categoryTotals(rows)).toEqual({ byCategory: [{ category: 'fuel', cents: 0 }], totalCents: 0 });
  });

  it('ignores a reversal of an unknown expense and a second reversal of the same one', () => {
    const rows = expenseRows([exp('a'), exp('r1', { reverses: 'a' }), exp('r2', { reverses: 'a', at: '2026-06-10T13:00:00.000Z' }), exp('x', { reverses: 'nope' })]);
    expect(rows.map((r) => r.expense.id)).toEqual(['a', 'r1']);
  });

  it('picks the same counted reversal on every device whatever the order records are listed in (seeded shuffles)', () => {
    const records = [exp('a'), exp('r2', { reverses: 'a', at: '2026-06-10T13:00:00.000Z' }), exp('r1', { reverses: 'a' }), exp('r0', { reverses: 'a', at: '2026-06-10T14:00:00.000Z' })];
    let seed = 12;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...records].sort(() => random() - 0.5);
      expect(expenseRows(shuffled).map((r) => r.expense.id), `seed 12, round ${round}`).toEqual(['a', 'r1']);
    }
  });

  it('totals the month by category', () => {
    const rows = rowsOfMonth(expenseRows([exp('a'), exp('b', { category: 'fuel', amountCents: 2_500 }), exp('c', { date: '2026-07-01' }), exp('d', { amountCents: 500 })]), '2026-06');
    expect(categoryTotals(rows)).toEqual({ byCategory: [{ category: 'rent', cents: 10_500 }, { category: 'fuel', cents: 2_500 }], totalCents: 13_000 });
  });

  it('feeds monthly profit: revenue 1000, parts 200, labour 300, expenses 100 → profit 400', () => {
    const expenses = expenseFactsOf([exp('a', { amountCents: 7_000 }), exp('b', { amountCents: 3_000, jobId: 'j1' }), exp('c', { amountCents: 5_000 }), exp('rc', { reverses: 'c' })]);
    const invoice = { id: 'i1', number: 'INV-1', jobId: 'j1', customerId: 'c', issuedAt: '2026-06-05T10:00:00.000Z', dueAt: null, subtotalCents: 100_000, totalCents: 100_000 };
    const months = monthlyProfit({ invoices: [invoice], parts: [{ jobId: 'j1', at: '2026-06-06T10:00:00.000Z', costCents: 20_000 }], labour: [{ jobId: 'j1', technicianId: 't', at: '2026-06-06T10:00:00.000Z', costCents: 30_000 }], expenses }, 'America/New_York');
    expect(months.get('2026-06')).toMatchObject({ revenueCents: 100_000, partsCents: 20_000, labourCents: 30_000, expensesCents: 10_000, profitCents: 40_000 });
  });

  it('exports the rows as CSV-ready text with reversals negative', () => {
    const table = expensesTable(expenseRows([exp('a', { jobId: 'j1', byName: 'Ada' }), exp('r', { reverses: 'a', reason: 'typo' })]), (id) => `J-${id}`);
    expect(table.data).toEqual([
      ['2026-06-10', 'Rent', 'x', 'J-j1', '100.00', '', '', 'Ada'],
      ['2026-06-10', 'Rent', 'x', 'J-j1', '-100.00', 'a', 'typo', 'ada']
    ]);
  });
});
