/**
 * Issue 10 "service agreement or warranty coverage applied per line and shown" / issue 11
 * "covered services and parts discount (feeds invoicing)": the job's customer has an agreement
 * covering labour at 50 % and parts at 10 %; "Create invoice" on the completed job gives a draft
 * that says which agreement applied, and each covered line explains its share and amount.
 * (Labour 2.25 h × $120 = $270 − 50 % = $135; fan motor $145 − 10 % = $130.50; total $265.50.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { InvoicesPage } from './pages/invoices-page';
import { seedCompletedJob, seedPriceBook, type SeededJob } from './job-invoice-seed';

const ORG = 'invoice-coverage-org';
const TIMEOUT = 20_000;
const rig = useBrowserRig();
let seeded: SeededJob;

beforeAll(async () => {
  seeded = await seedCompletedJob(rig.relay, ORG, await seedPriceBook(rig.relay, ORG), null, { name: 'Gold plan', coveredServices: ['Labour 50 %'], partsDiscountBp: 1000 });
});

describe('coverage on a job’s draft', () => {
  it('applies the customer’s agreement per line and says so', async () => {
    const board = await rig.signedIn({ org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' });
    await board.page.goto(`${rig.relay.httpUrl}/jobs/${seeded.jobId}`);
    await board.page.getByTestId('create-job-invoice').click();
    const draft = new InvoicesPage(board.page, rig.relay.httpUrl).shownDraft;
    await draft.waitFor({ timeout: TIMEOUT });
    expect(await draft.getByTestId('invoice-coverage').textContent()).toBe('Covered by: Agreement Gold plan');
    const [labour, part] = await draft.getByTestId('line-explanation').allTextContents();
    expect(labour).toContain('Agreement Gold plan covers 50 % (−$135.00)');
    expect(part).toContain('Agreement Gold plan covers 10 % (−$14.50)');
    expect(await draft.getByTestId('invoice-total').textContent()).toBe('$265.50');
  });
});
