/** Which tax rate a price-book item is charged at. */
import { taxRatePpm, type TaxRate } from '../catalog/catalog';

export interface LineTax {
  taxRateId: string | null;
  taxRateBp: number;
  taxRatePpm: number | null;
  taxRateName: string;
}

/**
 * A taxable item's own rate, else the organisation's default; a non-taxable item (or one whose
 * rate is no longer in the price book) carries none. The rate is copied onto the line, so a
 * later change to the price book never changes an issued document.
 */
export function taxOf(taxable: boolean, taxRateId: string | null, taxRates: readonly TaxRate[], defaultTaxRateId: string | null): LineTax {
  const none: LineTax = { taxRateId: null, taxRateBp: 0, taxRatePpm: null, taxRateName: '' };
  if (!taxable) return none;
  const id = taxRateId ?? defaultTaxRateId;
  const rate = id === null ? undefined : taxRates.find((t) => t.id === id);
  return rate ? { taxRateId: rate.id, taxRateBp: rate.rateBp, taxRatePpm: taxRatePpm(rate), taxRateName: rate.name } : none;
}
