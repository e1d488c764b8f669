/**
 * Issue 10, done-when 2, through the real relay: two finance clients go offline, each issues
 * 100 invoices and records 100 payments (seeded), then reconnect. Every number is unique and
 * each device's series is gap-free; on both devices every customer's balance equals issued
 * invoices − credit notes − payments + refunds, and both derive the same receivables.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { mulberry32, randomInt, type Random } from '../../src/lib/domain/dispatch/prng';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { priceManualLines } from '../../src/lib/domain/receivables/forms';
import { TEST_TIME_ZONE, testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from './support/clients';

const SEED = Number(process.env.FINANCE_SEED ?? 20261129);
const CUSTOMERS = ['c-ash', 'c-birch', 'c-cedar', 'c-dogwood', 'c-elm'];

function sameState(x: Device, y: Device): boolean {
  const sv = (d: Device) => [...Y.decodeStateVector(Y.encodeStateVector(d.finance.doc))].sort(([p], [q]) => p - q);
  return JSON.stringify(sv(x)) === JSON.stringify(sv(y));
}

interface Device {
  provider: WebsocketProvider;
  finance: FinanceDoc;
  actor: { id: string; name: string };
  code: string;
}

function draftFor(random: Random, customerId: string, date: string, kind: 'invoice' | 'credit-note' = 'invoice', creditOf: string | null = null) {
  const lines = Array.from({ length: 1 + randomInt(random, 3) }, (_, i) => ({ description: `Line ${i + 1}`, quantityMilli: 250 * (1 + randomInt(random, 12)), unitPriceCents: 500 + randomInt(random, 20_000) }));
  return { kind, creditOf, customerId, customerName: customerId, date, terms: (['on-receipt', 'net-15', 'net-30'] as const)[randomInt(random, 3)], ...priceManualLines(lines) };
}

/** One device's offline work: 100 invoices issued, 100 payments, a few credit notes and refunds. */
function work(device: Device, random: Random): void {
  const date = orgDay(testNow(), TEST_TIME_ZONE);
  for (let i = 0; i < 100; i++) {
    const customerId = CUSTOMERS[randomInt(random, CUSTOMERS.length)]!;
    const draft = device.finance.createDraftInvoice(draftFor(random, customerId, date), device.actor, testNow());
    if (!draft.ok) throw new Error(`draft refused: ${draft.error}`);
    const issued = device.finance.issueInvoice(draft.id, device.actor, device.code, testNow());
    if (!issued.ok) throw new Error(`issue refused: ${issued.error}`);
    const payer = CUSTOMERS[randomInt(random, CUSTOMERS.length)]!;
    // Mostly partial or exact payments oldest first; sometimes an overpayment (credit).
    const paid = device.finance.ledger.recordPayment({ customerId: payer, method: 'check', amountCents: 1_000 + randomInt(random, 60_000), receivedAt: testNow().toISOString(), reference: `chk ${i}` }, device.actor, testNow());
    if (!paid.ok) throw new Error(`payment refused: ${paid.error}`);
    if (i % 20 === 7) {
      const open = device.finance.receivables().invoices.find((v) => v.customerId === customerId && v.kind === 'invoice' && v.issued && v.status !== 'void');
      if (open) {
        const credit = device.finance.createDraftInvoice(draftFor(random, customerId, date, 'credit-note', open.id), device.actor, testNow());
        if (credit.ok) device.finance.issueInvoice(credit.id, device.actor, device.code, testNow());
      }
    }
    if (i % 25 === 3) {
      const credit = device.finance.receivables().customers.get(payer)?.creditCents ?? 0;
      if (credit > 0) device.finance.ledger.recordRefund({ customerId: payer, method: 'check', amountCents: Math.min(credit, 500), refundedAt: testNow().toISOString() }, device.actor, testNow());
    }
  }
}

