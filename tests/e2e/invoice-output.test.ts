/**
 * Issue 10 (Output; done-when 3, the PDF part): an invoice created and issued through the UI
 * downloads as a PDF generated in the browser (starts with %PDF, its text holds the number,
 * the total and the organisation's settings), again with the device offline; the accountant's
 * CSV exports download and parse back with papaparse to the right rows, and the journal's
 * debits equal its credits.
 */
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedBilling } from './billing-support';
import { useBrowserRig } from './browser-rig';
import { BoardPage } from './pages/board-page';
import { InvoiceOutputPage, type Downloaded } from './pages/invoice-output-page';
import { InvoicesPage } from './pages/invoices-page';

const ORG = 'output-org';
const rig = useBrowserRig({ closeDevices: 'after-each' });

beforeAll(async () => {
  await seedBilling(rig.relay, ORG);
});

/** `shareSheet`: the device can share files (a phone's share sheet, stubbed to record the share). */
async function signedIn(sub: string, name: string, shareSheet = false): Promise<BoardPage> {
  const page = await (await rig.device()).newPage();
  if (shareSheet) await InvoiceOutputPage.stubShareSheet(page);
  const board = new BoardPage(page, rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org: ORG, role: 'dispatcher', sub, name }));
  await board.waitForSync('synced');
  return board;
}

/** The PDF's bytes as text (written uncompressed, so drawn strings appear as `(…) Tj`). */
function pdfText(file: Downloaded): string {
  return file.bytes.toString('latin1');
}

function csvRows(file: Downloaded): Record<string, string>[] {
  const result = Papa.parse<Record<string, string>>(file.bytes.toString('utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('invoice output', () => {
  it('downloads the issued invoice as a PDF, online and offline, and the accountant exports as CSV', async () => {
    const board = await signedIn('dana', 'Dana');
    const invoices = new InvoicesPage(board.page, rig.relay.httpUrl);
    const output = new InvoiceOutputPage(board.page);
    await invoices.open();
    const number = await invoices.createAndIssue({
      customer: 'Harbor Bakery',
      date: '2026-05-01',
      terms: 'Net 15',
      lines: [
        { description: 'Furnace repair', quantity: '2.25', unitPrice: '120' },
        { description: 'Filter', quantity: '1', unitPrice: '35.50' }
      ]
    });

    // Printing shows only the document: organisation, number, lines, total, how to pay.
    expect(await output.printView()).toEqual({ onScreen: false, documentVisible: true, tableVisible: false, text: expect.stringMatching(new RegExp(`^Bayside HVAC .*Invoice number: ${number} .*Furnace repair .*Total \\$305\\.50 Balance due \\$305\\.50 Pay by: bank transfer to account 12345678$`)) });

    // Generated on the device: the network gone before the PDF code was ever loaded, the
    // service worker's precache serves it and the PDF still downloads.
    await output.waitForOfflineReady();
    await board.page.context().setOffline(true);
    await invoices.open();
    await invoices.row(number).getByRole('button').click();
    const offline = await output.downloadPdf();
    expect(offline.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(offline)).toContain(number);
    await board.page.context().setOffline(false);

    const pdf = await output.downloadPdf();
    expect(pdf.name).toBe(`${number}.pdf`);
    expect(pdf.bytes.length).toBeGreaterThan(1_000);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const shown of [number, '$305.50', 'Bayside HVAC', 'EIN 12-3456789', 'Harbor Bakery', 'Furnace repair', 'Pay by: bank transfer to account 12345678', '2026-05-16']) expect(text).toContain(shown);

    await invoices.recordPartialPayment(number, '100', '1042');
    await invoices.waitForRow(number, 'partially-paid', '$205.50');

    expect(csvRows(await output.exportCsv('Invoices'))).toEqual([
      { number, kind: 'invoice', status: 'Partially paid', customer: 'Harbor Bakery', customer_id: expect.any(String), date: '2026-05-01', due_date: '2026-05-16', subtotal: '305.50', discount: '0.00', tax: '0.00', total: '305.50', settled: '100.00', balance: '205.50', void_reason: '' }
    ]);
    expect(csvRows(await output.exportCsv('Invoice lines')).map((r) => [r.number, r.line, r.description, r.amount])).toEqual([
      [number, '1', 'Furnace repair', '270.00'],
      [number, '2', 'Filter', '35.50']
    ]);
    expect(csvRows(await output.exportCsv('Payments')).map((r) => [r.type, r.method, r.reference, r.amount, r.applied_to, r.unapplied])).toEqual([['payment', 'check', '1042', '100.00', `${number}:100.00`, '0.00']]);
    expect(csvRows(await output.exportCsv('AR aging')).map((r) => [r.customer, r.days_1_30, r.net])).toEqual([
      ['Harbor Bakery', '205.50', '205.50'],
      ['Total', '205.50', '205.50']
    ]);
    const journal = csvRows(await output.exportCsv('Journal'));
    const cents = (s: string | undefined) => (s ? Math.round(Number(s) * 100) : 0);
    expect(journal.reduce((sum, r) => sum + cents(r.debit), 0)).toBe(40_550);
    expect(journal.reduce((sum, r) => sum + cents(r.credit), 0)).toBe(40_550);
    expect(journal.filter((r) => r.reference === number).map((r) => [r.account, r.debit, r.credit])).toEqual([
      ['1100', '305.50', ''],
      ['4000', '', '305.50']
    ]);
  });

  it('shares the PDF through the share sheet where the device can share files, with a summary of what is owed and how to pay', async () => {
    const board = await signedIn('pia', 'Pia', true);
    const invoices = new InvoicesPage(board.page, rig.relay.httpUrl);
    await invoices.open();
    const number = await invoices.createAndIssue({ customer: 'Harbor Bakery', date: '2026-06-01', terms: 'Due on receipt', lines: [{ description: 'Service call', quantity: '1', unitPrice: '89' }] });
    const shared = await new InvoiceOutputPage(board.page).share();
    expect(shared).toEqual({
      title: `Invoice ${number}`,
      text: `Invoice ${number} from Bayside HVAC\nTotal: $89.00\nDue date: 2026-06-01\nBalance due: $89.00\nPay by: bank transfer to account 12345678`,
      files: [{ name: `${number}.pdf`, type: 'application/pdf', head: '%PDF-' }]
    });
  });
});
