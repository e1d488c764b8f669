/**
 * Issue 13, "Years of history that stay fast": board generations through the real relay.
 * Two devices online and one offline with unconfirmed edits on the old generation; jobs are
 * archived and the board compacted through the endpoint. The online devices move to
 * board-g2 live; the offline one's edits land in the old room and are forwarded, then it
 * moves too. The pointer and both rooms survive SIGKILL; a fresh device opens board-g2
 * directly; compacting again is refused as not worth it; a technician may not compact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Role } from '../../src/lib/domain/access/roles';
import { boardApiPath, compactionAnswerSchema, currentBoardSchema } from '../../src/lib/domain/rooms/board-generation-api';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { archivePlan, runArchive } from '../../src/lib/sync/archiver';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { boardDocToOpen } from '../../src/lib/sync/board-succession';
import { Workspace } from '../../src/lib/sync/workspace';
import { jobEndingAt } from '../factories/archive-jobs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from './support/clients';

const ORG = 'gens';
const NOW = new Date('2026-06-10T20:00:00.000Z');
const ADA = { id: 'ada', name: 'ada' };
const CARL = { id: 'carl', name: 'carl' };

/** One device: its key-value store survives reopening, as a browser's does. */
class Device {
  readonly store = new MemoryStore();
  readonly moves: string[] = [];
  ws!: Workspace;

  constructor(
    private readonly relay: RelayProcess,
    private readonly role: Role,
    private readonly sub: string
  ) {}

  /** Opens the workspace like the app: the remembered board, else the one the relay names. */
  async open(): Promise<Workspace> {
    const token = await makeToken(this.relay.dataDir, { org: ORG, role: this.role, sub: this.sub, name: this.sub });
    const boardDoc = await boardDocToOpen(this.store, ORG, async () => (await currentBoard(this.relay, token)).doc);
    const ws = new Workspace({
      org: ORG,
      role: this.role,
      token,
      user: this.sub,
      boardDoc,
      serverUrl: this.relay.wsUrl,
      store: this.store,
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      onBoardMoved: ({ to }) => {
        // What the app does (state/workspace.svelte.ts): close and reopen on the new room.
        this.moves.push(to);
        ws.destroy();
        void this.open();
      }
    });
    this.ws = ws;
    await ws.whenLoaded;
    return ws;
  }

  get room(): string {
    return this.ws.boardDoc;
  }
}

async function currentBoard(relay: RelayProcess, token: string): Promise<{ doc: string }> {
  const res = await fetch(`${relay.httpUrl}${boardApiPath(ORG)}`, { headers: { authorization: `Bearer ${token}` } });
  return currentBoardSchema.parse(await res.json());
}