describe('finance offline on two devices (done-when 2)', () => {
  let relay: RelayProcess;
  let a: Device;
  let b: Device;

  beforeAll(async () => {
    relay = await startRelay();
    const open = async (sub: string, code: string): Promise<Device> => {
      const provider = stockClient(relay.wsUrl, 'acme/finance', await makeToken(relay.dataDir, { org: 'acme', role: 'dispatcher', sub }));
      await synced(provider);
      return { provider, finance: new FinanceDoc(provider.doc), actor: { id: sub, name: sub }, code };
    };
    a = await open('ada', 'AAAA');
    b = await open('bob', 'BBBB');
  });

  afterAll(async () => {
    a?.provider.destroy();
    b?.provider.destroy();
    await relay?.kill();
  });

  it('keeps 200+ numbers unique and every balance equal to its ledger on both devices', async () => {
    const random = mulberry32(SEED);
    // Shared history first: both devices hold the same issued invoices, so both pay some of them.
    const date = orgDay(testNow(), TEST_TIME_ZONE);
    for (const customerId of CUSTOMERS) {
      const draft = a.finance.createDraftInvoice(draftFor(random, customerId, date), a.actor, testNow());
      if (draft.ok) a.finance.issueInvoice(draft.id, a.actor, a.code, testNow());
    }
    await until(() => b.finance.invoiceEvents.size === CUSTOMERS.length, 'b to hold the shared invoices');

    a.provider.disconnect();
    b.provider.disconnect();
    try {
      work(a, mulberry32(SEED + 1));
      work(b, mulberry32(SEED + 2));
    } catch (error) {
      throw new Error(`seed ${SEED}: ${String(error)}`);
    }
    a.provider.connect();
    b.provider.connect();
    const total = () => a.finance.invoiceEvents.size;
    await until(() => total() === b.finance.invoiceEvents.size && a.finance.payments.size === 200 && b.finance.payments.size === 200 && total() >= 205, 'both devices to converge', 30_000);
    await until(() => sameState(a, b), 'both devices to hold every change', 30_000);

    for (const device of [a, b]) {
      const events = device.finance.invoiceEvents.list();
      const numbers = events.flatMap((e) => (e.kind === 'issued' ? [e.number] : []));
      expect(numbers.length, `seed ${SEED}`).toBeGreaterThanOrEqual(205);
      expect(new Set(numbers).size, `seed ${SEED}: numbers unique`).toBe(numbers.length);
      for (const code of ['AAAA', 'BBBB']) {
        for (const prefix of ['INV', 'CN']) {
          const series = numbers.filter((n) => n.startsWith(`${prefix}-${code}-`)).map((n) => Number(n.split('-')[2])).sort((x, y) => x - y);
          expect(series, `seed ${SEED}: ${prefix}-${code} gap-free`).toEqual(series.map((_, i) => i + 1));
        }
      }
      const r = device.finance.receivables();
      const data = device.finance.data();
      for (const customerId of CUSTOMERS) {
        const issuedTotals = (kind: string) => r.invoices.filter((v) => v.customerId === customerId && v.issued && v.status !== 'void' && v.kind === kind).reduce((s, v) => s + v.totals.totalCents, 0);
        const paid = data.payments.filter((p) => p.customerId === customerId).reduce((s, p) => s + p.amountCents, 0);
        const refunded = data.refunds.filter((x) => x.customerId === customerId).reduce((s, x) => s + x.amountCents, 0);
        const summary = r.customers.get(customerId)!;
        expect(summary.balanceCents, `seed ${SEED}: ${customerId}`).toBe(issuedTotals('invoice') - issuedTotals('credit-note') - paid + refunded);
        const open = r.invoices.filter((v) => v.customerId === customerId && v.kind === 'invoice' && v.balanceCents > 0 && v.status !== 'void').reduce((s, v) => s + v.balanceCents, 0);
        expect(open - summary.creditCents, `seed ${SEED}: ${customerId} credit netted`).toBe(summary.balanceCents);
      }
    }
    const sorted = (d: Device) => [...d.finance.receivables().customers.values()].sort((x, y) => x.customerId.localeCompare(y.customerId));
    expect(sorted(a)).toEqual(sorted(b));
  }, 90_000);
});
