import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';
import { BOARD_MIGRATIONS } from './board-migrations';
import { runMigrations } from './migrations';
import { updatesDuring as transactions } from '../../../tests/factories/doc-updates';
import { SAVED_JOB_FIELDS, savedBoard } from '../../../tests/factories/saved-boards';

const alice = { id: 'u-alice', name: 'Alice' };
const NOW = new Date('2026-03-02T08:00:00.000Z');
const at = (hhmm: string) => `2026-03-03T${hhmm}:00.000Z`;

function setup() {
  const doc = new Y.Doc();
  const board = new BoardDoc(doc);
  const tech = (name: string) => {
    const t = board.directory.createTechnician({ name });
    if (!t.ok) throw new Error('setup');
    return t.value.id;
  };
  const [t1, t2] = [tech('Tess'), tech('Raj')];
  const job = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, alice, 'AAAA', NOW);
  if (!job.ok) throw new Error('setup');
  return { doc, board, t1: t1!, t2: t2!, jobId: job.job.id };
}

describe('visits', () => {
  it('books an unscheduled job as its first visit: the job window and crew, in one transaction', () => {
    const { doc, board, t1, jobId } = setup();
    let result: ReturnType<BoardDoc['visits']['book']> | undefined;
    expect(transactions(doc, () => (result = board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW)))).toBe(1);
    expect(result).toMatchObject({ ok: true, visit: { id: `v1:${jobId}`, source: 'job', status: 'scheduled', technicianIds: [t1] } });
    expect(board.getJob(jobId)).toMatchObject({ status: 'scheduled', window: { start: at('09:00'), end: at('10:00') }, assignedTechIds: [t1], scheduledStart: at('09:00') });
    expect(board.visits.list().map((v) => v.id)).toEqual([`v1:${jobId}`]);
  });

  it('completes the first visit of a job that has a window but nobody on it', () => {
    const { board, t1, jobId } = setup();
    expect(board.scheduleJob(jobId, at('08:00'), at('09:00'), alice, NOW)).toEqual({ ok: true });
    expect(board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW)).toMatchObject({ ok: true, visit: { id: `v1:${jobId}` } });
    expect(board.visits.forJob(jobId)).toHaveLength(1);
    expect(board.getJob(jobId)).toMatchObject({ window: { start: at('09:00') }, assignedTechIds: [t1], status: 'scheduled' });
  });

  it('books a further visit as an entity with its own window and crew, recorded on the job', () => {
    const { doc, board, t1, t2, jobId } = setup();
    board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW);
    let second: ReturnType<BoardDoc['visits']['book']> | undefined;
    expect(transactions(doc, () => (second = board.visits.book({ jobId, technicianIds: [t2, t1], start: at('14:00'), end: at('16:00'), notes: 'Bring the compressor' }, alice, NOW)))).toBe(1);
    if (!second?.ok) throw new Error('book failed');
    expect(second.visit).toMatchObject({ source: 'visit', technicianIds: [t1, t2].sort(), notes: 'Bring the compressor', status: 'scheduled' });
    const raw = (doc.getMap('visits').get(second.visit.id) as Y.Map<unknown>).toJSON();
    expect(raw).toMatchObject({ jobId, window: { start: at('14:00'), end: at('16:00') }, [`technicians:${t1}`]: true, [`technicians:${t2}`]: true });
    expect(board.visits.forJob(jobId).map((v) => v.window.start)).toEqual([at('09:00'), at('14:00')]);
    // The job's own booking is unchanged: it is the first visit.
    expect(board.getJob(jobId)?.window).toEqual({ start: at('09:00'), end: at('10:00') });
    expect(board.activityOf(jobId).filter((a) => a.action === 'visit')).toHaveLength(1);
  });

  it('moves a stored visit (window as one value, crew as set changes) and walks its status', () => {
    const { doc, board, t1, t2, jobId } = setup();
    board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW);
    const second = board.visits.book({ jobId, technicianIds: [t1], start: at('14:00'), end: at('15:00') }, alice, NOW);
    if (!second.ok) throw new Error('book failed');
    const id = second.visit.id;
    expect(transactions(doc, () => expect(board.visits.move(id, { start: at('15:00'), end: at('16:30'), technicianIds: [t2] }, alice, NOW)).toEqual({ ok: true }))).toBe(1);
    expect(board.visits.get(id)).toMatchObject({ window: { start: at('15:00'), end: at('16:30') }, technicianIds: [t2] });
    expect((doc.getMap('visits').get(id) as Y.Map<unknown>).get(`technicians:${t1}`)).toBe(false);
    expect(board.visits.setStatus(id, 'done', alice, NOW)).toMatchObject({ ok: false });
    expect(board.visits.setStatus(id, 'dispatched', alice, NOW)).toEqual({ ok: true });
    expect(board.visits.update(id, { locked: true, notes: 'Gate code 1234' }, alice, NOW)).toEqual({ ok: true });
    expect(board.visits.get(id)).toMatchObject({ status: 'dispatched', locked: true, notes: 'Gate code 1234' });
    expect(board.visits.move(id, { start: at('16:00'), end: at('15:00') }, alice, NOW)).toMatchObject({ ok: false });
    expect(board.visits.move(id, { start: at('16:00'), end: at('17:00'), technicianIds: ['nobody'] }, alice, NOW)).toMatchObject({ ok: false });
    expect(board.activityOf(jobId).filter((a) => a.action === 'visit').map((a) => Object.keys(a.changes).filter((k) => k !== 'visitId'))).toEqual([['booked'], ['window', 'technicianIds'], ['status'], ['notes', 'locked']]);
  });

  it('moves a first visit through the job, and its status is the job status; cancelling unbooks the job', () => {
    const { board, t1, t2, jobId } = setup();
    board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW);
    const id = `v1:${jobId}`;
    expect(board.visits.move(id, { start: at('11:00'), end: at('12:00'), technicianIds: [t2] }, alice, NOW)).toEqual({ ok: true });
    expect(board.getJob(jobId)).toMatchObject({ window: { start: at('11:00'), end: at('12:00') }, assignedTechIds: [t2] });
    expect(board.visits.setStatus(id, 'dispatched', alice, NOW)).toEqual({ ok: true });
    expect(board.getJob(jobId)?.status).toBe('dispatched');
    expect(board.visits.update(id, { locked: true }, alice, NOW)).toEqual({ ok: true });
    expect(board.visits.get(id)).toMatchObject({ status: 'dispatched', locked: true });
    expect(board.visits.setStatus(id, 'cancelled', alice, NOW)).toEqual({ ok: true });
    expect(board.visits.get(id)).toBeUndefined();
    expect(board.getJob(jobId)?.window).toBeNull();
  });

  it('edits move, status, notes and lock of a visit in one transaction, checking the status first', () => {
    const { doc, board, t1, t2, jobId } = setup();
    board.visits.book({ jobId, technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW);
    const second = board.visits.book({ jobId, technicianIds: [t1], start: at('14:00'), end: at('15:00') }, alice, NOW);
    if (!second.ok) throw new Error('book failed');
    const id = second.visit.id;
    const before = Y.encodeStateVector(doc);
    expect(board.visits.edit(id, { status: 'done', notes: 'x' }, alice, NOW)).toMatchObject({ ok: false });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(transactions(doc, () => expect(board.visits.edit(id, { move: { start: at('15:00'), end: at('16:00'), technicianIds: [t2] }, status: 'dispatched', notes: 'Side door', locked: true }, alice, NOW)).toEqual({ ok: true }))).toBe(1);
    expect(board.visits.get(id)).toMatchObject({ window: { start: at('15:00') }, technicianIds: [t2], status: 'dispatched', notes: 'Side door', locked: true });
  });

  it('refuses bad input with a clear error and writes nothing', () => {
    const { doc, board, t1, jobId } = setup();
    const before = Y.encodeStateVector(doc);
    expect(board.visits.book({ jobId, technicianIds: [], start: at('09:00'), end: at('10:00') }, alice, NOW)).toMatchObject({ ok: false, error: 'Choose at least one technician' });
    expect(board.visits.book({ jobId, technicianIds: [t1], start: at('10:00'), end: at('09:00') }, alice, NOW)).toMatchObject({ ok: false, error: 'The visit must end after it starts.' });
    expect(board.visits.book({ jobId: 'nope', technicianIds: [t1], start: at('09:00'), end: at('10:00') }, alice, NOW)).toMatchObject({ ok: false });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

/** A board saved by the release before visits (schema 3): booked jobs have `window` and the set. */
function savedSchema3Board(): Uint8Array {
  const base = SAVED_JOB_FIELDS;
  return savedBoard(
    {
      booked: { ...base, number: 'J-AB23-0001', assignedTechIds: ['t1'], 'assigned:t1': true, scheduledStart: '2025-01-02T10:00:00.000Z', scheduledEnd: '2025-01-02T11:00:00.000Z', window: { start: '2025-01-02T10:00:00.000Z', end: '2025-01-02T11:00:00.000Z' } },
      legacyOnly: { ...base, number: 'J-AB23-0002', assignedTechIds: ['t2'], scheduledStart: '2025-01-02T12:00:00.000Z', scheduledEnd: '2025-01-02T13:00:00.000Z' },
      open: { ...base, number: 'J-AB23-0003' }
    },
    3
  );
}

describe('boards saved before visits existed', () => {
  it('open with each scheduled job as one visit, the same on every replica, without writing anything', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedSchema3Board());
    runMigrations(doc, BOARD_MIGRATIONS, 'test');
    const before = Y.encodeStateVector(doc);
    const visits = new BoardDoc(doc).visits.list();
    expect(visits.map((v) => [v.id, v.technicianIds, v.window.start, v.status])).toEqual([
      ['v1:booked', ['t1'], '2025-01-02T10:00:00.000Z', 'scheduled'],
      ['v1:legacyOnly', ['t2'], '2025-01-02T12:00:00.000Z', 'scheduled']
    ]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(doc.getMap('visits').size).toBe(0);
  });

  it("an old client's edits to the job window and technicians merge into the first visit", () => {
    // Both devices hold the same saved bytes (one save, not two look-alike docs).
    const saved = savedSchema3Board();
    const fresh = new Y.Doc();
    const old = new Y.Doc();
    Y.applyUpdate(fresh, saved);
    Y.applyUpdate(old, saved);
    runMigrations(fresh, BOARD_MIGRATIONS, 'test');
    // The old release writes the window as one value, the legacy pair and the set's members.
    old.transact(() => {
      const job = old.getMap('jobs').get('booked') as Y.Map<unknown>;
      job.set('window', { start: '2025-01-02T14:00:00.000Z', end: '2025-01-02T15:30:00.000Z' });
      job.set('scheduledStart', '2025-01-02T14:00:00.000Z');
      job.set('scheduledEnd', '2025-01-02T15:30:00.000Z');
      job.set('assigned:t3', true);
      job.set('assignedTechIds', ['t1', 't3']);
    });
    // Meanwhile the new client books a second visit on the same job and notes the first.
    const board = new BoardDoc(fresh);
    for (const id of ['t1', 't2', 't3']) board.directory.createTechnician({ name: id }, id);
    expect(board.visits.book({ jobId: 'booked', technicianIds: ['t2'], start: '2025-01-03T09:00:00.000Z', end: '2025-01-03T10:00:00.000Z' }, alice, NOW)).toMatchObject({ ok: true });
    expect(board.visits.update('v1:booked', { notes: 'Ring twice' }, alice, NOW)).toEqual({ ok: true });
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(old, Y.encodeStateVector(fresh)));
    Y.applyUpdate(old, Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(old)));
    expect(fresh.getMap('jobs').toJSON()).toEqual(old.getMap('jobs').toJSON());
    const [first, second] = new BoardDoc(fresh).visits.forJob('booked');
    expect(first).toMatchObject({ id: 'v1:booked', window: { start: '2025-01-02T14:00:00.000Z', end: '2025-01-02T15:30:00.000Z' }, technicianIds: ['t1', 't3'], notes: 'Ring twice' });
    expect(second).toMatchObject({ source: 'visit', technicianIds: ['t2'] });
  });
});

