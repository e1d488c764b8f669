/**
 * Issue 12 payroll, in the browser: an admin on a phone opens Payroll from the navigation,
 * sees the last ended period's pay, approves the run (with confirmation), finds it in the
 * history and downloads its CSV, whose totals row equals the sum of the technicians' gross.
 */
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { TEST_TIME_ZONE, testNow } from '../clock';
import { stockClient, synced, until } from '../integration/support/clients';
import { useBrowserRig } from './browser-rig';
import { BoardPage } from './pages/board-page';
import { PayrollPage } from './pages/payroll-page';

const ORG = 'payroll-org';
const DAY_MS = 86_400_000;
const rig = useBrowserRig({ closeDevices: 'after-each' });

beforeAll(async () => {
  const token = (role: 'admin' | 'technician', sub: string) => rig.token({ org: ORG, role, sub });
  const admin = stockClient(rig.relay.wsUrl, `${ORG}/board`, await token('admin', 'ada'));
  const money = stockClient(rig.relay.wsUrl, `${ORG}/finance`, await token('admin', 'ada'));
  const tom = stockClient(rig.relay.wsUrl, `${ORG}/board`, await token('technician', 'tom'));
  await Promise.all([synced(admin), synced(money), synced(tom)]);
  const board = new BoardDoc(admin.doc);
  if (!board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE }).ok) throw new Error('seed office');
  if (!board.directory.createTechnician({ name: 'Tom Reyes', userId: 'tom' }, 'tech-tom').ok) throw new Error('seed technician');
  const finance = new FinanceDoc(money.doc);
  if (!finance.setPayRate({ technicianId: 'tech-tom', hourlyCents: 3000, effectiveFrom: '2026-01-01' }, { id: 'ada', role: 'admin' }, testNow()).ok) throw new Error('seed rate');
  // Weekly periods from a week before the test day: the last ended period is that week.
  const weekAgo = new Date(testNow().getTime() - 7 * DAY_MS);
  const anchor = new Intl.DateTimeFormat('en-CA', { timeZone: TEST_TIME_ZONE }).format(weekAgo);
  if (!finance.savePayrollSettings({ overtimeRules: 'federal', workweekStart: 'sun', breakPay: 'unpaid', breakCapMinutes: 0, travelPaid: true, periodKind: 'weekly', periodAnchor: anchor }, { id: 'ada', role: 'admin' }).ok) throw new Error('seed settings');
  // Tom's 2 h 10 min on site, on the second day of that week (2 h 10 min × $30.00 = $65.00).
  const start = new Date(weekAgo.getTime() + DAY_MS);
  await until(() => new BoardDoc(tom.doc).directory.technicians.get('tech-tom') !== undefined, 'Tom’s device to hold his record');
  const late = new BoardDoc(tom.doc).fieldWork.addLateEntry({ technicianId: 'tech-tom', kind: 'on_site', start: start.toISOString(), end: new Date(start.getTime() + 130 * 60_000).toISOString(), reason: 'Entered from the paper sheet' }, { id: 'tom', name: 'Tom Reyes' }, testNow());
  if (!late.ok) throw new Error(late.error);
  const reader = stockClient(rig.relay.wsUrl, `${ORG}/board`, await token('admin', 'reader'));
  const moneyReader = stockClient(rig.relay.wsUrl, `${ORG}/finance`, await token('admin', 'reader'));
  await until(() => reader.doc.getMap('timeEntries').size === 1 && moneyReader.doc.getMap('payRates').size === 1 && moneyReader.doc.getMap('payrollSettings').size > 0, 'the seed to reach the relay');
  for (const client of [admin, money, tom, reader, moneyReader]) client.destroy();
});

describe('payroll', () => {
  it('an admin approves the pay run on a phone and downloads its CSV', async () => {
    const context = await rig.device('phone');
    const page = await context.newPage();
    const board = new BoardPage(page, rig.relay.httpUrl);
    await board.signInWithLink(await rig.token({ org: ORG, role: 'admin', sub: 'ada', name: 'Ada Admin' }));
    await board.waitForSync('synced');
    await board.navigate('Payroll');
    await page.waitForURL('**/payroll');
    const payroll = new PayrollPage(page);
    await payroll.waitForPeriod();
    await page.getByText('Tom Reyes').first().waitFor();
    expect(await payroll.periodRows()).toEqual([['Tom Reyes', '2.17', '0.00', '0.00', '$0.00', '$65.00']]);
    expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);

    await payroll.approve();
    await payroll.runs.getByText('$65.00').first().waitFor();
    const [summary] = await payroll.runSummaries();
    expect(summary).toMatch(/\$65\.00 · approved \d{4}-\d{2}-\d{2} by Ada Admin/);
    // The next period has nothing yet: Tom's approved hours are not counted again.
    await payroll.period.getByText('No paid time in this period.').waitFor();

    const csv = await payroll.downloadCsv();
    expect(csv.name).toMatch(/^pay-run-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    const totals = rows.at(-1)!;
    const people = rows.slice(0, -1);
    expect(people.map((r) => [r.Technician, r['Regular hours'], r['Gross pay']])).toEqual([['Tom Reyes', '2.17', '65.00']]);
    expect(totals.Technician).toBe('Total');
    const cents = (s: string | undefined) => Math.round(Number(s) * 100);
    expect(cents(totals['Gross pay'])).toBe(people.reduce((s, r) => s + cents(r['Gross pay']), 0));
  });

  it('a manager reads payroll but cannot approve, set rates or change settings; a dispatcher is not offered it', async () => {
    const context = await rig.device('phone');
    const page = await context.newPage();
    const board = new BoardPage(page, rig.relay.httpUrl);
    await board.signInWithLink(await rig.token({ org: ORG, role: 'manager', sub: 'mia', name: 'Mia Manager' }));
    await board.navigate('Payroll');
    const payroll = new PayrollPage(page);
    await payroll.waitForPeriod();
    expect(await page.getByRole('button', { name: /Approve|Set rate|Save settings/ }).count()).toBe(0);
    await page.getByTestId('pay-rates').getByRole('cell', { name: '$30.00' }).waitFor();

    const desk = await rig.device();
    const deskPage = await desk.newPage();
    const dispatcher = new BoardPage(deskPage, rig.relay.httpUrl);
    await dispatcher.signInWithLink(await rig.token({ org: ORG, role: 'dispatcher', sub: 'dan', name: 'Dan Dispatcher' }));
    expect(await deskPage.getByRole('link', { name: 'Invoices' }).count()).toBe(1);
    expect(await deskPage.getByRole('link', { name: 'Payroll' }).count()).toBe(0);
  });
});
