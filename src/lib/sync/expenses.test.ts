import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FinanceDoc } from './finance';
import { TEST_NOW } from '../../../tests/clock';

const dispatcher = { id: 'dee', name: 'Dee', role: 'dispatcher' as const };
const today = '2026-06-15';
const input = (over: Record<string, unknown> = {}) => ({ date: '2026-06-10', amount: '250', category: 'vehicle', description: 'Van service', ...over });

describe('FinanceDoc expenses', () => {
  it('records an expense as an authored record; a manager or technician cannot', () => {
    const finance = new FinanceDoc(new Y.Doc());
    const result = finance.recordExpense(input({ jobId: 'j1' }), dispatcher, today, TEST_NOW);
    expect(result.ok).toBe(true);
    expect(finance.expenses.list()).toEqual([expect.objectContaining({ date: '2026-06-10', amountCents: 25_000, category: 'vehicle', jobId: 'j1', by: 'dee', byName: 'Dee', at: TEST_NOW.toISOString() })]);
    for (const role of ['manager', 'technician'] as const) expect(finance.recordExpense(input(), { ...dispatcher, role }, today, TEST_NOW)).toMatchObject({ ok: false });
    expect(finance.expenses.size).toBe(1);
  });

  it('a business expense stores no jobId field (the relay types jobId as a non-empty string)', () => {
    const finance = new FinanceDoc(new Y.Doc());
    finance.recordExpense(input(), dispatcher, today, TEST_NOW);
    expect([...(finance.doc.getMap('expenses').values().next().value as Y.Map<unknown>).keys()]).not.toContain('jobId');
  });

  it('refuses bad input with field errors, and a future day', () => {
    const finance = new FinanceDoc(new Y.Doc());
    expect(finance.recordExpense(input({ amount: '0', description: '' }), dispatcher, today, TEST_NOW)).toMatchObject({ ok: false, errors: { amount: expect.any(String), description: 'say what it was for' } });
    expect(finance.recordExpense(input({ date: '2026-06-16' }), dispatcher, today, TEST_NOW)).toMatchObject({ ok: false, errors: { date: 'in the future' } });
    expect(finance.expenses.size).toBe(0);
  });

  it('refuses an expense dated in a closed month', () => {
    const finance = new FinanceDoc(new Y.Doc());
    expect(finance.ledger.closePeriod('2026-05', 'UTC', { id: 'ada', role: 'admin' }, TEST_NOW)).toMatchObject({ ok: true });
    expect(finance.recordExpense(input({ date: '2026-05-31' }), dispatcher, today, TEST_NOW)).toMatchObject({ ok: false, error: 'May 2026 is closed: record the correction in an open month' });
    expect(finance.expenses.size).toBe(0);
  });

  it('reverses with a reason as a new record (the expense never changes), once; dated today when its month is closed', () => {
    const finance = new FinanceDoc(new Y.Doc());
    const open = finance.recordExpense(input(), dispatcher, today, TEST_NOW);
    const old = finance.recordExpense(input({ date: '2026-05-20' }), dispatcher, today, TEST_NOW);
    if (!open.ok || !old.ok) throw new Error('setup');
    expect(finance.reverseExpense(open.id, { reason: '' }, dispatcher, today, TEST_NOW)).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
    const reversed = finance.reverseExpense(open.id, { reason: 'entered twice' }, dispatcher, today, TEST_NOW);
    expect(reversed).toMatchObject({ ok: true });
    expect(finance.reverseExpense(open.id, { reason: 'again' }, dispatcher, today, TEST_NOW)).toMatchObject({ ok: false, error: 'That expense is already reversed.' });
    expect(finance.reverseExpense(reversed.ok ? reversed.id : '', { reason: 'undo' }, dispatcher, today, TEST_NOW)).toMatchObject({ ok: false });
    expect(finance.expenses.get(reversed.ok ? reversed.id : '')).toMatchObject({ reverses: open.id, date: '2026-06-10', amountCents: 25_000, reason: 'entered twice' });
    expect(finance.expenses.get(open.id)).not.toHaveProperty('reverses');

    finance.ledger.closePeriod('2026-05', 'UTC', { id: 'ada', role: 'admin' }, TEST_NOW);
    const late = finance.reverseExpense(old.id, { reason: 'wrong van' }, dispatcher, today, TEST_NOW);
    expect(late.ok && finance.expenses.get(late.id)?.date).toBe(today);
    expect(finance.reverseExpense(open.id, { reason: 'x' }, { ...dispatcher, role: 'manager' }, today, TEST_NOW)).toMatchObject({ ok: false });
  });
});
