/**
 * Issue 10 (done-when 3, the part this branch owns): an invoice created and issued in one
 * context, a partial payment recorded there, and the other context sees the balance, status
 * and aging change live. Also: a technician is never shown invoices.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { TEST_TIME_ZONE } from '../clock';
import { stockClient, synced, until } from '../integration/support/clients';
import { useBrowserRig } from './browser-rig';
import type { BoardPage } from './pages/board-page';
import { InvoicesPage } from './pages/invoices-page';

const ORG = 'invoice-org';
const rig = useBrowserRig({ closeDevices: 'after-each' });

beforeAll(async () => {
  // One office (the organisation's zone) and one customer, written by an admin's stock client.
  const admin = stockClient(rig.relay.wsUrl, `${ORG}/board`, await rig.token({ org: ORG, role: 'admin', sub: 'ada' }));
  await synced(admin);
  const board = new BoardDoc(admin.doc);
  const office = board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE });
  const customer = board.directory.createCustomer({ name: 'Harbor Bakery' });
  if (!office.ok || !customer.ok) throw new Error('could not seed the board');
  // Held by the relay once a second client receives it.
  const reader = stockClient(rig.relay.wsUrl, `${ORG}/board`, await rig.token({ org: ORG, role: 'dispatcher', sub: 'reader' }));
  await until(() => reader.doc.getMap('customers').size === 1 && reader.doc.getMap('offices').size === 1, 'the seeded board to reach the relay');
  admin.destroy();
  reader.destroy();
});

const signedIn = (sub: string, name: string, role: 'admin' | 'dispatcher' | 'manager' | 'technician'): Promise<BoardPage> => rig.signedIn({ org: ORG, role, sub, name });

describe('invoices across two devices', () => {
  it('a partial payment in one context changes balance, status and aging live in the other', async () => {
    const office = new InvoicesPage((await signedIn('dana', 'Dana', 'dispatcher')).page, rig.relay.httpUrl);
    const manager = new InvoicesPage((await signedIn('max', 'Max', 'manager')).page, rig.relay.httpUrl);
    await office.open();
    await manager.open();

    // Dated 2026-05-01 on Net 15: due 05-16, 25 days past due on the test day (1–30 bucket).
    const number = await office.createAndIssue({
      customer: 'Harbor Bakery',
      date: '2026-05-01',
      terms: 'Net 15',
      lines: [
        { description: 'Furnace repair', quantity: '2.25', unitPrice: '120' },
        { description: 'Filter', quantity: '1', unitPrice: '35.50' }
      ]
    });
    await manager.waitForRow(number, 'issued', '$305.50');
    await manager.waitForAgingTotal('d1to30', '$305.50');
    expect(await manager.agingTotal('current')).toBe('$0.00');

    await office.recordPartialPayment(number, '100', '1042');
    await office.waitForRow(number, 'partially-paid', '$205.50');
    await manager.waitForRow(number, 'partially-paid', '$205.50');
    await manager.waitForAgingTotal('d1to30', '$205.50');

    await manager.row(number).getByRole('button').click();
    const detail = manager.page.getByTestId('invoice-detail');
    await expect.poll(() => detail.getByTestId('invoice-detail-balance').textContent()).toBe('$205.50');
    await expect.poll(() => detail.getByTestId('invoice-settlements').textContent()).toContain('Check 1042');
    // A manager reads finance but cannot change it.
    expect(await detail.getByRole('button', { name: 'Issue' }).count()).toBe(0);
    expect(await manager.page.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
  });

  it('a credit note on one device lowers the balance on the other; a closed month refuses a void with the reason', async () => {
    const admin = new InvoicesPage((await signedIn('ada', 'Ada', 'admin')).page, rig.relay.httpUrl);
    const other = new InvoicesPage((await signedIn('dana', 'Dana', 'dispatcher')).page, rig.relay.httpUrl);
    await admin.open();
    await other.open();
    const number = await admin.createAndIssue({
      customer: 'Harbor Bakery',
      date: '2026-04-20',
      terms: 'Due on receipt',
      lines: [
        { description: 'Service call', quantity: '1', unitPrice: '89' },
        { description: 'Thermostat', quantity: '1', unitPrice: '140' }
      ]
    });
    await other.waitForRow(number, 'issued', '$229.00');
    const credit = await admin.creditFirstLine(number);
    expect(credit).toMatch(/^CN-/);
    await other.waitForRow(number, 'partially-paid', '$140.00');

    await admin.closeMonth('2026-04');
    await admin.open();
    expect(await admin.tryVoid(number, 'priced twice')).toBe('April 2026 is closed: record the correction in an open month');
    await other.waitForRow(number, 'partially-paid', '$140.00');
  });

  it('tells a technician invoices are not for them, and opens no finance room', async () => {
    const tech = await signedIn('tom', 'Tom', 'technician');
    await tech.page.goto(`${rig.relay.httpUrl}/invoices`);
    await tech.page.getByText('Invoices and payments are for admins, dispatchers and managers.').waitFor({ timeout: 20_000 });
    expect(await tech.page.getByTestId('invoices-page').count()).toBe(0);
  });
});
