/**
 * Issue 13, Done-when 1: two admins archive the same months at once through the real relay.
 * After sync no job is lost, none is in two places, the live board shrank, the history pages'
 * functions still find every job; a technician's deletion and a deletion without an archived
 * copy are still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { archivePlan, recordsOfJobs, runArchive } from '../../src/lib/sync/archiver';
import { archivedJobsIn, archiveMonthsOf } from '../../src/lib/sync/archive-history';
import { CloseCode } from '../../src/lib/sync/protocol';
import type { Workspace } from '../../src/lib/sync/workspace';
import { jobEndingAt } from '../factories/archive-jobs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from './support/clients';
import { openWorkspace } from './support/workspaces';

const ORG = 'shelf';
const NOW = new Date('2026-06-10T20:00:00.000Z');
const ADA = { id: 'ada', name: 'Ada' };

/** Every record key of a board-shaped doc: `collection/key`. */
function recordKeys(doc: Y.Doc, jobIds: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [collection, entities] of recordsOfJobs(doc, jobIds)) for (const key of entities.keys()) out.add(`${collection}/${key}`);
  return out;
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

/** Opens a stock client as `role` and sends one change; resolves with the close code and reason. */
async function attempt(relay: RelayProcess, role: 'technician' | 'admin', sub: string, change: (doc: Y.Doc) => void): Promise<{ code: number; reason: string }> {
  const client = stockClient(relay.wsUrl, `${ORG}/board`, await makeToken(relay.dataDir, { org: ORG, role, sub }));
  await synced(client);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on('connection-close', (event: CloseEvent | null) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })));
  client.doc.transact(() => change(client.doc));
  const result = await closed;
  client.destroy();
  return result;
}

