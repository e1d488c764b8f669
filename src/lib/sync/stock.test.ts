import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';
import { truckId, warehouseId } from '../domain/inventory/locations';

const NOW = new Date('2026-06-10T20:00:00.000Z');
const actor = { id: 'ada', name: 'Ada' };
const PART = { partId: 'p1', sku: 'CAP-45', description: 'Capacitor', unit: 'each' };

function setUp() {
  const board = new BoardDoc(new Y.Doc());
  const office = board.directory.createOffice({ name: 'North', code: 'SF-N', timeZone: 'America/Los_Angeles' });
  const tech = board.directory.createTechnician({ name: 'Tess' });
  if (!office.ok || !tech.ok) throw new Error('setup');
  return { board, wh: warehouseId(office.value.id), truck: truckId(tech.value.id), techId: tech.value.id };
}

describe('board stock', () => {
  it('records a receipt, a transfer and a use as authored ledger entries and derives on-hand', () => {
    const { board, wh, truck } = setUp();
    expect(board.stock.receive({ ...PART, to: wh, qty: '5', unitCost: '$18.40', supplier: 'Ferguson', supplierRef: 'PO-1' }, actor, NOW)).toMatchObject({ ok: true, value: { unitCostCents: 1840, by: 'ada', byName: 'Ada' } });
    expect(board.stock.transfer({ ...PART, from: wh, to: truck, qty: 2 }, actor, NOW).ok).toBe(true);
    expect(board.stock.use({ ...PART, from: truck, qty: 3, jobId: 'j1' }, actor, NOW).ok).toBe(true);
    const onHand = board.stock.onHand();
    expect([onHand.at(wh, 'p1'), onHand.at(truck, 'p1')]).toEqual([3, -1]);
    // Entries of one part are stamped in the order they were written, even within one millisecond.
    const stamps = board.stock.listMoves().map((m) => m.stamp!).sort();
    expect(new Set(stamps).size).toBe(3);
  });

  it('refuses unknown locations, bad quantities and missing costs, writing nothing', () => {
    const { board, wh } = setUp();
    expect(board.stock.receive({ ...PART, to: 'wh:nowhere', qty: 1, unitCost: '1', supplier: 'S' }, actor, NOW)).toEqual({ ok: false, errors: { to: 'That location is no longer on this board' } });
    expect(board.stock.receive({ ...PART, to: wh, qty: 1, unitCost: 'abc', supplier: 'S' }, actor, NOW)).toMatchObject({ ok: false, errors: { unitCost: 'Enter the unit cost, e.g. 12.50' } });
    expect(board.stock.transfer({ ...PART, from: wh, to: wh, qty: 1 }, actor, NOW)).toMatchObject({ ok: false, errors: { to: 'Pick two different locations' } });
    expect(board.stock.adjust({ ...PART, to: wh, qty: 2, reason: '' }, actor, NOW).ok).toBe(false);
    expect(board.stock.transferMany(wh, 'truck:ghost', [{ ...PART, qty: 1 }], 'x', actor, NOW)).toMatchObject({ ok: false, errors: { to: 'That location is no longer on this board' } });
    expect(board.stock.listMoves()).toEqual([]);
  });

  it('keeps the latest reorder setting per location and part', () => {
    const { board, wh } = setUp();
    board.stock.saveSetting({ locationId: wh, partId: 'p1', reorderPoint: '2', reorderQty: '5' }, actor, NOW);
    board.stock.saveSetting({ locationId: wh, partId: 'p1', reorderPoint: '4', reorderQty: '10', supplier: 'Grainger' }, actor, NOW);
    expect([...board.stock.effectiveSettings().values()].map((s) => [s.reorderPoint, s.reorderQty, s.supplier])).toEqual([[4, 10, 'Grainger']]);
  });
});

describe('board agreements', () => {
  function withAgreement(responseHours: number | null) {
    const { board, techId } = setUp();
    const customer = board.directory.createCustomer({ name: 'Mission Bakery' }, NOW);
    if (!customer.ok) throw new Error('setup');
    const site = board.directory.createSite({ customerId: customer.value.id, address: '1 Valencia St' });
    if (!site.ok) throw new Error('setup');
    const created = board.agreements.create(
      { customerId: customer.value.id, name: 'Gold', siteIds: [site.value.id], startDate: '2026-05-01', termMonths: 12, billingCycle: 'annual', priceCents: 90000, pmInterval: 'monthly', responseHours, preferredTechnicianId: techId },
      actor,
      NOW
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return { board, agreement: created.value, customerId: customer.value.id };
  }

  it("sets a covered customer's SLA from the agreement's response time", () => {
    const { board, customerId } = withAgreement(4);
    expect(board.agreements.slaDueFor(customerId, '2026-06-13T20:00:00.000Z', NOW)).toBe('2026-06-11T00:00:00.000Z');
    expect(board.agreements.slaDueFor('someone-else', null, NOW)).toBeNull();
  });

  it('books a generated visit as a maintenance job under its id, once', () => {
    const { board, agreement } = withAgreement(null);
    expect(board.agreements.generate({ actor, now: NOW })).toBe(4); // Jun 1 (last period before today), Jul 1, Aug 1, Sep 1: horizon Jun 10 → Sep 8
    const [due] = board.agreements.unscheduled();
    const booked = board.agreements.book(agreement.id, due!.visit.periodKey, actor, 'AAAA', NOW);
    expect(booked).toMatchObject({ ok: true, value: { id: due!.visit.jobId, type: 'maintenance', channel: 'contract', customerName: 'Mission Bakery', siteAddress: '1 Valencia St' } });
    expect(board.agreements.book(agreement.id, due!.visit.periodKey, actor, 'AAAA', NOW)).toEqual({ ok: false, errors: { _form: 'That job is already on the board.' } });
    expect(board.agreements.unscheduled().map((u) => u.visit.periodKey)).not.toContain(due!.visit.periodKey);
  });

  it("gives a booked PM job its plan's parts as the job's own required parts", () => {
    const { board, agreement } = withAgreement(null);
    const plan = [{ ...PART, qty: 2 }];
    expect(board.agreements.update(agreement.id, { ...agreement, pmParts: plan }).ok).toBe(true);
    board.agreements.generate({ actor, now: NOW });
    const [due] = board.agreements.unscheduled();
    expect(due!.visit.parts).toEqual(plan);
    const booked = board.agreements.book(agreement.id, due!.visit.periodKey, actor, 'AAAA', NOW);
    if (!booked.ok) throw new Error('booking refused');
    expect(board.jobs.get(booked.value.id)?.requiredParts).toEqual({ p1: 2 });
  });

  it('refuses an agreement for an unknown customer or with sites of another customer', () => {
    const { board } = withAgreement(null);
    expect(board.agreements.create({ customerId: 'ghost', name: 'X', startDate: '2026-05-01', termMonths: 12, billingCycle: 'annual', priceCents: 1, pmInterval: 'annual' }, actor, NOW)).toEqual({ ok: false, errors: { customerId: 'Pick a customer of this board' } });
  });
});