async function compact(relay: RelayProcess, role: Role, sub: string): Promise<{ status: number; body: unknown }> {
  const token = await makeToken(relay.dataDir, { org: ORG, role, sub });
  const res = await fetch(`${relay.httpUrl}${boardApiPath(ORG, 'compact')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}'
  });
  return { status: res.status, body: await res.json() };
}

/** A fresh stock client's copy of a room, as the relay serves it now. */
async function roomCopy(relay: RelayProcess, doc: string): Promise<Y.Doc> {
  const client = stockClient(relay.wsUrl, `${ORG}/${doc}`, await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'reader' }));
  await synced(client);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return copy;
}

/** Every job as the board reads it, by id (status, customer, priority): what users see. */
function jobsOf(board: BoardDoc): Record<string, unknown> {
  return Object.fromEntries(board.listJobs().map((job) => [job.id, { status: job.status, customerName: job.customerName, priority: job.priority }]));
}

describe('board generations through the relay (issue 13)', () => {
  let relay: RelayProcess;
  let a: Device;
  let b: Device;
  let c: Device;
  const kept: string[] = [];
  let offlineJob = '';
  let editedJob = '';
  let sizes = { old: 0, fresh: 0 };

  beforeAll(async () => {
    relay = await startRelay({ env: { BOARD_COMPACT_MIN_BYTES: '4096', BOARD_COMPACT_MIN_PERCENT: '25' } });
    a = new Device(relay, 'admin', ADA.id);
    b = new Device(relay, 'dispatcher', 'dan');
    c = new Device(relay, 'dispatcher', CARL.id);
    await Promise.all([a.open(), b.open(), c.open()]);
    // 60 closed jobs in February and March (org zone) to archive; 3 young or open ones stay.
    for (let i = 0; i < 60; i++) {
      const day = String((i % 27) + 1).padStart(2, '0');
      jobEndingAt(a.ws.board, (['closed', 'paid', 'cancelled'] as const)[i % 3]!, i % 2 ? `2026-02-${day}T18:00:00Z` : `2026-03-${day}T18:00:00Z`, `cust-${i % 3}`, ADA, 'ADA2');
    }
    kept.push(jobEndingAt(a.ws.board, 'closed', '2026-05-30T18:00:00Z', 'cust-0', ADA, 'ADA2'));
    kept.push(jobEndingAt(a.ws.board, 'completed', '2026-01-05T18:00:00Z', 'cust-1', ADA, 'ADA2'));
    const open = a.ws.board.createJob({ customerName: 'Open Job', problem: 'Leak' }, ADA, 'ADA2', NOW);
    if (!open.ok) throw new Error('job not created');
    kept.push(open.job.id);
    editedJob = open.job.id;
    await until(() => a.ws.boardConnection.monitor.state.phase === 'synced', 'the seeded board confirmed', 30_000);
    await until(() => b.ws.board.jobs.size === 63 && c.ws.board.jobs.size === 63, 'every device to hold the board', 30_000);
  }, 90_000);

  afterAll(async () => {
    for (const device of [a, b, c]) device?.ws.destroy();
    await relay.kill('SIGTERM');
  });

  it('the offline device keeps edits unconfirmed on the old generation', async () => {
    c.ws.boardConnection.provider?.disconnect();
    await until(() => c.ws.boardConnection.monitor.state.phase === 'offline', 'C offline');
    expect(c.ws.board.updateJob(editedJob, { priority: 'urgent' }, CARL).ok).toBe(true);
    const created = c.ws.board.createJob({ customerName: 'Written Offline', problem: 'No heat' }, CARL, 'CAR1', NOW);
    if (!created.ok) throw new Error('job not created');
    offlineJob = created.job.id;
    expect(c.ws.board.transitionJob(editedJob, 'scheduled', CARL, NOW).ok).toBe(true);
    expect(c.ws.boardConnection.monitor.state.unconfirmed).toBeGreaterThan(0);
  });

  it('archiving and compacting moves the online devices to board-g2 live, with equal content in a smaller room', async () => {
    const reports = await runArchive(a.ws.board, a.ws.archiveEnvironment(), archivePlan(a.ws.board, NOW), ADA, () => NOW);
    expect(reports.reduce((n, r) => n + r.moved, 0)).toBe(60);
    await until(() => b.ws.board.jobs.size === 3, 'B to see the archived board', 20_000);
    const answer = await compact(relay, 'dispatcher', 'dan');
    expect(answer.status).toBe(200);
    const result = compactionAnswerSchema.parse(answer.body);
    if (!result.compacted) throw new Error(`not compacted: ${result.reason}`);
    expect(result).toMatchObject({ compacted: true, from: 'board', doc: 'board-g2' });
    await until(() => a.room === 'board-g2' && b.room === 'board-g2', 'A and B to switch to board-g2', 20_000);
    await until(() => a.ws.board.jobs.size === 3 && b.ws.board.jobs.size === 3, 'A and B to load board-g2', 20_000);
    expect(a.moves).toEqual(['board-g2']);
    expect(jobsOf(a.ws.board)).toEqual(jobsOf(b.ws.board));
    expect(Object.keys(jobsOf(a.ws.board)).sort()).toEqual([...kept].sort());
    const old = await roomCopy(relay, 'board');
    const fresh = await roomCopy(relay, 'board-g2');
    expect(old.getMap('meta').get('successor')).toBe('board-g2');
    expect(fresh.getMap('meta').get('generation')).toBe(2);
    sizes = { old: Y.encodeStateAsUpdate(old).byteLength, fresh: Y.encodeStateAsUpdate(fresh).byteLength };
    console.log(`board after archiving 60 of 63 jobs: ${sizes.old} B; board-g2: ${sizes.fresh} B (${result.bytesBefore} → ${result.bytesAfter} B at the relay)`);
    expect(sizes.fresh).toBeLessThan(sizes.old * 0.6);
  }, 60_000);

  it('the offline device’s edits reach the old room, are forwarded into board-g2, and then it switches', async () => {
    expect(c.room).toBe('board');
    c.ws.boardConnection.provider?.connect();
    await until(() => c.room === 'board-g2', 'C to switch once its edits are confirmed', 20_000);
    await until(() => a.ws.board.getJob(offlineJob) !== undefined, 'A to see the job C wrote offline', 20_000);
    await until(() => a.ws.board.getJob(editedJob)?.status === 'scheduled', 'A to see C’s status event', 20_000);
    expect(a.ws.board.getJob(editedJob)?.priority).toBe('urgent');
    await until(() => c.ws.board.jobs.size === 4, 'C to load board-g2', 20_000);
    expect(jobsOf(c.ws.board)).toEqual(jobsOf(a.ws.board));
  }, 60_000);

  it('after SIGKILL the pointer and both rooms survive, old writers are still forwarded, and a fresh device opens board-g2 directly', async () => {
    await until(() => a.ws.boardConnection.monitor.state.phase === 'synced', 'A confirmed');
    const before = jobsOf(a.ws.board);
    await relay.kill('SIGKILL');
    await relay.restart();
    const token = await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: 'tom' });
    expect(await currentBoard(relay, token)).toEqual({ doc: 'board-g2' });
    expect((await roomCopy(relay, 'board')).getMap('meta').get('successor')).toBe('board-g2');
    expect(jobsOf(new BoardDoc(await roomCopy(relay, 'board-g2')))).toEqual(before);
    // A stock client that only knows <org>/board keeps working: its write is forwarded.
    const stock = stockClient(relay.wsUrl, `${ORG}/board`, await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'stock' }));
    await synced(stock);
    (stock.doc.getMap('jobs').get(editedJob) as Y.Map<unknown>).set('customerName', 'Renamed by a stock client');
    await until(() => a.ws.board.getJob(editedJob)?.customerName === 'Renamed by a stock client', 'the stock write forwarded to A on board-g2', 20_000);
    stock.destroy();
    const fresh = new Device(relay, 'technician', 'tom');
    await fresh.open();
    try {
      expect(fresh.room).toBe('board-g2');
      await until(() => fresh.ws.board.jobs.size === 4, 'the fresh device to load board-g2', 20_000);
    } finally {
      fresh.ws.destroy();
    }
  }, 90_000);

  it('compacting again when not worth it answers compacted: false with the reason', async () => {
    const answer = await compact(relay, 'admin', ADA.id);
    expect(answer.status).toBe(200);
    const result = compactionAnswerSchema.parse(answer.body);
    expect(result.compacted).toBe(false);
    if (!result.compacted) expect(result.reason).toMatch(/not worth it/);
    const token = await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: ADA.id });
    expect(await currentBoard(relay, token)).toEqual({ doc: 'board-g2' });
  });

  it('a technician cannot compact, nor open a generation the relay has not made', async () => {
    const answer = await compact(relay, 'technician', 'tom');
    expect(answer.status).toBe(403);
    const token = await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: ADA.id });
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${relay.wsUrl}/${ORG}/board-g3?token=${token}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });
});
