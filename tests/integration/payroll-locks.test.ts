/**
 * Time paid in a pay run cannot be edited (issue 12 Done-when 5): the admin approves a run
 * (finance room) which locks the technician's span in the board room; the technician's app
 * refuses the edit, and the real relay refuses the superseding record when a client skips
 * that check. Stopping a clock left running, and adding a forgotten hour as a new entry, are
 * still accepted. Real relay process, real websockets, real Yjs clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv4 } from 'lib0/random';
import type { WebsocketProvider } from 'y-websocket';
import { TEST_TIME_ZONE, testNow } from '../clock';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { approvePayRun } from '../../src/lib/sync/payroll';
import { CloseCode } from '../../src/lib/sync/protocol';
import { addDays, periodOf } from '../../src/lib/domain/payroll/periods';
import { zonedParts } from '../../src/lib/domain/time/zoned';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';

const ada = { id: 'ada', name: 'Ada (admin)', role: 'admin' as const };
const tom = { id: 'tom', name: 'Tom' };
const TECH = 'tech-tom';
const at = (minutesFromNow: number) => new Date(testNow().getTime() + minutesFromNow * 60_000);

describe('pay-run locks in the board room', () => {
  let relay: RelayProcess;
  const org = 'payroll';
  const token = (role: 'admin' | 'technician', sub: string) => makeToken(relay.dataDir, { org, role, sub });
  let board: WebsocketProvider;
  let finance: WebsocketProvider;
  let runId = '';
  let paidRootId = '';

  beforeAll(async () => {
    relay = await startRelay();
    board = stockClient(relay.wsUrl, `${org}/board`, await token('admin', 'ada'));
    finance = stockClient(relay.wsUrl, `${org}/finance`, await token('admin', 'ada'));
    await Promise.all([synced(board), synced(finance)]);
    const b = new BoardDoc(board.doc);
    if (!b.directory.createTechnician({ name: 'Tom', userId: 'tom' }, TECH).ok) throw new Error('seed');
    // Tom's own device: a paid break of an hour, then a break left running.
    const { client, board: tb } = await technician();
    client.write(() => {
      expect(tb.fieldWork.startBreak(TECH, tom, at(-180)).ok).toBe(true);
      expect(tb.fieldWork.stopBreak(TECH, tom, at(-120)).ok).toBe(true);
      expect(tb.fieldWork.startBreak(TECH, tom, at(-60)).ok).toBe(true);
    });
    await until(() => b.fieldWork.currentEntries().length === 2, 'Tom’s entries on the admin board');
    client.close();
    paidRootId = b.fieldWork.currentEntries().find((e) => e.end !== null)!.rootId;

    // The admin approves the week holding those entries.
    const f = new FinanceDoc(finance.doc);
    const day = zonedParts(at(-180).getTime(), TEST_TIME_ZONE).date;
    expect(f.setPayRate({ technicianId: TECH, hourlyCents: 2400, effectiveFrom: '2026-01-01' }, ada, testNow()).ok).toBe(true);
    expect(f.savePayrollSettings({ overtimeRules: 'federal', workweekStart: 'sun', breakPay: 'paid', breakCapMinutes: 0, travelPaid: true, periodKind: 'weekly', periodAnchor: day }, ada).ok).toBe(true);
    const period = periodOf(day, f.payrollSettings());
    const approved = approvePayRun(f, b, period, TEST_TIME_ZONE, addDays(period.to, 1), ada, testNow());
    if (!approved.ok) throw new Error(approved.error);
    // 60 paid break minutes × 2400 ¢/60 = 2 400 ¢; the running break is not paid.
    expect(approved.run.totalCents).toBe(2_400);
    runId = approved.run.id;
  });

  afterAll(async () => {
    board.destroy();
    finance.destroy();
    await relay.kill();
  });

  /** Tom's device holding the board with the lock. */
  async function technician(): Promise<{ client: RawClient; board: BoardDoc }> {
    const client = await new RawClient(relay.wsUrl, `${org}/board`, await token('technician', 'tom')).ready();
    await client.roundTrip();
    const b = new BoardDoc(client.doc);
    await until(() => b.directory.technicians.get(TECH) !== undefined && (runId === '' || b.fieldWork.payrollLocks.list().length === 1), 'Tom’s device to hold the board');
    return { client, board: b };
  }

  it('the relay stores the run’s lock, and Tom’s app refuses to edit the paid entry', async () => {
    const { client, board: tb } = await technician();
    expect(tb.fieldWork.payrollLocks.list()).toMatchObject([{ technicianId: TECH, runId, by: 'ada' }]);
    const paid = tb.fieldWork.currentEntries().find((e) => e.rootId === paidRootId)!;
    const refused = tb.fieldWork.editEntry(paidRootId, { start: paid.start, end: at(-150).toISOString(), reason: 'Shorter break' }, tom, testNow());
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('paid in pay run') });
    client.close();
  });

  it('the relay refuses a superseding record of a paid entry written past the app, and stores nothing', async () => {
    const { client, board: tb } = await technician();
    const paid = tb.fieldWork.currentEntries().find((e) => e.rootId === paidRootId)!;
    const { rootId: _r, edited: _e, ...previous } = paid;
    client.write(() => tb.fieldWork.timeEntries.insert({ ...previous, id: uuidv4(), end: at(-150).toISOString(), supersedes: paid.id, reason: 'Shorter break', at: testNow().toISOString(), stamp: testNow().toISOString(), by: 'tom', byName: 'Tom' }));
    expect(await client.closed()).toBe(CloseCode.changeRefused);
    expect(client.closeReason).toMatch(new RegExp(`^refused: closed-period: timeEntries/[0-9a-f-]+ paid in run ${runId.slice(0, 8)}$`));
    expect(new BoardDoc(board.doc).fieldWork.currentEntries().find((e) => e.rootId === paidRootId)?.end).toBe(paid.end);
  });

  it('accepts stopping the clock left running and a forgotten hour added as a new entry', async () => {
    const { client, board: tb } = await technician();
    client.write(() => {
      expect(tb.fieldWork.stopBreak(TECH, tom, at(-30)).ok).toBe(true);
      expect(tb.fieldWork.addLateEntry({ technicianId: TECH, kind: 'on_site', start: at(-300).toISOString(), end: at(-240).toISOString(), reason: 'Forgot to clock in' }, tom, testNow()).ok).toBe(true);
    });
    const admin = new BoardDoc(board.doc);
    await until(() => admin.fieldWork.currentEntries().length === 3 && admin.fieldWork.currentEntries().every((e) => e.end !== null), 'the stop and the late entry on the admin board');
    expect(client.closeCode).toBeNull();
    client.close();
  });

  it('refuses a lock written by a technician (admins only)', async () => {
    const { client, board: tb } = await technician();
    client.write(() => tb.fieldWork.payrollLocks.insert({ id: uuidv4(), technicianId: TECH, from: at(-600).toISOString(), to: testNow().toISOString(), runId: 'fake', at: testNow().toISOString(), by: 'tom' }));
    expect(await client.closed()).toBe(CloseCode.changeRefused);
    expect(client.closeReason).toMatch(/^refused: not-permitted: payrollLocks\//);
  });
});
