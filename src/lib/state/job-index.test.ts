import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../local/pending-ledger';
import { BoardDoc } from '../sync/board-doc';
import { BOARD_MIGRATIONS } from '../sync/board-migrations';
import { DocConnection } from '../sync/doc-connection';
import { JobIndex } from './job-index';

const ana = { id: 'ana', name: 'Ana' };

/** A board doc without IndexedDB or relay (state tests never import yjs themselves). */
function offlineBoard(): BoardDoc {
  const connection = new DocConnection({ room: 't/board', serverUrl: 'ws://unused', token: 'x', migrations: BOARD_MIGRATIONS, store: new MemoryStore(), persist: false, connect: false });
  return new BoardDoc(connection.doc);
}

const byId = (jobs: readonly { id: string }[]) => [...jobs].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('JobIndex', () => {
  it('matches listJobs after creates, moves, edits and reorders', () => {
    const board = offlineBoard();
    const index = new JobIndex(board);
    const changes: string[][] = [];
    index.follow((ids) => changes.push([...ids]));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = board.createJob({ customerName: `C${i}`, problem: 'p' }, ana, 'AAAA', new Date(Date.UTC(2026, 0, 1, 8, i)));
      if (r.ok) ids.push(r.job.id);
    }
    board.moveJob(ids[0]!, 'scheduled', 0, ana);
    board.moveJob(ids[1]!, 'new', 0, ana);
    board.setPriority(ids[2]!, 'urgent', ana);
    board.moveJob(ids[3]!, 'paid', 0, ana); // refused: nothing changes
    expect(byId(index.list())).toEqual(byId(board.listJobs()));
    expect(index.get(ids[0]!)?.status).toBe('scheduled');
    expect(index.historyOf(ids[0]!).map((e) => e.to)).toEqual(['new', 'scheduled']);
    // one notification per transaction, naming only the touched job
    expect(changes.at(-1)).toEqual([ids[2]]);
  });

  it('keeps the same object for jobs a change did not touch', () => {
    const board = offlineBoard();
    const a = board.createJob({ customerName: 'A', problem: 'p' }, ana, 'AAAA');
    const b = board.createJob({ customerName: 'B', problem: 'p' }, ana, 'AAAA');
    if (!a.ok || !b.ok) throw new Error('setup');
    const index = new JobIndex(board);
    index.follow(() => {});
    const before = index.get(a.job.id);
    board.setPriority(b.job.id, 'high', ana);
    expect(index.get(a.job.id)).toBe(before);
    expect(index.get(b.job.id)?.priority).toBe('high');
  });

  it('follows the merge rules like listJobs: stamp order, assignment set, window, and the last readable state', () => {
    const board = offlineBoard();
    const tess = board.directory.createTechnician({ name: 'Tess' });
    const job = board.createJob({ customerName: 'A', problem: 'p' }, ana, 'AAAA', new Date('2026-01-01T10:00:00.000Z'));
    if (!tess.ok || !job.ok) throw new Error('setup');
    const index = new JobIndex(board);
    index.follow(() => {});
    const sameMs = new Date('2026-01-01T09:00:00.000Z'); // behind the creation: a slow clock
    board.assignTechnicians(job.job.id, [tess.value.id], ana, sameMs);
    board.scheduleJob(job.job.id, '2026-01-02T10:00:00.000Z', '2026-01-02T11:00:00.000Z', ana, sameMs);
    board.transitionJob(job.job.id, 'dispatched', ana, sameMs);
    expect(index.get(job.job.id)).toMatchObject({ status: 'dispatched', assignedTechIds: [tess.value.id], window: { start: '2026-01-02T10:00:00.000Z', end: '2026-01-02T11:00:00.000Z' } });
    expect(byId(index.list())).toEqual(byId(board.listJobs()));
    // A peer's unreadable write: the card keeps its last readable state.
    board.doc.transact(() => (board.doc.getMap('jobs').get(job.job.id) as { set(k: string, v: unknown): void }).set('createdAt', 42));
    expect(index.get(job.job.id)?.customerName).toBe('A');
  });
});
