import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function boardWithJobs(count: number): { doc: Y.Doc; board: BoardDoc; ids: string[] } {
  const doc = new Y.Doc();
  const board = new BoardDoc(doc);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = board.createJob({ customerName: `C${i}`, problem: 'p' }, alice, 'AAAA', new Date(Date.UTC(2026, 0, 1, 8, i)));
    if (!r.ok) throw new Error('setup');
    ids.push(r.job.id);
  }
  return { doc, board, ids };
}

const column = (board: BoardDoc, status: string) =>
  board
    .listJobs()
    .filter((j) => j.status === status)
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1))
    .map((j) => j.customerName);

describe('dispatch commands', () => {
  it('reorders within a column and moves across columns with a status event', () => {
    const { board, ids } = boardWithJobs(3);
    expect(column(board, 'new')).toEqual(['C0', 'C1', 'C2']);
    expect(board.moveJob(ids[2]!, 'new', 0, alice)).toEqual({ ok: true });
    expect(column(board, 'new')).toEqual(['C2', 'C0', 'C1']);
    expect(board.moveJob(ids[0]!, 'scheduled', 0, alice)).toEqual({ ok: true });
    expect(column(board, 'scheduled')).toEqual(['C0']);
    expect(board.historyOf(ids[0]!).map((e) => e.to)).toEqual(['new', 'scheduled']);
  });

  it('refuses a drop the lifecycle forbids and leaves the card where it was', () => {
    const { board, ids } = boardWithJobs(1);
    const result = board.moveJob(ids[0]!, 'paid', 0, alice);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/New to Paid/);
    expect(board.getJob(ids[0]!)?.status).toBe('new');
  });

  it('ends concurrent conflicting moves of one card in the same column on both devices', () => {
    const a = boardWithJobs(2);
    const docB = new Y.Doc();
    exchange(a.doc, docB);
    const b = new BoardDoc(docB);
    a.board.moveJob(a.ids[0]!, 'scheduled', 0, alice, new Date('2026-02-01T10:00:00Z'));
    b.moveJob(a.ids[0]!, 'on_hold', 0, bob, new Date('2026-02-01T10:00:01Z'));
    exchange(a.doc, docB);
    const statusA = a.board.getJob(a.ids[0]!)?.status;
    expect(statusA).toBe(b.getJob(a.ids[0]!)?.status);
    expect(statusA).toBe('on_hold');
    expect(a.board.getJob(a.ids[0]!)?.rank).toBe(b.getJob(a.ids[0]!)?.rank);
    expect(a.board.historyOf(a.ids[0]!).map((e) => e.by)).toEqual(['u-alice', 'u-alice', 'u-bob']);
  });

  it('records assignment and priority changes with who and what, and merges both offices', () => {
    const a = boardWithJobs(1);
    const tech = a.board.directory.createTechnician({ name: 'Tess' });
    if (!tech.ok) throw new Error('setup');
    const docB = new Y.Doc();
    exchange(a.doc, docB);
    const b = new BoardDoc(docB);
    expect(a.board.assignTechnicians(a.ids[0]!, [tech.value.id], alice)).toEqual({ ok: true });
    expect(b.setPriority(a.ids[0]!, 'urgent', bob)).toEqual({ ok: true });
    exchange(a.doc, docB);
    for (const board of [a.board, b]) {
      expect(board.getJob(a.ids[0]!)).toMatchObject({ priority: 'urgent', assignedTechIds: [tech.value.id] });
      expect(board.activityOf(a.ids[0]!).map((x) => `${x.by}:${x.action}`).sort()).toEqual(['u-alice:assigned', 'u-bob:priority']);
    }
    expect(b.activityOf(a.ids[0]!).find((x) => x.action === 'priority')?.changes).toEqual({ priority: { from: 'normal', to: 'urgent' } });
  });

  it('refuses unknown technicians and half-open schedule windows', () => {
    const { board, ids } = boardWithJobs(1);
    expect(board.assignTechnicians(ids[0]!, ['ghost'], alice).ok).toBe(false);
    expect(board.scheduleJob(ids[0]!, '2026-01-01T10:00:00Z', null, alice).ok).toBe(false);
    expect(board.scheduleJob(ids[0]!, '2026-01-01T10:00:00Z', '2026-01-01T09:00:00Z', alice).ok).toBe(false);
    expect(board.scheduleJob(ids[0]!, '2026-01-01T10:00:00.000Z', '2026-01-01T12:00:00.000Z', alice)).toEqual({ ok: true });
  });
});

describe('assignAndSchedule (a suggestion accepted in one click)', () => {
  it('assigns and books the job in one transaction, moving it to scheduled', () => {
    const { doc, board, ids } = boardWithJobs(1);
    const tech = board.directory.createTechnician({ name: 'Tess' });
    if (!tech.ok) throw new Error('setup');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const start = '2026-01-02T18:00:00.000Z';
    const end = '2026-01-02T19:00:00.000Z';
    expect(board.assignAndSchedule(ids[0]!, [tech.value.id], start, end, alice, new Date(Date.UTC(2026, 0, 2)))).toEqual({ ok: true });
    expect(transactions).toBe(1);
    const job = board.getJob(ids[0]!)!;
    expect(job.assignedTechIds).toEqual([tech.value.id]);
    expect(job.window).toEqual({ start, end });
    expect(job.status).toBe('scheduled');
  });

  it('refuses a bad window or an unknown technician without writing anything', () => {
    const { doc, board, ids } = boardWithJobs(1);
    const tech = board.directory.createTechnician({ name: 'Tess' });
    if (!tech.ok) throw new Error('setup');
    const before = Y.encodeStateVector(doc);
    expect(board.assignAndSchedule(ids[0]!, [tech.value.id], '2026-01-02T19:00:00.000Z', '2026-01-02T18:00:00.000Z', alice).ok).toBe(false);
    expect(board.assignAndSchedule(ids[0]!, ['ghost'], '2026-01-02T18:00:00.000Z', '2026-01-02T19:00:00.000Z', alice).ok).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(board.getJob(ids[0]!)!.assignedTechIds).toEqual([]);
  });
});