describe('visits.conflicts travel gaps', () => {
  it('reads the jobs\' site locations: too short a gap is flagged on both visits, an unpinned site is not', () => {
    const { board, t1 } = setup();
    const customer = board.directory.createCustomer({ name: 'Two Sites Co' });
    if (!customer.ok) throw new Error('setup');
    const site = (address: string) => {
      const s = board.directory.createSite({ customerId: customer.value.id, address });
      if (!s.ok) throw new Error('setup');
      return s.value.id;
    };
    const [mission, richmond] = [site('2800 Mission St'), site('5000 Geary Blvd')];
    board.directory.setSiteLocation(mission, { lat: 37.7524, lng: -122.4184 });
    const job = (siteId: string) => {
      const j = board.createJob({ customerName: 'Two Sites Co', problem: 'Service', customerId: customer.value.id, siteId }, alice, 'AAAA', NOW);
      if (!j.ok) throw new Error('setup');
      return j.job.id;
    };
    const [a, b] = [job(mission), job(richmond)];
    // 17:00Z is 09:00 in the org zone (LA): inside working hours, so only travel can be flagged.
    board.visits.book({ jobId: a, technicianIds: [t1], start: at('17:00'), end: at('18:00') }, alice, NOW);
    board.visits.book({ jobId: b, technicianIds: [t1], start: at('18:10'), end: at('19:00') }, alice, NOW);
    expect(board.visits.conflicts().filter((c) => c.kind === 'travel')).toEqual([]);
    board.directory.setSiteLocation(richmond, { lat: 37.7806, lng: -122.4845 });
    const travel = board.visits.conflicts().filter((c) => c.kind === 'travel');
    expect(travel).toHaveLength(1);
    expect(travel[0]).toMatchObject({ visitIds: [`v1:${a}`, `v1:${b}`], travel: { availableMinutes: 10 } });
    expect(travel[0]!.travel!.neededMinutes).toBeGreaterThan(10);
  });
});

