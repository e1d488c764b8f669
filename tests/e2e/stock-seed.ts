/**
 * Seed for the stock browser tests (inventory, required parts), written by node writers through
 * the real relay: the directory of board-support.ts, one part in the price book (stock is kept
 * under its catalogue id) with ten received into North Beach's warehouse, and Ana, who signs in
 * as `anaUser`, with one visit for Harbor Deli at 10:00–11:00 (org time) on the chosen day.
 */
import { truckId, warehouseId } from '../../src/lib/domain/inventory/locations';
import { orgTimeOn, TEST_NOW } from '../clock';
import type { RelayProcess } from '../helpers/relay-process';
import { nodeBoard, seedDirectory, seedPricedPart, type SeededDirectory } from './board-support';

export interface StockedVisitSeed {
  part: { sku: string; description: string; unit: string; cost: string; price: string };
  /** The job's problem. */
  problem: string;
  /** The visit's day: days after the test day, in the organisation's zone. */
  day: number;
  /** The purchase order the ten units were received on (from Ferguson, at the part's cost). */
  supplierRef: string;
  /** Units moved from the warehouse onto Ana's truck (none when absent). */
  onTruck?: number;
}

export interface StockedVisit {
  directory: SeededDirectory;
  partId: string;
  jobId: string;
  number: string;
  visitId: string;
}

export async function seedStockedVisit(relay: RelayProcess, org: string, anaUser: string, seed: StockedVisitSeed): Promise<StockedVisit> {
  const directory = await seedDirectory(relay, org);
  const { sku, description, unit, cost, price } = seed.part;
  const partId = await seedPricedPart(relay, org, { sku, description, cost, price }, TEST_NOW);
  const { board, connection, confirmed } = await nodeBoard(relay, org);
  try {
    const ana = directory.technicians.ana;
    if (!board.directory.updateTechnician(ana, { userId: anaUser }).ok) throw new Error('could not link Ana');
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const job = board.createJob({ customerName: 'Harbor Deli', problem: seed.problem, officeId: directory.offices.north }, seeder, 'SEED', TEST_NOW);
    if (!job.ok) throw new Error('could not seed the job');
    const booked = board.visits.book({ jobId: job.job.id, technicianIds: [ana], start: orgTimeOn(seed.day, '10:00').toISOString(), end: orgTimeOn(seed.day, '11:00').toISOString() }, seeder, TEST_NOW);
    if (!booked.ok) throw new Error('could not book the visit');
    const part = { partId, sku, description, unit };
    const warehouse = warehouseId(directory.offices.north);
    if (!board.stock.receive({ ...part, to: warehouse, qty: 10, unitCost: cost, supplier: 'Ferguson', supplierRef: seed.supplierRef }, seeder, TEST_NOW).ok) throw new Error('could not seed stock');
    if (seed.onTruck && !board.stock.transfer({ ...part, from: warehouse, to: truckId(ana), qty: seed.onTruck }, seeder, TEST_NOW).ok) throw new Error('could not load the truck');
    await confirmed();
    return { directory, partId, jobId: job.job.id, number: job.job.number, visitId: booked.visit.id };
  } finally {
    connection.destroy();
  }
}
