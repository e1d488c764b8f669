import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../tests/clock';
import { FinanceFixture } from '../../../tests/factories/finance';
import { deriveReceivables } from '../domain/receivables/ledger';
import { invoiceFactsOf, labourFactsOf } from './report-money';

describe('report money inputs', () => {
  it('takes issued invoices (not drafts, not credit notes) with their subtotal after discount less credit notes against them, voids marked, warranty lines seen, settlements as payments', () => {
    const f = new FinanceFixture();
    const paid = f.invoice({ id: 'inv-paid', totalCents: 10_800, date: '2026-06-02', terms: 'net-15' });
    f.invoice({ id: 'inv-draft', totalCents: 500, number: null });
    f.invoice({ id: 'inv-void', totalCents: 700, voidReason: 'Typo' });
    f.invoice({ id: 'cn', totalCents: 100, kind: 'credit-note', creditOf: 'inv-paid' });
    const warranty = f.invoice({ id: 'inv-warranty', totalCents: 0 });
    // A discount and tax on the first one; a line the warranty covers on the other.
    const first = f.events.find((e) => e.kind === 'issued' && e.invoiceId === paid)!;
    if (first.kind === 'issued') first.totals = { subtotalCents: 11_000, discountCents: 1_000, taxCents: 800, totalCents: 10_800 };
    const cover = f.events.find((e) => e.kind === 'issued' && e.invoiceId === warranty)!;
    if (cover.kind === 'issued') cover.lines = [{ description: 'Compressor', amountCents: 0, coverage: { kind: 'warranty', basisPoints: 10_000, label: 'Manufacturer' } }];
    f.payment(5_000, [[paid, 5_000]], { receivedAt: '2026-06-09T18:00:00.000Z' });

    const { invoices, payments } = invoiceFactsOf(deriveReceivables(f), TEST_TIME_ZONE);
    expect(invoices.map((i) => [i.id, i.subtotalCents, i.totalCents, i.voided, i.warranty])).toEqual([
      ['inv-paid', 9_900, 10_800, false, false],
      ['inv-void', 700, 700, true, false],
      ['inv-warranty', 0, 0, false, true]
    ]);
    // Due at the start of the due day in the organisation's zone (June 17, PDT).
    expect(invoices[0]!.dueAt).toBe('2026-06-17T07:00:00.000Z');
    expect(payments.filter((p) => p.invoiceId === paid).reduce((n, p) => n + p.amountCents, 0)).toBe(5_100);
  });

  it('costs labour at each technician’s rate and lists those without one instead of costing them at zero', () => {
    const entry = (id: string, technicianId: string) => ({ id, rootId: id, edited: false, technicianId, jobId: 'j1', visitId: null, kind: 'on_site' as const, start: '2026-06-03T17:00:00.000Z', end: '2026-06-03T19:00:00.000Z', at: '2026-06-03T17:00:00.000Z', by: technicianId });
    const r = labourFactsOf([entry('a', 'tess'), entry('b', 'raj'), entry('c', 'raj')], [{ id: 'r', technicianId: 'tess', hourlyCents: 3_000, effectiveFrom: '2026-01-01', at: '2026-01-01T00:00:00.000Z', by: 'admin' }], TEST_TIME_ZONE);
    expect(r.labour).toEqual([{ jobId: 'j1', technicianId: 'tess', at: '2026-06-03T17:00:00.000Z', costCents: 6_000 }]);
    expect(r.unpricedTechnicians).toEqual(['raj']);
  });
});