describe('visits.moveAll', () => {
  it('moves a first visit and a further visit in one transaction, and refuses a stale plan writing nothing', () => {
    const { doc, board, t1, jobId } = setup();
    board.visits.book({ jobId, technicianIds: [t1], start: at('17:00'), end: at('18:00') }, alice, NOW);
    const second = board.visits.book({ jobId, technicianIds: [t1], start: at('19:00'), end: at('20:00') }, alice, NOW);
    if (!second.ok) throw new Error('setup');
    const first = `v1:${jobId}`;
    const plan = [
      { visitId: second.visit.id, start: at('17:00'), end: at('18:00'), from: { start: at('19:00'), end: at('20:00') } },
      { visitId: first, start: at('18:30'), end: at('19:30'), from: { start: at('17:00'), end: at('18:00') } }
    ];
    expect(transactions(doc, () => expect(board.visits.moveAll(plan, alice, NOW)).toEqual({ ok: true }))).toBe(1);
    expect(board.visits.get(first)?.window).toEqual({ start: at('18:30'), end: at('19:30') });
    expect(board.visits.get(second.visit.id)?.window).toEqual({ start: at('17:00'), end: at('18:00') });
    // The same plan again is stale now: nothing is written.
    expect(transactions(doc, () => expect(board.visits.moveAll(plan, alice, NOW)).toMatchObject({ ok: false, error: expect.stringContaining('moved since') }))).toBe(0);
    expect(board.visits.moveAll([{ visitId: first, start: at('20:00'), end: at('19:00') }], alice, NOW)).toMatchObject({ ok: false });
    expect(board.visits.get(first)?.window.start).toBe(at('18:30'));
  });
});
