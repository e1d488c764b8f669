/**
 * The pricing engine (pure): price book + work → priced lines and totals in integer cents.
 * Rounding rule: money.ts; labour rule: labour.ts; order of operations: price-document.ts.
 * The `finance` room stores `PricedLine`s and `DocumentTotals` as they are; validate what it
 * reads with `pricedLineSchema` / `documentTotalsSchema` / `pricedDocumentSchema`.
 */
export * from './lines';
export * from './money';
export { priceDocument, priceValidLines, totalsOf, draftsOf, discountOf, documentDiscountShares, type PricingResult } from './price-document';
export { labourDrafts, billedMinutes, rateFor, TIME_ENTRY_KINDS, type TimeEntryInput, type LabourContext, type DraftsResult } from './labour';
export { itemDrafts, partUnitPrice, quantityOf, type PartUseInput, type ServiceUseInput, type BundleUseInput } from './items';
export { invoiceFromWork, repriced, creditNote, refundNote, priceQuote, type JobWork, type InvoiceContext, type QuoteOption, type PricedQuoteOption, type RefundSelection } from './documents';
export { formatDuration, formatQuantity } from './explain';
export { taxOf } from './tax';
