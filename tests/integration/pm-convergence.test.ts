/**
 * Issue 11, Done-when 2, through the real relay (its guard checks every update): two offices
 * generate PM visits for the same 20 agreements over 12 months while offline; after sync there
 * are no duplicates and nothing was refused. Then an agreement's interval is edited and both
 * regenerate offline: unstarted visits are updated in place (a booked, unstarted job too), a
 * started one is left alone, still without duplicates. Plus the same on the seeded simulated
 * network with shuffled delivery (rerun one with PM_SEED=<n>).
 */
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/lib/domain/agreements/calendar-months';
import type { BoardDoc } from '../../src/lib/sync/board-doc';
import { TEST_NOW } from '../clock';
import { until } from './support/clients';
import { RelayOffices, useRelayOffices } from './support/relay-offices';
import { ReplicaNetwork } from './support/replica-network';

const INTERVALS = ['monthly', 'quarterly', 'semi_annual', 'annual', 'after_last'] as const;
const YEAR = 365;

/** 20 customers with one site and asset each, and an agreement per customer, all on `board`. */
function twentyAgreements(board: BoardDoc): string[] {
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const customer = board.directory.createCustomer({ name: `Customer ${i}` }, TEST_NOW);
    if (!customer.ok) throw new Error('setup');
    const site = board.directory.createSite({ customerId: customer.value.id, address: `${100 + i} Main St` });
    if (!site.ok) throw new Error('setup');
    const asset = board.directory.createAsset({ siteId: site.value.id, type: i % 2 ? 'hvac' : 'boiler' });
    if (!asset.ok) throw new Error('setup');
    const created = board.agreements.create(
      {
        customerId: customer.value.id,
        name: `Plan ${String(i).padStart(2, '0')}`,
        siteIds: [site.value.id],
        assetIds: [asset.value.id],
        startDate: `2026-0${1 + (i % 5)}-${i % 3 ? '15' : '31'}`.replace('02-31', '02-28').replace('04-31', '04-30'),
        termMonths: 12,
        billingCycle: 'annual',
        priceCents: 50_000 + i * 1000,
        pmInterval: INTERVALS[i % INTERVALS.length],
        pmEveryMonths: 4,
        checklists: { hvac: ['Replace filter'], boiler: ['Check flue'] }
      },
      { id: 'ann' },
      TEST_NOW
    );
    if (!created.ok) throw new Error(`setup: ${JSON.stringify(created.errors)}`);
    ids.push(created.value.id);
  }
  return ids;
}

/** Every visit of every agreement: no job id twice, one visit per period. */
function visitsOf(board: BoardDoc): Array<{ agreementId: string; periodKey: string; jobId: string; dueDate: string; withdrawn: boolean }> {
  return board.agreements.list().flatMap((a) => Object.values(a.pmVisits).map((v) => ({ agreementId: a.id, periodKey: v.periodKey, jobId: v.jobId, dueDate: v.dueDate, withdrawn: v.withdrawn })));
}

function expectNoDuplicates(board: BoardDoc): void {
  const visits = visitsOf(board);
  expect(new Set(visits.map((v) => v.jobId)).size).toBe(visits.length);
  const jobs = board.listJobs().filter((j) => j.type === 'maintenance');
  expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
}

