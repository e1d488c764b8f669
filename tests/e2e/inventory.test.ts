/**
 * Inventory in the browser (issue 11, Done-when 3): a dispatcher transfers parts from a
 * warehouse to a technician's truck; a second dispatcher on another device sees both
 * locations' on-hand change live; the technician uses two on a visit in the technician app and
 * the truck's on-hand drops live on the dispatcher's screen. A transfer of zero is refused with
 * the reason and writes nothing. Against the built app and the real relay; the part is in the
 * price book and the stock is received by Node writers first.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warehouseId } from '../../src/lib/domain/inventory/locations';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { orgTimeOn, TEST_NOW } from '../clock';
import { nodeBoard, seedDirectory, seedPricedPart, signedInDispatcher } from './board-support';
import { launchBrowser, newDevice } from './browser';
import { InventoryPage } from './pages/inventory-page';
import { TechnicianPage } from './pages/technician-page';

const ORG = 'inventory-org';
const PART = { partId: '', sku: 'CAP-45', description: 'Capacitor 45/5 MFD', unit: 'each' };
const ANA_USER = 'ana-user';
let visitId = '';
const WAREHOUSE = 'North Beach warehouse (SF-N)';
const TRUCK = "Ana Lopez's truck";

let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const dir = await seedDirectory(relay, ORG);
  // The part is in the price book; stock is kept under its catalogue id.
  PART.partId = await seedPricedPart(relay, ORG, { sku: PART.sku, description: PART.description, cost: '18.40', price: '42.00' }, TEST_NOW);
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    // Ana signs in as ana-user and has a visit today.
    if (!board.directory.updateTechnician(dir.technicians.ana, { userId: ANA_USER }).ok) throw new Error('could not link Ana');
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const job = board.createJob({ customerName: 'Harbor Deli', problem: 'Condenser fan hums, will not start', officeId: dir.offices.north }, seeder, 'SEED', TEST_NOW);
    if (!job.ok) throw new Error('could not seed the job');
    const booked = board.visits.book({ jobId: job.job.id, technicianIds: [dir.technicians.ana], start: orgTimeOn(0, '10:00').toISOString(), end: orgTimeOn(0, '11:00').toISOString() }, seeder, TEST_NOW);
    if (!booked.ok) throw new Error('could not book the visit');
    visitId = booked.visit.id;
    const received = board.stock.receive({ ...PART, to: warehouseId(dir.offices.north), qty: 10, unitCost: '18.40', supplier: 'Ferguson', supplierRef: 'PO-1001' }, { id: 'test-seed', name: 'Test seed' }, TEST_NOW);
    if (!received.ok) throw new Error('could not seed stock');
    await confirmed();
  } finally {
    connection.destroy();
  }
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await relay?.kill();
});

async function dispatcher(sub: string, name: string): Promise<InventoryPage> {
  const board = await signedInDispatcher(browser, relay, ORG, { sub, name }, contexts);
  const inventory = new InventoryPage(board.page, relay.httpUrl);
  await inventory.open();
  return inventory;
}

describe('inventory across devices', () => {
  it('a transfer from the warehouse to a truck shows on both locations, live on a second device', async () => {
    const [desk, other] = [await dispatcher('dina', 'Dina Dispatch'), await dispatcher('otto', 'Otto Office')];
    await other.showLocation(WAREHOUSE);
    await expect.poll(() => other.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('10');

    // Zero is refused with the reason; nothing is written.
    const errors = await desk.transferExpectingError({ part: `${PART.sku} · ${PART.description}`, from: WAREHOUSE, to: TRUCK, qty: '0' });
    expect(errors).toContain('Enter a quantity of at least 1');

    await desk.transfer({ part: `${PART.sku} · ${PART.description}`, from: WAREHOUSE, to: TRUCK, qty: '4' });
    await expect.poll(() => other.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('6');
    await other.showLocation(TRUCK);
    await expect.poll(() => other.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('4');
    await desk.showLocation(TRUCK);
    await expect.poll(() => desk.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('4');

    // Ana uses two on her visit, picked from the parts list: they leave her truck, live on the desk.
    const phone = await newDevice(browser, 'phone');
    contexts.push(phone);
    const ana = new TechnicianPage(await phone.newPage(), relay.httpUrl);
    await ana.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: ANA_USER, name: 'Ana Lopez' }));
    await ana.openVisit(visitId);
    await ana.page.locator(`#catalog-skus option[value="${PART.sku}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await ana.addPart({ sku: PART.sku, quantity: '2' });
    await expect.poll(() => desk.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('2');
    await other.showLocation(WAREHOUSE);
    await expect.poll(() => other.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('6');
  });
});
