/**
 * Required parts in the browser (issue 11, "will the technician have what they need"): a
 * dispatcher sets the parts of tomorrow's job on its page; a second dispatcher's Inventory
 * shows, live, the shortfall against the technician's truck in Tomorrow's needs; the one-click
 * transfer from the office warehouse covers it, live on that screen; the technician's visit
 * screen lists what to bring with what is on the truck; parts picked at intake land on the new
 * job. Against the built app and the real relay; the part is in the price book and the stock
 * is received by Node writers first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { InventoryPage } from './pages/inventory-page';
import { JobPage } from './pages/job-page';
import { TechnicianPage } from './pages/technician-page';
import { seedStockedVisit } from './stock-seed';

const ORG = 'required-parts-org';
const PART = { partId: '', sku: 'FLT-2025', description: 'Pleated filter 20x25', unit: 'each' };
const ANA_USER = 'ana-user';
const seeded = { jobId: '', number: '', visitId: '', ana: '' };

const rig = useBrowserRig();

beforeAll(async () => {
  // Tomorrow, org time, whichever of the test clocks runs; one of the ten filters is on Ana's truck.
  const stocked = await seedStockedVisit(rig.relay, ORG, ANA_USER, { part: { sku: PART.sku, description: PART.description, unit: PART.unit, cost: '6.10', price: '19.00' }, problem: 'Rooftop unit: filters and belt', day: 1, supplierRef: 'PO-7', onTruck: 1 });
  PART.partId = stocked.partId;
  Object.assign(seeded, { jobId: stocked.jobId, number: stocked.number, visitId: stocked.visitId, ana: stocked.directory.technicians.ana });
});

const dispatcherPage = (sub: string, name: string) => rig.signedIn({ org: ORG, role: 'dispatcher', sub, name }, { unconfirmed: 0 });

describe('required parts on a job', () => {
  it("a dispatcher's required parts show as tomorrow's shortfall on another device, and one click covers it live", async () => {
    const deskBoard = await dispatcherPage('dina', 'Dina Dispatch');
    const stock = new InventoryPage((await dispatcherPage('otto', 'Otto Office')).page, rig.relay.httpUrl);
    await stock.open();
    await expect.poll(() => stock.needsOf(seeded.ana).count(), { timeout: 20_000 }).toBe(0);

    await deskBoard.page.goto(`${rig.relay.httpUrl}/jobs/${seeded.jobId}`);
    const job = new JobPage(deskBoard.page, seeded.number);
    await job.waitFor();
    await job.addRequiredPart(`${PART.sku} · ${PART.description}`, PART.partId, '3');

    // Live on the other device: 3 needed, 1 on Ana's truck, 2 short.
    await expect.poll(() => stock.needCell(seeded.ana, PART.partId, 'needed').textContent(), { timeout: 20_000 }).toBe('3');
    expect(await stock.needCell(seeded.ana, PART.partId, 'on-truck').textContent()).toBe('1');
    expect(await stock.needCell(seeded.ana, PART.partId, 'short').textContent()).toBe('2');

    await stock.transferShortfall(seeded.ana);
    await expect.poll(() => stock.needCell(seeded.ana, PART.partId, 'short').textContent(), { timeout: 20_000 }).toBe('0');
    expect(await stock.needCell(seeded.ana, PART.partId, 'on-truck').textContent()).toBe('3');
    await stock.showLocation("Ana Lopez's truck");
    await expect.poll(() => stock.onHand(PART.partId).textContent(), { timeout: 20_000 }).toBe('3');

    // Ana's visit screen says what to bring and that her truck has it.
    const phone = await rig.device('phone');
    const ana = new TechnicianPage(await phone.newPage(), rig.relay.httpUrl);
    await ana.signInWithLink(await rig.token({ org: ORG, role: 'technician', sub: ANA_USER, name: 'Ana Lopez' }));
    await ana.gotoVisit(seeded.visitId);
    const bring = ana.page.locator(`[data-testid="bring-parts"] li[data-part-id="${PART.partId}"]`);
    await expect.poll(() => bring.textContent(), { timeout: 20_000 }).toMatch(/3 ×\s*Pleated filter 20x25 \(FLT-2025\)\s*3 on your truck/);
  });

  it('takes the parts a caller\u2019s job needs at intake onto the new job', async () => {
    const desk = await dispatcherPage('ivy', 'Ivy Intake');
    await desk.waitForBoard();
    const label = `${PART.sku} · ${PART.description}`;
    const number = await desk.createJob({ customerName: 'Pier 39 Cafe', problem: 'Walk-in cooler iced up', parts: [{ label, quantity: '2' }] });
    await desk.openJobPage(number);
    const job = new JobPage(desk.page, number);
    await expect.poll(() => job.requiredParts.locator(`tr[data-part-id="${PART.partId}"]`).getByLabel(/^Quantity of/).inputValue(), { timeout: 20_000 }).toBe('2');
  });
});
