import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { deriveReceivables } from './ledger';
import { customerStatement } from './statement';

const ZONE = 'America/Los_Angeles';

describe('customer statement', () => {
  function fixture() {
    const f = new FinanceFixture();
    const may = f.invoice({ totalCents: 10_000, date: '2026-05-15', number: 'INV-TEST-0001' });
    f.payment(4_000, [[may, 4_000]], { receivedAt: '2026-05-20T18:00:00.000Z' });
    const june = f.invoice({ totalCents: 2_500, date: '2026-06-02', number: 'INV-TEST-0002' });
    f.invoice({ kind: 'credit-note', creditOf: june, totalCents: 500, date: '2026-06-03', number: 'CN-TEST-0001' });
    // 2026-07-01 05:30 UTC is still June 30 in Los Angeles.
    f.payment(1_000, [[june, 1_000]], { receivedAt: '2026-07-01T05:30:00.000Z' });
    f.refund(200, { refundedAt: '2026-07-02T18:00:00.000Z' });
    f.invoice({ totalCents: 9_999, date: '2026-06-05', voidReason: 'duplicate' });
    return f;
  }

  it('opens with the balance before the range, lists the range in order and closes with the running balance', () => {
    const f = fixture();
    const s = customerStatement(deriveReceivables(f), f, 'cust-a', '2026-06-01', '2026-06-30', ZONE);
    expect(s.openingCents).toBe(6_000);
    expect(s.lines.map((l) => [l.date, l.kind, l.amountCents, l.balanceCents])).toEqual([
      ['2026-06-02', 'invoice', 2_500, 8_500],
      ['2026-06-03', 'credit-note', -500, 8_000],
      ['2026-06-30', 'payment', -1_000, 7_000]
    ]);
    expect(s.closingCents).toBe(7_000);
  });

  it('closes on the customer balance once the range covers everything', () => {
    const f = fixture();
    const r = deriveReceivables(f);
    const s = customerStatement(r, f, 'cust-a', '2026-01-01', '2026-12-31', ZONE);
    expect(s.openingCents).toBe(0);
    expect(s.closingCents).toBe(r.customers.get('cust-a')?.balanceCents);
    expect(s.closingCents).toBe(10_000 - 4_000 + 2_500 - 500 - 1_000 + 200);
  });

  it('an empty range keeps the opening balance as the closing balance', () => {
    const f = fixture();
    const s = customerStatement(deriveReceivables(f), f, 'cust-a', '2026-06-10', '2026-06-20', ZONE);
    expect(s.lines).toEqual([]);
    expect(s.closingCents).toBe(s.openingCents);
    expect(s.openingCents).toBe(8_000);
  });
});
