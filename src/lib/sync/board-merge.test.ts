import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requiredPartList } from '../domain/jobs/required-parts';
import { BoardDoc } from './board-doc';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Two replicas of one board with a job and two technicians on both. */
function twoOffices() {
  const docA = new Y.Doc();
  const a = new BoardDoc(docA);
  const t1 = a.directory.createTechnician({ name: 'Tess' });
  const t2 = a.directory.createTechnician({ name: 'Raj' });
  const created = a.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, alice, 'AAAA', at(0));
  if (!t1.ok || !t2.ok || !created.ok) throw new Error('setup');
  const docB = new Y.Doc();
  sync(docA, docB);
  return { docA, docB, a, b: new BoardDoc(docB), jobId: created.job.id, t1: t1.value.id, t2: t2.value.id };
}

describe('event order (stamp rule)', () => {
  it('sorts a slow device\u2019s move after the move it acted on, keeping its wall clock in `at`', () => {
    const { docA, docB, a, b, jobId } = twoOffices();
    expect(a.transitionJob(jobId, 'scheduled', alice, at(10))).toEqual({ ok: true });
    sync(docA, docB);
    // B's clock is 3 minutes slow: its move is stamped after A's, but `at` stays B's time.
    expect(b.transitionJob(jobId, 'dispatched', bob, at(8))).toEqual({ ok: true });
    sync(docA, docB);
    for (const board of [a, b]) expect(board.getJob(jobId)?.status).toBe('dispatched');
    const last = b.historyOf(jobId).at(-1)!;
    expect(last.at).toBe(at(8).toISOString());
    expect(last.stamp).toBe(new Date(at(10).getTime() + 1).toISOString());
  });

  it('keeps several moves made in one millisecond in the order they were made', () => {
    const { a, jobId } = twoOffices();
    const now = at(5);
    for (const to of ['scheduled', 'dispatched', 'en_route', 'on_site'] as const) expect(a.transitionJob(jobId, to, alice, now)).toEqual({ ok: true });
    expect(a.historyOf(jobId).map((e) => e.to)).toEqual(['new', 'scheduled', 'dispatched', 'en_route', 'on_site']);
    expect(a.getJob(jobId)?.status).toBe('on_site');
  });

  it('orders activity by the same rule', () => {
    const { a, jobId } = twoOffices();
    a.setPriority(jobId, 'high', alice, at(5));
    a.setPriority(jobId, 'urgent', alice, at(5));
    a.setPriority(jobId, 'low', alice, at(4));
    expect(a.activityOf(jobId).map((x) => x.changes.priority?.to)).toEqual(['high', 'urgent', 'low']);
  });
});

describe('assignment set', () => {
  it('keeps both technicians ticked by two offline dispatchers, and a removal removes', () => {
    const { docA, docB, a, b, jobId, t1, t2 } = twoOffices();
    a.assignTechnicians(jobId, [t1], alice, at(1));
    b.assignTechnicians(jobId, [t2], bob, at(1));
    sync(docA, docB);
    for (const board of [a, b]) expect([...board.getJob(jobId)!.assignedTechIds].sort()).toEqual([t1, t2].sort());
    b.assignTechnicians(jobId, [t2], bob, at(2));
    sync(docA, docB);
    for (const board of [a, b]) expect(board.getJob(jobId)?.assignedTechIds).toEqual([t2]);
    // The legacy array is still written for old clients.
    expect((docA.getMap('jobs').get(jobId) as Y.Map<unknown>).get('assignedTechIds')).toEqual([t2]);
  });
});

describe('fields with their own merge rule', () => {
  it('cannot be written as plain fields through updateJob', () => {
    const { a, jobId, t1 } = twoOffices();
    const refused = a.updateJob(jobId, { assignedTechIds: [t1] }, alice);
    expect(refused.ok).toBe(false);
    expect(a.updateJob(jobId, { scheduledStart: at(5).toISOString() }, alice).ok).toBe(false);
    expect(a.getJob(jobId)).toMatchObject({ assignedTechIds: [], scheduledStart: null });
  });
});

describe('schedule window', () => {
  it('merges two concurrent edits as one value, never a mix of both', () => {
    const { docA, docB, a, b, jobId } = twoOffices();
    a.scheduleJob(jobId, at(60).toISOString(), at(120).toISOString(), alice, at(1));
    b.scheduleJob(jobId, at(150).toISOString(), at(180).toISOString(), bob, at(1));
    sync(docA, docB);
    const window = a.getJob(jobId)!.window;
    expect(b.getJob(jobId)!.window).toEqual(window);
    expect([JSON.stringify({ start: at(60).toISOString(), end: at(120).toISOString() }), JSON.stringify({ start: at(150).toISOString(), end: at(180).toISOString() })]).toContain(JSON.stringify(window));
    expect(a.getJob(jobId)).toMatchObject({ scheduledStart: window!.start, scheduledEnd: window!.end, windowIssue: null });
  });

  it('records new → scheduled when a window and a technician are both set, in either order', () => {
    const { a, jobId, t1 } = twoOffices();
    a.scheduleJob(jobId, at(60).toISOString(), at(120).toISOString(), alice, at(1));
    expect(a.getJob(jobId)?.status).toBe('new');
    a.assignTechnicians(jobId, [t1], alice, at(2));
    expect(a.getJob(jobId)?.status).toBe('scheduled');
    expect(a.historyOf(jobId).map((e) => `${e.from}>${e.to}`)).toEqual(['null>new', 'new>scheduled']);
    const other = a.createJob({ customerName: 'Ada', problem: 'Leak' }, alice, 'AAAA', at(3));
    if (!other.ok) throw new Error('setup');
    a.assignTechnicians(other.job.id, [t1], alice, at(4));
    a.scheduleJob(other.job.id, at(200).toISOString(), at(260).toISOString(), alice, at(5));
    expect(a.getJob(other.job.id)?.status).toBe('scheduled');
    // Rescheduling a job past New does not record another move.
    a.scheduleJob(other.job.id, at(300).toISOString(), at(360).toISOString(), alice, at(6));
    expect(a.historyOf(other.job.id)).toHaveLength(2);
  });
});

