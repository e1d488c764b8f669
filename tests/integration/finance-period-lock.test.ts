/**
 * Issue 10, done-when 6: a change to a document dated in a closed month is refused with the
 * reason, by the client (the command says why) and by the relay (4422 `closed-period`), even
 * from a writer that skips the client's checks. Money recorded today against an invoice of a
 * closed month still goes through (corrections go into the open period). Finance rules apply
 * in the finance room only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { checkUpdateRules } from '../../server/relay/update-guard';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { CloseCode } from '../../src/lib/sync/protocol';
import { describeRefusal, parseRefusalCloseReason, refusalCloseReason } from '../../src/lib/domain/rooms/room-rules';
import { TEST_TIME_ZONE, testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';

const ROOM = 'ledger/finance';
const ada = { id: 'ada', name: 'Ada', role: 'admin' as const };
const lines = [{ description: 'Repair', amountCents: 10_000 }];
const totals = { subtotalCents: 10_000, discountCents: 0, taxCents: 0, totalCents: 10_000 };
const draft = (date: string) => ({ customerId: 'c1', customerName: 'Sam', date, terms: 'net-30', lines, totals });

describe('closed periods (done-when 6)', () => {
  let relay: RelayProcess;
  let admin: WebsocketProvider;
  let finance: FinanceDoc;
  let aprilIssued = '';
  let aprilDraft = '';

  beforeAll(async () => {
    relay = await startRelay();
    admin = stockClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'ledger', role: 'admin', sub: 'ada' }));
    await synced(admin);
    finance = new FinanceDoc(admin.doc);
    const issued = finance.createDraftInvoice(draft('2026-04-15'), ada, testNow());
    const pending = finance.createDraftInvoice(draft('2026-04-20'), ada, testNow());
    if (!issued.ok || !pending.ok) throw new Error('could not create the April documents');
    aprilIssued = issued.id;
    aprilDraft = pending.id;
    expect(finance.issueInvoice(aprilIssued, ada, 'ADAA', testNow())).toMatchObject({ ok: true, number: 'INV-ADAA-0001' });
    expect(finance.ledger.closePeriod('2026-04', TEST_TIME_ZONE, ada, testNow())).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    admin?.destroy();
    await relay?.kill();
  });

  it('the client refuses changing, issuing or voiding an April document, with the reason', () => {
    const reason = 'April 2026 is closed: record the correction in an open month';
    expect(finance.updateDraft(aprilDraft, draft('2026-06-01'), testNow())).toEqual({ ok: false, error: reason });
    expect(finance.issueInvoice(aprilDraft, ada, 'ADAA', testNow())).toEqual({ ok: false, error: reason });
    expect(finance.voidInvoice(aprilIssued, { reason: 'wrong price' }, ada, testNow())).toEqual({ ok: false, error: reason });
    expect(finance.createDraftInvoice(draft('2026-04-30'), ada, testNow())).toMatchObject({ ok: false, error: reason });
    expect(finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 100, receivedAt: '2026-04-30T20:00:00.000Z' }, ada, testNow())).toMatchObject({ ok: false, error: reason });
    expect(finance.ledger.closePeriod('2026-05', TEST_TIME_ZONE, { ...ada, role: 'dispatcher' }, testNow())).toEqual({ ok: false, error: 'Only an admin can close a month.' });
  });

  async function bypassingWriter(sub: string): Promise<RawClient> {
    const client = await new RawClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'ledger', role: 'dispatcher', sub })).ready();
    await client.roundTrip();
    await until(() => client.doc.getMap('periodLocks').size === 1 && client.doc.getMap('invoices').size === 2, 'the writer to hold the room');
    return client;
  }

  const refusals: Array<[string, (doc: Y.Doc) => void]> = [
    ['editing a draft dated in April', (doc) => (doc.getMap('invoices').get(aprilDraft) as Y.Map<unknown>).set('lines', [{ description: 'Changed', amountCents: 1 }])],
    ['moving an April draft into June', (doc) => (doc.getMap('invoices').get(aprilDraft) as Y.Map<unknown>).set('date', '2026-06-01')],
    ['voiding an April invoice', (doc) => doc.getMap('invoiceEvents').set('v1', entity({ kind: 'voided', invoiceId: aprilIssued, reason: 'x', at: testNow().toISOString(), by: 'obi' }))],
    ['a payment received in April', (doc) => doc.getMap('payments').set('p1', entity({ customerId: 'c1', method: 'cash', amountCents: 100, receivedAt: '2026-04-30T20:00:00.000Z', allocations: [], reference: '', at: testNow().toISOString(), by: 'obi' }))],
    ['a new invoice dated in April', (doc) => doc.getMap('invoices').set('i9', entity({ ...draft('2026-04-02'), kind: 'invoice', dueDate: '2026-05-02' }))]
  ];

  it.each(refusals)('the relay refuses %s with 4422 and the reason', async (_what, change) => {
    const writer = await bypassingWriter('obi');
    writer.write(change);
    expect(await writer.closed()).toBe(CloseCode.changeRefused);
    const refusal = parseRefusalCloseReason(writer.closeReason);
    expect(refusal?.reason).toBe('closed-period');
    expect(refusal?.detail).toMatch(/^[a-zA-Z]+\/[\w-]+: April 2026 is closed$/);
    expect(describeRefusal(refusal!.reason, refusal!.detail)).toMatch(/^the period it is dated in is closed \(/);
    expect((finance.invoices.get(aprilDraft)?.lines[0] as { description: string }).description).toBe('Repair');
    expect(finance.invoiceEvents.size).toBe(1);
    expect(finance.payments.size).toBe(0);
  });

  it('the relay refuses a month closed by anyone but an admin', async () => {
    const writer = await bypassingWriter('obi');
    writer.write((doc) => doc.getMap('periodLocks').set('l2', entity({ month: '2026-05', timeZone: TEST_TIME_ZONE, at: testNow().toISOString(), by: 'obi' })));
    expect(await writer.closed()).toBe(CloseCode.changeRefused);
    expect(parseRefusalCloseReason(writer.closeReason)).toEqual({ reason: 'not-permitted', detail: 'periodLocks/l2: only admin may record this' });
    expect(finance.locks().map((l) => l.month)).toEqual(['2026-04']);
  });

  it('accepts a payment made today against an April invoice: corrections go into the open month', async () => {
    const writer = await bypassingWriter('obi');
    writer.write((doc) => doc.getMap('payments').set('p2', entity({ customerId: 'c1', method: 'cash', amountCents: 2_500, receivedAt: testNow().toISOString(), allocations: [{ invoiceId: aprilIssued, amountCents: 2_500 }], reference: '', at: testNow().toISOString(), by: 'obi' })));
    await until(() => finance.payments.size === 1, 'the payment to reach the admin');
    expect(finance.receivables().byId.get(aprilIssued)).toMatchObject({ status: 'partially-paid', balanceCents: 7_500 });
    expect(writer.closeCode).toBeNull();
    writer.close();
  });
});

describe('closed-period refusals fit a close reason', () => {
  it('keeps the detail for the longest collection name and month', () => {
    const detail = `creditApplications/${'f'.repeat(36)}: September 2026 is closed`;
    expect(parseRefusalCloseReason(refusalCloseReason({ reason: 'closed-period', detail }))?.detail).toBe(detail);
  });
});

describe('finance rules are the finance room’s', () => {
  it('checks payments’ author in the finance room and leaves a board map of that name free', () => {
    const room = new Y.Doc();
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    writer.getMap('payments').set('p1', entity({ customerId: 'c1', amountCents: 1, receivedAt: '2026-06-01T00:00:00.000Z', at: '2026-06-01T00:00:00.000Z', by: 'mallory' }));
    const update = Y.mergeUpdates(updates);
    const context = { subject: 'obi', nowMs: Date.parse('2026-06-10T00:00:00.000Z'), maxFutureMs: 300_000 };
    expect(checkUpdateRules(room, update, { ...context, room: 'finance' })?.reason).toBe('wrong-author');
    expect(checkUpdateRules(room, update, { ...context, room: 'board' })).toBeNull();
  });
});

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  return map;
}
