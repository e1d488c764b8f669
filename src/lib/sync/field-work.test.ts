import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { timeEntryHistory } from '../domain/fieldwork/time-entries';
import { BoardDoc } from './board-doc';
import { updatesDuring as updates } from '../../../tests/factories/doc-updates';

const tess = { id: 'u-tess', name: 'Tess' };
const office = { id: 'u-dora', name: 'Dora' };
const T0 = Date.parse('2026-06-10T16:00:00.000Z');
const min = (m: number) => new Date(T0 + m * 60_000);

function setup() {
  const doc = new Y.Doc();
  const board = new BoardDoc(doc);
  const t = board.directory.createTechnician({ name: 'Tess' });
  if (!t.ok) throw new Error('setup');
  const job = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, office, 'AAAA', min(-120));
  if (!job.ok) throw new Error('setup');
  const booked = board.visits.book({ jobId: job.job.id, technicianIds: [t.value.id], start: min(0).toISOString(), end: min(60).toISOString() }, office, min(-100));
  if (!booked.ok) throw new Error('setup');
  return { doc, board, techId: t.value.id, jobId: job.job.id, visitId: booked.visit.id };
}

describe('field work', () => {
  it('drives a first visit and its job through the taps, each one transaction, with the clock following', () => {
    const { doc, board, techId, jobId, visitId } = setup();
    const fw = board.fieldWork;
    expect(updates(doc, () => expect(fw.tap(visitId, 'en_route', { technicianId: techId, location: { lat: 37.7, lng: -122.4, accuracy: 12 } }, tess, min(0))).toEqual({ ok: true }))).toBe(1);
    expect(board.getJob(jobId)?.status).toBe('en_route');
    expect(board.historyOf(jobId).map((e) => e.to)).toEqual(['new', 'scheduled', 'dispatched', 'en_route']);
    expect(fw.currentEntries()).toMatchObject([{ kind: 'travel', end: null, by: 'u-tess' }]);

    fw.tap(visitId, 'on_site', { technicianId: techId, location: null }, tess, min(20));
    expect(fw.currentEntries().map((e) => [e.kind, e.start, e.end])).toEqual([
      ['travel', min(0).toISOString(), min(20).toISOString()],
      ['on_site', min(20).toISOString(), null]
    ]);

    const refused = fw.tap(visitId, 'done', { technicianId: techId }, tess, min(70));
    expect(refused.ok).toBe(false);
    expect(board.getJob(jobId)?.status).toBe('on_site');

    expect(fw.tap(visitId, 'done', { technicianId: techId, completion: { outcome: 'needs_parts', resolution: 'Fan motor seized; ordered one.' } }, tess, min(70))).toEqual({ ok: true });
    expect(board.getJob(jobId)).toMatchObject({ status: 'completed', outcome: 'needs_parts', resolution: 'Fan motor seized; ordered one.' });
    expect(fw.currentEntries().every((e) => e.end !== null)).toBe(true);
    expect(fw.taps.list().map((t) => [t.tap, t.location?.lat ?? null]).sort()).toEqual([['done', null], ['en_route', 37.7], ['on_site', null]]);
  });

  it('keeps a further visit\u2019s own status and leaves the job where it is', () => {
    const { board, techId, jobId } = setup();
    const second = board.visits.book({ jobId, technicianIds: [techId], start: min(1440).toISOString(), end: min(1500).toISOString() }, office, min(-90));
    if (!second.ok) throw new Error('book');
    const fw = board.fieldWork;
    expect(fw.tap(second.visit.id, 'en_route', { technicianId: techId }, tess, min(0))).toEqual({ ok: true });
    expect(fw.tap(second.visit.id, 'on_site', { technicianId: techId }, tess, min(20))).toEqual({ ok: true });
    expect(fw.tap(second.visit.id, 'en_route', { technicianId: techId }, tess, min(21)).ok).toBe(false);
    expect(fw.tap(second.visit.id, 'done', { technicianId: techId, completion: { outcome: 'fixed', resolution: 'Fitted the new motor' } }, tess, min(40))).toEqual({ ok: true });
    expect(board.visits.get(second.visit.id)?.status).toBe('done');
    expect(board.getJob(jobId)).toMatchObject({ status: 'scheduled', outcome: 'fixed' });
    expect(fw.currentEntries().map((e) => [e.kind, e.visitId])).toEqual([['travel', second.visit.id], ['on_site', second.visit.id]]);
  });

  it('pauses work for a break and resumes it afterwards', () => {
    const { board, techId, visitId } = setup();
    const fw = board.fieldWork;
    fw.tap(visitId, 'on_site', { technicianId: techId }, tess, min(0));
    expect(fw.startBreak(techId, tess, min(30))).toEqual({ ok: true });
    expect(fw.startBreak(techId, tess, min(31)).ok).toBe(false);
    expect(fw.stopBreak(techId, tess, min(45))).toEqual({ ok: true });
    expect(fw.currentEntries().map((e) => [e.kind, e.end === null])).toEqual([
      ['on_site', false],
      ['break', false],
      ['on_site', true]
    ]);
  });

  it('edits an entry after the fact as a new record with the reason, keeping the original', () => {
    const { board, techId, visitId } = setup();
    const fw = board.fieldWork;
    fw.tap(visitId, 'en_route', { technicianId: techId }, tess, min(0));
    fw.tap(visitId, 'on_site', { technicianId: techId }, tess, min(20));
    const travel = fw.currentEntries().find((e) => e.kind === 'travel');
    if (!travel) throw new Error('no travel');
    expect(fw.editEntry(travel.rootId, { start: min(5).toISOString(), end: min(20).toISOString(), reason: '' }, tess, min(30)).ok).toBe(false);
    expect(fw.editEntry(travel.rootId, { start: min(5).toISOString(), end: min(90).toISOString(), reason: 'Future' }, tess, min(30)).ok).toBe(false);
    expect(fw.editEntry(travel.rootId, { start: min(5).toISOString(), end: min(20).toISOString(), reason: 'Tapped before leaving the depot' }, office, min(30))).toEqual({ ok: true });
    const edited = fw.currentEntries().find((e) => e.rootId === travel.rootId);
    expect(edited).toMatchObject({ start: min(5).toISOString(), edited: true, by: 'u-dora', byName: 'Dora', reason: 'Tapped before leaving the depot' });
    expect(timeEntryHistory(fw.timeRecords(), travel.rootId).map((v) => [v.change, v.state, v.record.start])).toEqual([
      ['started', 'replaced', min(0).toISOString()],
      ['stopped', 'replaced', min(0).toISOString()],
      ['edited', 'current', min(5).toISOString()]
    ]);
  });

  it('records parts, notes and checklist ticks as separate immutable records, refusing bad input', () => {
    const { board, visitId } = setup();
    const fw = board.fieldWork;
    expect(fw.addPartUse(visitId, { sku: 'FM-220', description: 'Condenser fan motor', quantity: 1, serials: ['SN-1'] }, tess, min(10))).toEqual({ ok: true });
    expect(fw.addPartUse(visitId, { description: 'Copper pipe (m)', quantity: '2.5' }, tess, min(11))).toEqual({ ok: true });
    expect(fw.addPartUse(visitId, { description: '', quantity: 1 }, tess, min(12)).ok).toBe(false);
    expect(fw.addPartUse(visitId, { description: 'Valve', quantity: 2, serials: ['only-one'] }, tess, min(12)).ok).toBe(false);
    expect(fw.partUses.list().map((p) => [p.description, p.quantity, p.partId]).sort()).toEqual([['Condenser fan motor', 1, null], ['Copper pipe (m)', 2.5, null]]);
    expect(fw.addNote(visitId, { text: '  ' }, tess, min(12)).ok).toBe(false);
    expect(fw.addNote(visitId, { text: 'Gate code 4412' }, tess, min(12))).toEqual({ ok: true });
    fw.setCheck(visitId, 'test', true, tess, min(13));
    fw.setCheck(visitId, 'test', false, tess, min(13));
    expect(fw.checks.list().filter((c) => c.itemId === 'test')).toHaveLength(2);
    expect(fw.notes.list()[0]).toMatchObject({ text: 'Gate code 4412', by: 'u-tess', byName: 'Tess' });
  });
});

