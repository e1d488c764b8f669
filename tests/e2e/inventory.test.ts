/**
 * Inventory in the browser (issue 11, Done-when 3): a dispatcher transfers parts from a
 * warehouse to a technician's truck; a second dispatcher on another device sees both
 * locations' on-hand change live; the technician uses two on a visit in the technician app and
 * the truck's on-hand drops live on the dispatcher's screen. A transfer of zero is refused with
 * the reason and writes nothing. Against the built app and the real relay; the part is in the
 * price book and the stock is received by Node writers first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { InventoryPage } from './pages/inventory-page';
import { TechnicianPage } from './pages/technician-page';
import { seedStockedVisit } from './stock-seed';

const ORG = 'inventory-org';
const PART = { partId: '', sku: 'CAP-45', description: 'Capacitor 45/5 MFD', unit: 'each' };
const ANA_USER = 'ana-user';
let visitId = '';
const WAREHOUSE = 'North Beach warehouse (SF-N)';
const TRUCK = "Ana Lopez's truck";

const rig = useBrowserRig();

beforeAll(async () => {
  // Ana signs in as ana-user and has a visit today; ten capacitors wait in North Beach's warehouse.
  const seeded = await seedStockedVisit(rig.relay, ORG, ANA_USER, { part: { sku: PART.sku, description: PART.description, unit: PART.unit, cost: '18.40', price: '42.00' }, problem: 'Condenser fan hums, will not start', day: 0, supplierRef: 'PO-1001' });
  PART.partId = seeded.partId;
  visitId = seeded.visitId;
});

async function dispatcher(sub: string, name: string): Promise<InventoryPage> {
  const board = await rig.signedIn({ org: ORG, role: 'dispatcher', sub, name }, { unconfirmed: 0 });
  const inventory = new InventoryPage(board.page, rig.relay.httpUrl);
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
    const phone = await rig.device('phone');
    const ana = new TechnicianPage(await phone.newPage(), rig.relay.httpUrl);
    await ana.signInWithLink(await rig.token({ org: ORG, role: 'technician', sub: ANA_USER, name: 'Ana Lopez' }));
    await ana.openVisit(visitId);
    await ana.page.locator(`#catalog-skus option[value="${PART.sku}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await ana.addPart({ sku: PART.sku, quantity: '2' });
    await expect.poll(() => desk.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('2');
    await other.showLocation(WAREHOUSE);
    await expect.poll(() => other.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('6');
  });
});