describe('PM generation through the real relay', () => {
  const offices = useRelayOffices('pm-org');
  const { refusals } = offices;
  const office = (sub: string) => offices.office(sub);
  const sameState = RelayOffices.sameState;

  it('two offline offices generating the same 20 agreements for 12 months end with one visit per period, and an interval edit updates unstarted visits in place', async () => {
    const [a, b] = [await office('ann'), await office('bo')];
    const ids = twentyAgreements(a.board);
    const tech = a.board.directory.createTechnician({ name: 'Tess' });
    if (!tech.ok) throw new Error('setup');
    await until(() => sameState([a, b]) && b.board.agreements.list().length === 20, 'agreements on B');

    RelayOffices.offline([a, b]);
    const written = [a, b].map((w, i) => w.board.agreements.generate({ horizonDays: YEAR, actor: { id: ['ann', 'bo'][i]! }, now: TEST_NOW }));
    expect(written[0]).toBeGreaterThan(100);
    expect(written[1]).toBe(written[0]);
    await RelayOffices.reconnect([a, b]);

    expect(refusals).toEqual([]);
    expect(visitsOf(b.board)).toEqual(visitsOf(a.board));
    expect(visitsOf(a.board)).toHaveLength(written[0]!);
    expectNoDuplicates(a.board);
    // Regenerating the merged result changes nothing.
    expect(a.board.agreements.generate({ horizonDays: YEAR, actor: { id: 'ann' }, now: TEST_NOW })).toBe(0);

    // Agreement 0 is monthly. Ann books two of its visits; one is started (dispatched).
    const target = ids[0]!;
    const [first, second] = a.board.agreements.unscheduled().filter((u) => u.agreement.id === target);
    const startedJob = a.board.agreements.book(target, first!.visit.periodKey, { id: 'ann' }, 'AAAA', TEST_NOW);
    const waitingJob = a.board.agreements.book(target, second!.visit.periodKey, { id: 'ann' }, 'AAAA', TEST_NOW);
    if (!startedJob.ok || !waitingJob.ok) throw new Error('booking failed');
    expect(startedJob.value.id).toBe(first!.visit.jobId);
    expect(a.board.transitionJob(startedJob.value.id, 'dispatched', { id: 'ann' }, TEST_NOW)).toEqual({ ok: true });
    // Bo edits the interval; both see it, then both regenerate offline.
    const agreement = b.board.agreements.get(target)!;
    expect(b.board.agreements.update(target, { ...agreement, pmInterval: 'quarterly', checklists: { boiler: ['Check flue', 'Bleed radiators'] } }, TEST_NOW).ok).toBe(true);
    const quarterly = new Set(Array.from({ length: 12 }, (_, k) => addMonths(agreement.startDate, 3 * k)));
    await until(() => sameState([a, b]) && a.board.agreements.get(target)?.pmInterval === 'quarterly' && b.board.getJob(startedJob.value.id)?.status === 'dispatched', 'the edit and bookings everywhere');
    const before = a.board.agreements.get(target)!.pmVisits;

    RelayOffices.offline([a, b]);
    for (const [i, w] of [a, b].entries()) w.board.agreements.generate({ ids: [target], horizonDays: YEAR, actor: { id: ['ann', 'bo'][i]! }, now: TEST_NOW });
    await RelayOffices.reconnect([a, b]);

    expect(refusals).toEqual([]);
    for (const w of [a, b]) {
      const after = w.board.agreements.get(target)!.pmVisits;
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort()); // updated in place, nothing added
      expect(after[first!.visit.periodKey]).toEqual(before[first!.visit.periodKey]); // started: untouched
      const live = Object.values(after).filter((v) => !v.withdrawn && v.periodKey !== first!.visit.periodKey);
      expect(live.length).toBeGreaterThan(2);
      for (const v of live) {
        expect(quarterly.has(v.dueDate), `${v.dueDate} is a quarter of the plan`).toBe(true);
        expect(v.jobId).toBe(before[v.periodKey]!.jobId);
        expect(v.checklist).toEqual(['boiler: Check flue', 'boiler: Bleed radiators']);
      }
      expect(Object.values(after).filter((v) => v.withdrawn).length).toBeGreaterThan(0);
      // The booked, unstarted visit of a month the quarterly plan drops is withdrawn and its job cancelled, once.
      expect(after[second!.visit.periodKey]!.withdrawn).toBe(true);
      expect(w.board.getJob(waitingJob.value.id)?.status).toBe('cancelled');
      expect(w.board.historyOf(waitingJob.value.id).filter((e) => e.to === 'cancelled').length).toBeGreaterThanOrEqual(1);
      expectNoDuplicates(w.board);
    }
    expect(visitsOf(b.board)).toEqual(visitsOf(a.board));
  });
});

describe('PM generation on the seeded network', () => {
  const SEEDS = process.env.PM_SEED ? [Number(process.env.PM_SEED)] : Array.from({ length: 8 }, (_, i) => 500 + i * 7907);

  it.each(SEEDS)('two offline replicas generate for 20 agreements; after shuffled delivery every replica holds the same visits, none twice (seed %i)', (seed) => {
    try {
      const net = new ReplicaNetwork(seed, TEST_NOW.getTime());
      const [a, b] = [net.add('A', net.random.int(1, 4)), net.add('B', -net.random.int(1, 4))];
      twentyAgreements(a!.board);
      net.settle();
      for (const r of [a!, b!]) net.setOffline(r, true);
      // B regenerates twice with different horizons, A once: the union still has one visit per period.
      b!.board.agreements.generate({ horizonDays: 90, actor: { id: 'u-B' }, now: TEST_NOW });
      a!.board.agreements.generate({ horizonDays: YEAR, actor: { id: 'u-A' }, now: TEST_NOW });
      b!.board.agreements.generate({ horizonDays: YEAR, actor: { id: 'u-B' }, now: TEST_NOW });
      for (const r of [a!, b!]) net.setOffline(r, false);
      for (let i = 0; i < 3; i++) net.deliverSome(0.5);
      net.settle();
      expect(net.noPending()).toBe(true);
      expect(b!.doc.getMap('agreements').toJSON()).toEqual(a!.doc.getMap('agreements').toJSON());
      expectNoDuplicates(a!.board);
      expect(a!.board.agreements.generate({ horizonDays: YEAR, actor: { id: 'u-A' }, now: TEST_NOW })).toBe(0);
    } catch (error) {
      console.error(`pm-convergence failed with seed ${seed} (rerun: PM_SEED=${seed})`);
      throw error;
    }
  });
});