describe('numbering', () => {
  it('never reissues the number of a job that is unreadable right now', () => {
    const { docA, a, jobId } = twoOffices();
    (docA.getMap('jobs').get(jobId) as Y.Map<unknown>).set('createdAt', 'not a date');
    // A freshly opened board (no last good parse) cannot read the job, but its number counts.
    const reopened = new BoardDoc(docA);
    expect(reopened.getJob(jobId)).toBeUndefined();
    const next = reopened.createJob({ customerName: 'Ada', problem: 'Leak' }, alice, 'AAAA', at(1));
    expect(next.ok && next.job.number).toBe('J-AAAA-0002');
  });

  it('keeps showing a job that turns unreadable on an open board, and reports it', () => {
    const { docA, a, jobId } = twoOffices();
    expect(a.listJobs().map((j) => j.id)).toEqual([jobId]);
    (docA.getMap('jobs').get(jobId) as Y.Map<unknown>).set('createdAt', 'not a date');
    expect(a.listJobs().map((j) => j.customerName)).toEqual(['Mission Bakery']);
    expect(a.jobs.invalid().map((i) => i.id)).toEqual([jobId]);
  });
});

/** Two replicas of one board with one job, calling for `requiredParts` when given. */
function withParts(requiredParts?: Array<{ partId: string; quantity: number }>) {
  const replicas = twoOffices();
  if (requiredParts) replicas.a.setRequiredParts(replicas.jobId, requiredParts, alice, at(1));
  sync(replicas.docA, replicas.docB);
  return replicas;
}

const partsOf = (board: BoardDoc, jobId: string) => requiredPartList(board.jobs.get(jobId)?.requiredParts);

describe('required parts (keyed map per part)', () => {
  it('keeps the parts two offline dispatchers added, and the same result on both replicas', () => {
    const { docA, docB, a, b, jobId } = withParts();
    expect(a.jobs.get(jobId)?.requiredParts).toBeUndefined();
    expect(a.setRequiredParts(jobId, [{ partId: 'p-filter', quantity: 2 }], alice, at(5))).toEqual({ ok: true });
    expect(b.setRequiredParts(jobId, [{ partId: 'p-cap', quantity: 1 }], bob, at(6))).toEqual({ ok: true });
    sync(docA, docB);
    const expected = [{ partId: 'p-cap', quantity: 1 }, { partId: 'p-filter', quantity: 2 }];
    expect(partsOf(a, jobId)).toEqual(expected);
    expect(partsOf(b, jobId)).toEqual(expected);
  });

  it('removes a part one dispatcher dropped while the other changed another part', () => {
    const { docA, docB, a, b, jobId } = withParts([{ partId: 'p-filter', quantity: 2 }, { partId: 'p-cap', quantity: 1 }]);
    a.setRequiredParts(jobId, [{ partId: 'p-cap', quantity: 1 }], alice, at(5));
    b.setRequiredParts(jobId, [{ partId: 'p-filter', quantity: 2 }, { partId: 'p-cap', quantity: 3 }], bob, at(6));
    sync(docA, docB);
    for (const board of [a, b]) expect(partsOf(board, jobId)).toEqual([{ partId: 'p-cap', quantity: 3 }]);
    // The removal is a 0, never a deleted key (the relay refuses nothing; old readers ignore it).
    expect(a.jobs.get(jobId)?.requiredParts).toEqual({ 'p-cap': 3, 'p-filter': 0 });
  });

  it('refuses duplicates, fractions and the plain-field path, and records who changed the parts', () => {
    const { a, jobId } = withParts();
    expect(a.setRequiredParts(jobId, [{ partId: 'p1', quantity: 1 }, { partId: 'p1', quantity: 2 }], alice).ok).toBe(false);
    expect(a.setRequiredParts(jobId, [{ partId: 'p1', quantity: 1.5 }], alice).ok).toBe(false);
    expect(a.updateJob(jobId, { requiredParts: { p1: 1 } }, alice).ok).toBe(false);
    expect(a.setRequiredParts(jobId, [{ partId: 'p1', quantity: 4 }], alice, at(9))).toEqual({ ok: true });
    expect(a.activityOf(jobId).at(-1)?.changes.requiredParts).toEqual({ from: [], to: [{ partId: 'p1', quantity: 4 }] });
    // Setting the same list again writes nothing.
    const before = a.activityOf(jobId).length;
    expect(a.setRequiredParts(jobId, [{ partId: 'p1', quantity: 4 }], alice, at(10))).toEqual({ ok: true });
    expect(a.activityOf(jobId)).toHaveLength(before);
  });

  it('drops one unreadable member on its own instead of making the job unreadable', () => {
    const { docA, a, jobId } = withParts([{ partId: 'p1', quantity: 2 }]);
    docA.transact(() => (docA.getMap('jobs').get(jobId) as Y.Map<unknown>).set('requiredParts:p2', 'lots'));
    expect(partsOf(a, jobId)).toEqual([{ partId: 'p1', quantity: 2 }]);
    expect(a.jobs.invalid()).toEqual([]);
  });
});