describe('archiving through the relay (issue 13)', () => {
  let relay: RelayProcess;
  const open: Workspace[] = [];
  let a: Workspace;
  let b: Workspace;
  const archivedIds: string[] = [];
  let keptIds: string[] = [];
  let before: { size: number; keys: Set<string> };

  beforeAll(async () => {
    relay = await startRelay();
    a = await openWorkspace(relay, ORG, 'admin', ADA.id);
    b = await openWorkspace(relay, ORG, 'dispatcher', 'dan');
    open.push(a, b);
    // 30 closed jobs over February and March (org zone), 3 customers; 4 young or open ones stay.
    for (let i = 0; i < 30; i++) {
      const day = String((i % 27) + 1).padStart(2, '0');
      const ended = i % 2 ? `2026-02-${day}T18:00:00Z` : `2026-03-${day}T18:00:00Z`;
      archivedIds.push(jobEndingAt(a.board, (['closed', 'paid', 'cancelled'] as const)[i % 3]!, ended, `cust-${i % 3}`, ADA, 'ADA2'));
    }
    keptIds = [jobEndingAt(a.board, 'closed', '2026-05-30T18:00:00Z', 'cust-0', ADA, 'ADA2'), jobEndingAt(a.board, 'completed', '2026-01-05T18:00:00Z', 'cust-0', ADA, 'ADA2')];
    await until(() => a.boardConnection.monitor.state.phase === 'synced', 'the seeded board confirmed', 20_000);
    await until(() => b.board.jobs.size === 32, 'the second admin to hold the board', 20_000);
    const live = await roomCopy(relay, 'board');
    before = { size: Y.encodeStateAsUpdate(live).byteLength, keys: recordKeys(live, new Set(archivedIds)) };
  }, 60_000);

  afterAll(async () => {
    for (const ws of open) ws.destroy();
    await relay.kill('SIGTERM');
  });

  it('two admins archiving the same months at once lose nothing and leave each job in one place', async () => {
    const planA = archivePlan(a.board, NOW);
    const planB = archivePlan(b.board, NOW);
    expect([...planA.keys()]).toEqual(['2026-02', '2026-03']);
    expect([...planA.values()].flat().map((c) => c.jobId).sort()).toEqual([...archivedIds].sort());
    const [reportA, reportB] = await Promise.all([
      runArchive(a.board, a.archiveEnvironment(), planA, ADA, () => NOW),
      runArchive(b.board, b.archiveEnvironment(), planB, { id: 'dan' }, () => NOW)
    ]);
    // Each run moved what it found still on its board; together, every planned job.
    expect(reportA.reduce((n, r) => n + r.moved, 0) + reportB.reduce((n, r) => n + r.moved, 0)).toBeGreaterThanOrEqual(30);
    expect(a.boardConnection.refusal).toBeNull();
    expect(b.boardConnection.refusal).toBeNull();

    const live = await roomCopy(relay, 'board');
    const feb = new BoardDoc(await roomCopy(relay, 'archive-2026-02'));
    const mar = new BoardDoc(await roomCopy(relay, 'archive-2026-03'));
    const liveBoard = new BoardDoc(live);
    // Nothing archived is left live; what was not eligible is untouched.
    expect(recordKeys(live, new Set(archivedIds)).size).toBe(0);
    expect(liveBoard.listJobs().map((j) => j.id).sort()).toEqual([...keptIds].sort());
    // Every record of every archived job is in exactly one archive month.
    const inFeb = recordKeys(feb.doc, new Set(archivedIds));
    const inMar = recordKeys(mar.doc, new Set(archivedIds));
    expect([...inFeb].filter((k) => inMar.has(k))).toEqual([]);
    expect(new Set([...inFeb, ...inMar])).toEqual(before.keys);
    expect(feb.listJobs().length + mar.listJobs().length).toBe(30);
    expect(feb.listJobs().every((j) => ['closed', 'paid', 'cancelled'].includes(j.status))).toBe(true);
    // The live doc shrank: its encoding without the archived jobs is far smaller.
    const after = Y.encodeStateAsUpdate(live).byteLength;
    expect(after).toBeLessThan(before.size * 0.5);
    console.log(`live board: ${before.size} B before, ${after} B after archiving 30 of 32 jobs`);
    // Both replicas converge on the same board.
    await until(() => a.board.jobs.size === 2 && b.board.jobs.size === 2, 'both admins to see the moved board');
  }, 60_000);

  it('history pages still find every archived job, loading only the months that hold them', async () => {
    const months = archiveMonthsOf(a.board, { kind: 'customerIds', id: 'cust-1' });
    expect(months).toEqual(['2026-03', '2026-02']);
    const loaded = await Promise.all(months.map(async (m) => new BoardDoc(await roomCopy(relay, `archive-${m}`))));
    const jobs = archivedJobsIn(loaded, { kind: 'customerIds', id: 'cust-1' });
    expect(jobs.map((j) => j.id).sort()).toEqual(archivedIds.filter((_, i) => i % 3 === 1).sort());
    const assets = archivedJobsIn(loaded, { kind: 'assetIds', id: 'asset-cust-1' });
    expect(assets).toHaveLength(jobs.length);
    expect(a.board.archiveMoves.monthOfJob(archivedIds[1]!)).toBe('2026-02');
  });

  it('never issues an archived number again', () => {
    const created = a.board.createJob({ customerName: 'Next', problem: 'Noise' }, ADA, 'ADA2', NOW);
    expect(created.ok && created.job.number).toBe('J-ADA2-0033');
  });

  it('still refuses a technician’s deletion and a deletion without an archived copy', async () => {
    const young = keptIds[0]!;
    const tech = await attempt(relay, 'technician', 'tom', (doc) => doc.getMap('jobs').delete(young));
    expect(tech.code).toBe(CloseCode.changeRefused);
    expect(tech.reason).toContain('delete-entity');
    const uncopied = await attempt(relay, 'admin', ADA.id, (doc) => {
      const marker = new Y.Map<unknown>(Object.entries({ month: '2026-05', jobIds: [young], at: NOW.toISOString(), by: ADA.id }));
      doc.getMap('archiveMoves').set('m-uncopied', marker);
      doc.getMap('jobs').delete(young);
    });
    expect(uncopied.code).toBe(CloseCode.changeRefused);
    expect(uncopied.reason).toMatch(/delete-entity/);
    const live = new BoardDoc(await roomCopy(relay, 'board'));
    expect(live.getJob(young)).toBeDefined();
  });
});
