/**
 * Issue 12 (expenses): the relay keeps the `expenses` ledger of the finance room honest even
 * against a writer that skips the client's checks. Technicians cannot open finance at all; an
 * expense dated in a closed month is refused (4422 `closed-period`), and so is one credited to
 * someone else (`wrong-author`) and an edit of a recorded one; a manager's (read only) goes nowhere.
 * A dispatcher's own expense in an open month reaches the admin's FinanceDoc.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { CloseCode } from '../../src/lib/sync/protocol';
import { parseRefusalCloseReason } from '../../src/lib/domain/rooms/room-rules';
import { expenseRows, expenseFactsOf } from '../../src/lib/domain/expenses/ledger';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { TEST_TIME_ZONE, testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until, upgradeStatus } from './support/clients';

const ORG = 'books';
const ROOM = `${ORG}/finance`;
const ada = { id: 'ada', name: 'Ada', role: 'admin' as const };

describe('expenses at the relay', () => {
  let relay: RelayProcess;
  let admin: WebsocketProvider;
  let finance: FinanceDoc;

  beforeAll(async () => {
    relay = await startRelay();
    admin = stockClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'ada' }));
    await synced(admin);
    finance = new FinanceDoc(admin.doc);
    expect(finance.ledger.closePeriod('2026-04', TEST_TIME_ZONE, ada, testNow())).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    admin?.destroy();
    await relay?.kill();
  });

  async function writer(sub: string, role: 'dispatcher' | 'manager' = 'dispatcher'): Promise<RawClient> {
    const client = await new RawClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: ORG, role, sub })).ready();
    await client.roundTrip();
    await until(() => client.doc.getMap('periodLocks').size === 1, 'the writer to hold the room');
    return client;
  }

  const expense = (over: Record<string, unknown>) => entity({ date: '2026-06-10', amountCents: 4_200, category: 'fuel', description: 'Diesel', at: testNow().toISOString(), by: 'dee', ...over });

  it('a technician cannot open the finance room at all', async () => {
    const url = `${relay.wsUrl}/${ROOM}?token=${await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: 'tess' })}`;
    expect(await upgradeStatus(url)).toBe(403);
  });

  it('refuses a dispatcher’s expense dated in a closed month with closed-period', async () => {
    const dee = await writer('dee');
    dee.write((doc) => doc.getMap('expenses').set('e-april', expense({ date: '2026-04-30' })));
    expect(await dee.closed()).toBe(CloseCode.changeRefused);
    expect(parseRefusalCloseReason(dee.closeReason)).toEqual({ reason: 'closed-period', detail: 'expenses/e-april: April 2026 is closed' });
  });

  it('refuses an expense credited to someone else with wrong-author', async () => {
    const dee = await writer('dee');
    dee.write((doc) => doc.getMap('expenses').set('e-forged', expense({ by: 'ada' })));
    expect(await dee.closed()).toBe(CloseCode.changeRefused);
    expect(parseRefusalCloseReason(dee.closeReason)?.reason).toBe('wrong-author');
  });

  it('accepts the dispatcher’s own expense in an open month (a manager’s goes nowhere), then refuses editing it', async () => {
    const max = await writer('max', 'manager');
    max.write((doc) => doc.getMap('expenses').set('e-manager', expense({ by: 'max' })));
    // Everything the manager sent was processed once the relay answers its step 1.
    await max.roundTrip();
    const dee = await writer('dee');
    dee.write((doc) => doc.getMap('expenses').set('e-june', expense({})));
    await until(() => finance.expenses.has('e-june'), 'the expense to reach the admin');
    expect(finance.expenses.has('e-manager')).toBe(false);
    expect(finance.expenses.get('e-june')).toMatchObject({ amountCents: 4_200, category: 'fuel', by: 'dee' });
    expect(dee.closeCode).toBeNull();
    dee.write((doc) => (doc.getMap('expenses').get('e-june') as Y.Map<unknown>).set('amountCents', 1));
    expect(await dee.closed()).toBe(CloseCode.changeRefused);
    expect(parseRefusalCloseReason(dee.closeReason)?.reason).toBe('immutable-record');
    expect(finance.expenses.get('e-june')?.amountCents).toBe(4_200);
    expect(finance.expenses.size).toBe(1);
  });
});

describe('expenses offline on two devices', () => {
  let relay: RelayProcess;
  const devices: WebsocketProvider[] = [];

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    devices.forEach((d) => d.destroy());
    await relay?.kill();
  });

  it('keeps both offices’ expenses and counts one reversal of a shared expense, the same on both', async () => {
    const open = async (sub: string) => {
      const provider = stockClient(relay.wsUrl, 'twin/finance', await makeToken(relay.dataDir, { org: 'twin', role: 'dispatcher', sub }));
      devices.push(provider);
      await synced(provider);
      return { provider, finance: new FinanceDoc(provider.doc), actor: { id: sub, name: sub, role: 'dispatcher' as const } };
    };
    const a = await open('ada');
    const b = await open('bob');
    const today = orgDay(testNow(), TEST_TIME_ZONE);
    const add = (d: typeof a, amount: string, at: Date) => {
      const result = d.finance.recordExpense({ date: today, amount, category: 'tools', description: `${d.actor.id} ${amount}` }, d.actor, today, at);
      if (!result.ok) throw new Error(result.error);
      return result.id;
    };
    const shared = add(a, '500', testNow());
    await until(() => b.finance.expenses.has(shared), 'b to hold the shared expense');

    a.provider.disconnect();
    b.provider.disconnect();
    add(a, '30', testNow());
    add(b, '70', testNow());
    const later = new Date(testNow().getTime() + 1_000);
    expect(a.finance.reverseExpense(shared, { reason: 'a: returned' }, a.actor, today, testNow())).toMatchObject({ ok: true });
    expect(b.finance.reverseExpense(shared, { reason: 'b: returned' }, b.actor, today, later)).toMatchObject({ ok: true });
    a.provider.connect();
    b.provider.connect();
    await until(() => a.finance.expenses.size === 5 && b.finance.expenses.size === 5, 'both devices to hold all five records');

    const month = today.slice(0, 7);
    const net = (d: typeof a) => expenseFactsOf(d.finance.expenses.list()).filter((f) => f.month === month).reduce((n, f) => n + f.amountCents, 0);
    // 500 − 500 (one reversal counts) + 30 + 70.
    expect(net(a)).toBe(10_000);
    expect(net(b)).toBe(10_000);
    const counted = (d: typeof a) => expenseRows(d.finance.expenses.list()).map((r) => `${r.expense.id}:${r.signedCents}`);
    expect(counted(a)).toEqual(counted(b));
    expect(expenseRows(a.finance.expenses.list()).find((r) => r.expense.id === shared)?.reversedBy?.reason).toBe('a: returned');
  });
});

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  return map;
}
