import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEST_CLOCKS, TEST_CLOCK_NAMES } from '../../../tests/clock';
import { buildDemoCompany } from '../demo/company';
import { buildDemoStock } from '../demo/stock-and-agreements';
import { parseDemoDatasetText } from '../demo/dataset';
import { BoardDoc } from './board-doc';
import { loadDemoCompany } from './demo-loader';

const dataset = parseDemoDatasetText(fs.readFileSync(new URL('../../../static/demo/sf-demo-dataset.json', import.meta.url), 'utf8'));
const seed = 4242;
const importer = { id: 'ada', name: 'Ada' };

// Which statuses the live board holds depends on the time of day: check at all three instants.
// Each test builds and loads a whole company (about 1 s alone); the machine may be shared.
describe.each(TEST_CLOCK_NAMES)('loadDemoCompany at %s organisation time', { timeout: 30_000 }, (clock) => {
  const now = TEST_CLOCKS[clock];

  it('writes the whole company and every job reads back with its derived status', () => {
    const board = new BoardDoc(new Y.Doc());
    const result = loadDemoCompany(board, dataset, { seed, now, orgName: 'Bayside Mechanical', importer });
    const expected = buildDemoCompany(dataset, { seed, now, orgName: 'Bayside Mechanical' });
    const stock = buildDemoStock(expected, { seed, now });

    expect(result).toEqual({
      offices: 4,
      technicians: 25,
      customers: expected.customers.length,
      sites: expected.sites.length,
      assets: expected.assets.length,
      jobs: expected.jobs.length,
      jobEvents: expected.jobEvents.length,
      stockMoves: stock.moves.length,
      stockSettings: stock.settings.length,
      agreements: stock.agreements.length,
      skipped: 0
    });
    expect(stock.agreements.length).toBeGreaterThan(3);
    expect(board.stock.moves.invalid()).toEqual([]);
    expect(board.stock.onHand().negatives().length).toBeGreaterThan(0);
    expect(board.agreements.unscheduled().length).toBeGreaterThan(0);
    const jobs = board.listJobs();
    expect(jobs).toHaveLength(expected.jobs.length);
    expect(board.jobs.invalid()).toEqual([]);
    expect(board.jobEvents.invalid()).toEqual([]);
    for (const collection of [board.directory.offices, board.directory.technicians, board.directory.customers, board.directory.sites, board.directory.assets]) {
      expect(collection.invalid()).toEqual([]);
    }
    const statuses = new Set(jobs.map((j) => j.status));
    for (const status of ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold', 'invoiced', 'paid', 'closed']) {
      expect(statuses.has(status as never), status).toBe(true);
    }
    const sample = jobs.find((j) => j.status === 'on_site')!;
    expect(board.historyOf(sample.id).map((e) => e.to).slice(-2)).toEqual(['en_route', 'on_site']);
  });

  it('adds nothing when loaded a second time', () => {
    const doc = new Y.Doc();
    const board = new BoardDoc(doc);
    loadDemoCompany(board, dataset, { seed, now, importer });
    const state = Y.encodeStateVector(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));

    const again = loadDemoCompany(board, dataset, { seed, now, importer });

    expect(again).toMatchObject({ offices: 0, technicians: 0, customers: 0, sites: 0, assets: 0, jobs: 0, jobEvents: 0, stockMoves: 0, stockSettings: 0, agreements: 0 });
    expect(again.skipped).toBeGreaterThan(1000);
    expect(updates).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });

  it('never adds events to a job already on the board when loaded again days later', () => {
    const board = new BoardDoc(new Y.Doc());
    loadDemoCompany(board, dataset, { seed, now, importer });
    const eventCount = (jobId: string) => board.historyOf(jobId).length;
    const before = new Map(board.listJobs().map((j) => [j.id, { count: eventCount(j.id), status: j.status }]));

    const later = loadDemoCompany(board, dataset, { seed, now: new Date(now.getTime() + 2 * 86_400_000), importer });

    for (const [id, was] of before) {
      expect(eventCount(id)).toBe(was.count);
      expect(board.getJob(id)?.status).toBe(was.status);
    }
    // Requests that did not fit the calendar the first time may fit now; nothing else is new.
    expect(later).toMatchObject({ offices: 0, technicians: 0 });
    expect(later.jobs).toBeLessThan(before.size * 0.05);
  });

  it('arrives at a peer as one update that a fresh doc can apply', () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    loadDemoCompany(new BoardDoc(source), dataset, { seed, now, importer });
    expect(updates).toHaveLength(1);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, updates[0]!);
    expect(new BoardDoc(peer).listJobs()).toHaveLength(new BoardDoc(source).listJobs().length);
  });

  it('records the demo history as written by the importer for the demo people, never at a future time', () => {
    const board = new BoardDoc(new Y.Doc());
    loadDemoCompany(board, dataset, { seed, now, importer });
    const expected = buildDemoCompany(dataset, { seed, now, orgName: 'Golden Gate Comfort & Plumbing' });
    const original = new Map(expected.jobEvents.map((e) => [e.id, e]));
    const events = board.jobEvents.list();
    expect(events.length).toBeGreaterThan(100);
    for (const event of events) {
      expect(event.by).toBe('ada');
      expect(event.byName).toBe('Ada');
      expect(event.recordedFor).toBe(original.get(event.id)?.by);
      expect(event.recordedForName).toBe(original.get(event.id)?.byName);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(now.getTime());
    }
  });
});
