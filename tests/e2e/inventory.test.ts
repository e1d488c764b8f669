/**
 * Inventory in the browser (issue 11, Done-when 3, dispatcher part): a dispatcher transfers
 * parts from a warehouse to a technician's truck; a second dispatcher on another device sees
 * both locations' on-hand change live. A transfer of zero is refused with the reason and
 * writes nothing. Against the built app and the real relay; the stock is received by a Node
 * writer first. (Using parts on a visit in the technician app is wired by the lead later.)
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warehouseId } from '../../src/lib/domain/inventory/locations';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { TEST_NOW } from '../clock';
import { nodeBoard, seedDirectory } from './board-support';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';
import { InventoryPage } from './pages/inventory-page';

const ORG = 'inventory-org';
const PART = { partId: 'part-cap-45', sku: 'CAP-45', description: 'Capacitor 45/5 MFD', unit: 'each' };
const WAREHOUSE = 'North Beach warehouse (SF-N)';
const TRUCK = "Ana Lopez's truck";

let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const dir = await seedDirectory(relay, ORG);
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
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
  const context = await newDevice(browser);
  contexts.push(context);
  const board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub, name }));
  await board.waitForSync('synced', 0);
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
  });
});
