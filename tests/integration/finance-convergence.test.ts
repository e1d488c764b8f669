/**
 * The finance room's merge rules on three replicas (clocks skewed by minutes, updates shuffled,
 * duplicated and held back; tests/integration/support/replica-network.ts): ledger entries all
 * count, the first issue of a document is what was issued (snapshot on issue), a concurrent
 * second issue keeps its number as a duplicate, voids win, and every replica derives the same
 * balances. Seeded; the seed is in every failure message.
 */
import { describe, expect, it } from 'vitest';
import { FinanceDoc } from '../../src/lib/sync/finance';
import type { Receivables } from '../../src/lib/domain/receivables/ledger';
import { ReplicaNetwork, type Replica } from './support/replica-network';

const SEEDS = [1, 7, 42, 1129, 2026];
const START = Date.parse('2026-06-10T20:00:00.000Z');
const priced = (cents: number) => ({ lines: [{ description: 'Work', amountCents: cents }], totals: { subtotalCents: cents, discountCents: 0, taxCents: 0, totalCents: cents } });

/** What every replica must agree on. */
function view(r: Receivables) {
  return {
    invoices: r.invoices.map((v) => ({ id: v.id, number: v.number, status: v.status, balance: v.balanceCents, duplicates: v.duplicateNumbers })).sort((a, b) => a.id.localeCompare(b.id)),
    customers: [...r.customers.values()].sort((a, b) => a.customerId.localeCompare(b.customerId))
  };
}

describe.each(SEEDS)('finance convergence, seed %i', (seed) => {
  it('converges on one issue per document, every payment counted, the same balances', () => {
    const net = new ReplicaNetwork(seed, START);
    const replicas = [net.add('a', 0), net.add('b', -4), net.add('c', 3)];
    const finance = new Map<Replica, FinanceDoc>(replicas.map((r) => [r, new FinanceDoc(r.doc)]));
    const fin = (r: Replica) => finance.get(r)!;
    const actor = (r: Replica) => ({ id: r.name, name: r.name.toUpperCase() });
    const [a, b, c] = replicas as [Replica, Replica, Replica];

    // Shared start: two drafts and one issued invoice everyone holds.
    const draft = (r: Replica, cents: number, customerId = 'c1') => {
      const result = fin(r).createDraftInvoice({ customerId, date: '2026-06-10', terms: 'net-15', ...priced(cents) }, actor(r), r.now());
      if (!result.ok) throw new Error(`seed ${seed}: ${result.error}`);
      return result.id;
    };
    const contested = draft(a, 10_000);
    const toVoid = draft(a, 5_000);
    const shared = draft(a, 8_000);
    fin(a).issueInvoice(shared, actor(a), 'AAAA', a.now());
    fin(a).issueInvoice(toVoid, actor(a), 'AAAA', a.now());
    net.settle();

    for (const r of replicas) net.setOffline(r, true);
    net.tick(60_000);
    // Two replicas issue the same draft offline; all three take payment for the shared invoice.
    expect(fin(a).issueInvoice(contested, actor(a), 'AAAA', a.now()), `seed ${seed}`).toMatchObject({ ok: true });
    expect(fin(b).issueInvoice(contested, actor(b), 'BBBB', b.now()), `seed ${seed}`).toMatchObject({ ok: true });
    for (const r of replicas) fin(r).ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 3_000, receivedAt: r.now().toISOString(), allocations: [{ invoiceId: shared, amountCents: 3_000 }] }, actor(r), r.now());
    fin(c).voidInvoice(toVoid, { reason: 'entered twice' }, actor(c), c.now());
    for (let i = 0; i < 3; i++) fin(replicas[i % 3]!).issueInvoice(draft(replicas[i % 3]!, 1_000 * (i + 1), 'c2'), actor(replicas[i % 3]!), ['AAAA', 'BBBB', 'CCCC'][i % 3]!, replicas[i % 3]!.now());

    for (const r of replicas) net.setOffline(r, false);
    net.deliverSome(0.5);
    net.tick(1000);
    net.settle();
    expect(net.noPending(), `seed ${seed}`).toBe(true);

    const views = replicas.map((r) => view(fin(r).receivables()));
    expect(views[1], `seed ${seed}`).toEqual(views[0]);
    expect(views[2], `seed ${seed}`).toEqual(views[0]);
    const r = fin(a).receivables();
    const issued = r.byId.get(contested)!;
    // Replica b's clock is 4 minutes slow: its issue sorts first, whoever's arrives first.
    expect(issued.number, `seed ${seed}`).toBe('INV-BBBB-0001');
    expect(issued.duplicateNumbers, `seed ${seed}`).toEqual(['INV-AAAA-0003']);
    expect(r.byId.get(shared), `seed ${seed}`).toMatchObject({ status: 'paid', balanceCents: -1_000 });
    expect(r.byId.get(toVoid)?.status, `seed ${seed}`).toBe('void');
    expect(r.customers.get('c1'), `seed ${seed}`).toMatchObject({ invoicedCents: 18_000, paidCents: 9_000, balanceCents: 9_000, openInvoicesCents: 10_000, creditCents: 1_000 });
    const numbers = fin(a).invoiceEvents.list().flatMap((e) => (e.kind === 'issued' ? [e.number] : []));
    expect(new Set(numbers).size, `seed ${seed}`).toBe(numbers.length);
  });
});