describe('time entries across replicas (supersede chain)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('converges on one current version per entry whatever order concurrent edits arrive in (seed %i)', (seed) => {
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const { doc, board, techId, visitId } = setup();
    board.fieldWork.tap(visitId, 'en_route', { technicianId: techId }, tess, min(0));
    board.fieldWork.tap(visitId, 'on_site', { technicianId: techId }, tess, min(20));
    // Three devices (the phone, two offices) each hold the day, then edit the travel entry offline.
    const replicas = [0, 1, 2].map(() => {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      return { doc: replica, board: new BoardDoc(replica), updates: [] as Uint8Array[] };
    });
    for (const r of replicas) r.doc.on('update', (u: Uint8Array) => r.updates.push(u));
    const rootId = board.fieldWork.currentEntries().find((e) => e.kind === 'travel')?.rootId ?? '';
    const skew = [0, 90_000, -60_000]; // device clocks minutes apart
    replicas.forEach((r, i) => {
      const actor = i === 0 ? tess : { id: `u-office-${i}`, name: `Office ${i}` };
      const result = r.board.fieldWork.editEntry(rootId, { start: min(i + 1).toISOString(), end: min(20).toISOString(), reason: `edit ${i}` }, actor, new Date(min(30).getTime() + skew[i]!));
      expect(result.ok).toBe(true);
    });
    // One device edits again on top of what it has, after hearing from one other.
    Y.applyUpdate(replicas[1]!.doc, Y.mergeUpdates(replicas[2]!.updates));
    replicas[1]!.board.fieldWork.editEntry(rootId, { start: min(4).toISOString(), end: min(19).toISOString(), reason: 'after seeing edit 2' }, office, min(40));
    // Deliver everything to everyone, shuffled and duplicated.
    const all = replicas.flatMap((r) => r.updates);
    for (const r of replicas) {
      const order = [...all, ...all].sort(() => random() - 0.5);
      for (const u of order) Y.applyUpdate(r.doc, u);
    }
    const views = replicas.map((r) => r.board.fieldWork.currentEntries());
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    const travel = views[0]!.filter((e) => e.rootId === rootId);
    expect(travel).toHaveLength(1);
    // Every version is kept: start, stop, three concurrent edits and the later one.
    expect(timeEntryHistory(replicas[0]!.board.fieldWork.timeRecords(), rootId)).toHaveLength(6);
    expect(travel[0]?.reason).toBe('after seeing edit 2');
  });

  it('takes a catalogue part counted in whole units from the technician\u2019s truck as a stock-ledger use, in the same transaction', () => {
    const doc = new Y.Doc();
    const board = new BoardDoc(doc);
    const t = board.directory.createTechnician({ name: 'Tess', userId: tess.id });
    const job = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, office, 'AAAA', min(-120));
    if (!t.ok || !job.ok) throw new Error('setup');
    const booked = board.visits.book({ jobId: job.job.id, technicianIds: [t.value.id], start: min(0).toISOString(), end: min(60).toISOString() }, office, min(-100));
    if (!booked.ok) throw new Error('setup');
    const fw = board.fieldWork;
    const truck = `truck:${t.value.id}`;
    expect(updates(doc, () => expect(fw.addPartUse(booked.visit.id, { partId: 'part-fm', sku: 'FM-220', description: 'Condenser fan motor', quantity: 2 }, tess, min(10))).toEqual({ ok: true }))).toBe(1);
    // Cut lengths and free-text parts stay on the visit only.
    fw.addPartUse(booked.visit.id, { partId: 'part-pipe', description: 'Copper pipe (m)', quantity: 2.5 }, tess, min(11));
    fw.addPartUse(booked.visit.id, { description: 'Hose clamp', quantity: 1 }, tess, min(12));
    expect(fw.partUses.list()).toHaveLength(3);
    expect(board.stock.listMoves().map((m) => [m.kind, m.partId, m.from, m.qty, m.jobId])).toEqual([['use', 'part-fm', truck, 2, job.job.id]]);
    // Never clamped: an empty truck goes negative and is flagged by the ledger views.
    expect(board.stock.onHand().at(truck, 'part-fm')).toBe(-2);
  });
});
