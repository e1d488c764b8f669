import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from '../catalog/catalog';
import { deriveReceivables, type InvoiceView } from '../receivables/ledger';
import { documentLayout, documentSummary, mailtoLink, pdfText } from './document-layout';

const ORG: BillingSettings = { ...DEFAULT_BILLING_SETTINGS, name: 'Bay Heating Co', address: '12 Mission St\nSan Francisco, CA 94105', taxId: 'EIN 12-3456789', phone: '415 555 0100', email: 'office@bayheating.test', paymentInstructions: 'bank transfer to IBAN US00 1234, reference the invoice number' };

/** An issued invoice whose lines came from the pricing engine (labour with tax-free, a taxed part). */
function pricedInvoice(): { f: FinanceFixture; view: () => InvoiceView } {
  const f = new FinanceFixture();
  const id = f.invoice({ totalCents: 30_000, date: '2026-06-01', terms: 'net-15' });
  const lines = [
    { description: 'Labour — Standard', amountCents: 27_000, quantity: { n: 135, d: 60 }, unit: 'h', unitPriceCents: 12_000, effectiveUnitPriceCents: 12_000, explanation: '2 h 15 min → 2.25 h × $120.00 (15-min increment)', taxCents: 0, taxRateBp: 0, taxRateName: '', overridden: false },
    { description: 'Filter 16×25', amountCents: 2_499, quantity: { n: 1, d: 1 }, unit: 'each', unitPriceCents: 2_499, effectiveUnitPriceCents: 2_000, explanation: '1 × $20.00', taxCents: 181, taxRateBp: 863, taxRatePpm: 86_250, taxRateName: 'SF sales tax', overridden: true, override: { unitPriceCents: 2_000, reason: 'price match' } },
    { description: 'Disposal', amountCents: 320, quantity: { n: 1, d: 1 }, unit: 'each', unitPriceCents: 320, explanation: '', taxCents: 32, taxRateBp: 1000, taxRateName: 'City levy' }
  ];
  for (const e of f.events) if (e.kind === 'issued') [e.lines, e.totals] = [lines, { subtotalCents: 29_819, discountCents: 32, taxCents: 213, totalCents: 30_000 }];
  return { f, view: () => deriveReceivables(f).byId.get(id)! };
}

describe('document layout', () => {
  it('lays out the organisation, customer, number, dates, explained lines, tax per rate, total, balance and how to pay', () => {
    const { f, view } = pricedInvoice();
    f.payment(10_000, [[view().id, 10_000]]);
    const layout = documentLayout(view(), ORG, 'Harbor Bakery');
    expect(layout).toMatchObject({ title: 'Invoice', number: 'INV-TEST-0001', status: 'Partially paid', customer: ['Harbor Bakery'], total: '$300.00', balance: '$200.00', fileName: 'INV-TEST-0001.pdf' });
    expect(layout.organisation).toEqual(['Bay Heating Co', '12 Mission St', 'San Francisco, CA 94105', 'Tax id: EIN 12-3456789', '415 555 0100 · office@bayheating.test']);
    expect(layout.meta).toEqual([['Invoice number', 'INV-TEST-0001'], ['Date', '2026-06-01'], ['Due date', '2026-06-16'], ['Terms', 'Net 15']]);
    expect(layout.lines).toEqual([
      { description: 'Labour — Standard', explanation: '2 h 15 min → 2.25 h × $120.00 (15-min increment)', quantity: '2.25 h', unitPrice: '$120.00', amount: '$270.00' },
      { description: 'Filter 16×25', explanation: '1 × $20.00 · price overridden: price match', quantity: '1 each', unitPrice: '$20.00', amount: '$24.99' },
      { description: 'Disposal', explanation: '', quantity: '1 each', unitPrice: '$3.20', amount: '$3.20' }
    ]);
    expect(layout.totals).toEqual([['Subtotal', '$298.19'], ['Discount', '-$0.32'], ['City levy (10 %)', '$0.32'], ['SF sales tax (8.625 %)', '$1.81'], ['Total', '$300.00']]);
    expect(layout.payBy).toBe('Pay by: bank transfer to IBAN US00 1234, reference the invoice number');
  });

  it('reads hand-typed lines, shows one tax row when lines carry none, and asks no payment of a paid invoice', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 12_345 });
    for (const e of f.events) if (e.kind === 'issued') e.lines = [{ description: 'Furnace repair', amountCents: 12_345, quantityMilli: 2_250, unitPriceCents: 5_487 }];
    f.payment(12_345, [[id, 12_345]]);
    const layout = documentLayout(deriveReceivables(f).byId.get(id)!, ORG, '');
    expect(layout.lines).toEqual([{ description: 'Furnace repair', explanation: '', quantity: '2.25', unitPrice: '$54.87', amount: '$123.45' }]);
    expect(layout.totals).toEqual([['Subtotal', '$123.45'], ['Tax', '$0.00'], ['Total', '$123.45']]);
    expect(layout).toMatchObject({ customer: ['cust-a'], balance: '$0.00', payBy: null });
  });

  it('lays out a credit note and a draft without a due date or balance', () => {
    const f = new FinanceFixture();
    const inv = f.invoice({ totalCents: 5_000 });
    const cn = f.invoice({ kind: 'credit-note', creditOf: inv, totalCents: 1_000 });
    const draft = f.invoice({ totalCents: 700, number: null });
    const r = deriveReceivables(f);
    expect(documentLayout(r.byId.get(cn)!, ORG, 'A')).toMatchObject({ title: 'Credit note', number: 'CN-TEST-0002', balance: null, payBy: null, meta: [['Credit note number', 'CN-TEST-0002'], ['Date', '2026-06-01']] });
    expect(documentLayout(r.byId.get(draft)!, DEFAULT_BILLING_SETTINGS, 'A')).toMatchObject({ number: 'Draft', balance: null, fileName: 'Draft.pdf', organisation: ['(organisation name not set: Settings › Price book)'] });
  });

  it('summarises for a share or mailto: number, total, due date, balance and how to pay', () => {
    const layout = documentLayout(pricedInvoice().view(), ORG, 'Harbor Bakery');
    expect(documentSummary(layout)).toBe('Invoice INV-TEST-0001 from Bay Heating Co\nTotal: $300.00\nDue date: 2026-06-16\nBalance due: $300.00\nPay by: bank transfer to IBAN US00 1234, reference the invoice number');
    const link = mailtoLink(layout);
    expect(link.startsWith('mailto:?subject=Invoice%20INV-TEST-0001&body=')).toBe(true);
    expect(decodeURIComponent(link.split('body=')[1]!)).toBe(documentSummary(layout));
  });

  it('keeps PDF text within the built-in fonts', () => {
    expect(pdfText('2 h 15 min → 2.25 h × $120.00 −$5 ≈ 2.1667 ½" café – ok 漢')).toBe('2 h 15 min -> 2.25 h × $120.00 -$5 ~ 2.1667 ½" café – ok ?');
  });
});
