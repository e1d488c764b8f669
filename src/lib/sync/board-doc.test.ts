import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
const input = { customerName: 'Mission Bakery', problem: 'Walk-in cooler warm', priority: 'urgent', type: 'emergency' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('BoardDoc', () => {
  it('creates a numbered job with a creation event and lists it as new', () => {
    const board = new BoardDoc(new Y.Doc());
    const result = board.createJob(input, alice, 'AB23');
    expect(result.ok).toBe(true);
    const [job] = board.listJobs();
    expect(job).toMatchObject({ number: 'J-AB23-0001', customerName: 'Mission Bakery', status: 'new', createdBy: 'u-alice' });
    expect(board.historyOf(job!.id)).toMatchObject([{ kind: 'created', to: 'new', by: 'u-alice', byName: 'Alice' }]);
  });

  it('returns field errors and writes nothing for invalid input', () => {
    const doc = new Y.Doc();
    const board = new BoardDoc(doc);
    const result = board.createJob({ customerName: '', problem: 'x' }, alice, 'AB23');
    expect(result).toEqual({ ok: false, errors: { customerName: 'Customer is required' } });
    expect(board.jobs.size).toBe(0);
  });

  it('refuses a transition the lifecycle does not allow and keeps the status', () => {
    const board = new BoardDoc(new Y.Doc());
    const created = board.createJob(input, alice, 'AB23');
    if (!created.ok) throw new Error('setup');
    const refused = board.transitionJob(created.job.id, 'paid', alice);
    expect(refused.ok).toBe(false);
    expect(board.getJob(created.job.id)?.status).toBe('new');
    expect(board.transitionJob(created.job.id, 'scheduled', alice)).toEqual({ ok: true });
    expect(board.getJob(created.job.id)?.status).toBe('scheduled');
  });

  it('gives two offline devices distinct job numbers and merges both histories', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new BoardDoc(docA);
    const b = new BoardDoc(docB);
    const first = a.createJob(input, alice, 'AAAA');
    if (!first.ok) throw new Error('setup');
    sync(docA, docB);
    // Both devices act on the same job while apart.
    a.transitionJob(first.job.id, 'scheduled', alice, new Date('2030-01-01T10:00:00Z'));
    b.transitionJob(first.job.id, 'cancelled', bob, new Date('2030-01-01T10:05:00Z'));
    b.createJob({ ...input, customerName: 'Other' }, bob, 'BBBB');
    a.createJob({ ...input, customerName: 'Third' }, alice, 'AAAA');
    sync(docA, docB);
    const numbers = a.listJobs().map((j) => j.number).sort();
    expect(numbers).toEqual(['J-AAAA-0001', 'J-AAAA-0002', 'J-BBBB-0001']);
    expect(b.listJobs().map((j) => j.number).sort()).toEqual(numbers);
    expect(a.getJob(first.job.id)?.status).toBe('cancelled');
    expect(b.getJob(first.job.id)?.status).toBe('cancelled');
    expect(a.historyOf(first.job.id).map((e) => e.by)).toEqual(['u-alice', 'u-alice', 'u-bob']);
  });

  it('skips a record a buggy peer wrote and reports it', () => {
    const doc = new Y.Doc();
    const board = new BoardDoc(doc);
    const bad = new Y.Map<unknown>();
    bad.set('number', 42);
    doc.getMap('jobs').set('broken', bad);
    expect(board.listJobs()).toEqual([]);
    expect(board.jobs.invalid()[0]?.id).toBe('broken');
  });

  it('sees remote changes through the change callback and fresh reads', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = new BoardDoc(docA);
    const b = new BoardDoc(docB);
    let calls = 0;
    b.onJobsChanged(() => calls++);
    const created = a.createJob(input, alice, 'AAAA');
    if (!created.ok) throw new Error('setup');
    sync(docA, docB);
    expect(b.getJob(created.job.id)?.status).toBe('new');
    a.transitionJob(created.job.id, 'scheduled', alice);
    sync(docA, docB);
    expect(b.getJob(created.job.id)?.status).toBe('scheduled');
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
