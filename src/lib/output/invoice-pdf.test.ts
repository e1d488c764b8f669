import { describe, expect, it } from 'vitest';
import { invoicePdf } from './invoice-pdf';
import type { DocumentLayout } from '../domain/billing/document-layout';
import { png } from '../../../tests/helpers/png';

const layout: DocumentLayout = {
  title: 'Invoice',
  number: 'INV-AB12-0007',
  status: 'Issued',
  organisation: ['Bay Heating Co', '12 Mission St'],
  customer: ['Harbor Bakery'],
  meta: [['Invoice number', 'INV-AB12-0007'], ['Date', '2026-06-10']],
  lines: [{ description: 'Labour', explanation: '1 h × $120.00', quantity: '1 h', unitPrice: '$120.00', amount: '$120.00' }],
  totals: [['Total', '$120.00']],
  total: '$120.00',
  balance: '$120.00',
  payBy: null,
  fileName: 'INV-AB12-0007.pdf'
};

const text = async (blob: Blob) => Buffer.from(await blob.arrayBuffer()).toString('latin1');

describe('invoicePdf', () => {
  it('draws the logo as an image when there is one, and none without', async () => {
    const withLogo = await text(invoicePdf(layout, { bytes: png(40, 10), type: 'image/png' }));
    expect(withLogo).toMatch(/\/Subtype \/Image/);
    expect(withLogo).toMatch(/\/Width 40/);
    expect(withLogo).toContain('INV-AB12-0007');
    const without = await text(invoicePdf(layout));
    expect(without).not.toMatch(/\/Subtype \/Image/);
    expect(without).toContain('$120.00');
  });
});
