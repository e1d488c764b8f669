import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { filterFromParams, filterInvoices, NO_FILTER } from './filters';
import { deriveReceivables } from './ledger';

describe('invoice filters', () => {
  const f = new FinanceFixture();
  const overdue = f.invoice({ totalCents: 100, date: '2026-05-01', terms: 'on-receipt', customerId: 'c1' });
  const current = f.invoice({ totalCents: 100, date: '2026-06-09', terms: 'net-30', customerId: 'c2' });
  const draft = f.invoice({ totalCents: 100, date: '2026-06-10', number: null, customerId: 'c1' });
  const views = deriveReceivables(f).invoices;

  it('lists newest first and filters by status, customer and overdue', () => {
    expect(filterInvoices(views, NO_FILTER, '2026-06-10').map((v) => v.id)).toEqual([draft, current, overdue]);
    expect(filterInvoices(views, { ...NO_FILTER, status: 'draft' }, '2026-06-10').map((v) => v.id)).toEqual([draft]);
    expect(filterInvoices(views, { ...NO_FILTER, customerId: 'c1' }, '2026-06-10').map((v) => v.id)).toEqual([draft, overdue]);
    expect(filterInvoices(views, { ...NO_FILTER, overdue: true }, '2026-06-10').map((v) => v.id)).toEqual([overdue]);
  });

  it('reads URL params and ignores unknown values', () => {
    expect(filterFromParams(new URLSearchParams('status=paid&customer=c1&overdue=1'))).toEqual({ status: 'paid', officeId: null, customerId: 'c1', overdue: true });
    expect(filterFromParams(new URLSearchParams('status=bogus'))).toEqual(NO_FILTER);
  });
});
