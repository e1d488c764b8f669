/**
 * What an office user types in Settings › Price book, validated into price-book fields with one
 * clear message per field. Amounts are typed in dollars ("120", "$120.50") and stored in cents;
 * percentages are typed ("7.25") and stored in basis points. Pure: the sync commands
 * (sync/catalog.ts) and the forms share these schemas, so a form and the doc never disagree.
 */
import { z } from 'zod';
import { parseMoney, parsePercent, parsePercentPpm, roundHalfUp } from '../billing/money';
import { singleLineText, multiLineText } from '../text/text-fields';
import { RATE_CLASSES, type BundleItem } from './catalog';

const name = (label: string, max: number) => singleLineText(label, { min: 1, max });
const optional = (label: string, max: number) => singleLineText(label, { max }).default('');

/** A typed dollar amount → cents. */
export const moneyText = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .transform((value, ctx) => {
      const cents = parseMoney(value);
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: `${label}: enter an amount such as 120 or 120.50` });
        return z.NEVER;
      }
      return cents;
    });

/** A typed percentage → basis points, at most `maxPercent`. */
export const percentText = (label: string, maxPercent = 100) =>
  z.string({ error: `${label} is required` }).transform((value, ctx) => {
    const bp = parsePercent(value);
    if (bp === null || bp > maxPercent * 100) {
      ctx.addIssue({ code: 'custom', message: `${label}: enter a percentage from 0 to ${maxPercent}, such as 7.25` });
      return z.NEVER;
    }
    return bp;
  });

/** '' (the default rate) or a tax rate id. */
const taxRateChoice = z
  .string()
  .default('')
  .transform((value) => (value === '' ? null : value));

const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `${label}: enter whole ${unit}` })
    .int(`${label}: enter whole ${unit}`)
    .min(min, `${label} is at least ${min}`)
    .max(max, `${label} is at most ${max}`);

export const partInputSchema = z
  .object({
    sku: name('SKU', 64),
    description: name('Description', 300),
    unit: singleLineText('Unit', { min: 1, max: 20 }).default('each'),
    cost: moneyText('Cost'),
    pricingKind: z.enum(['price', 'markup'], { error: 'Choose a price or a markup' }),
    price: z.string().default(''),
    markup: z.string().default(''),
    supplier: optional('Supplier', 120),
    barcode: optional('Barcode', 64),
    taxable: z.boolean().default(true),
    taxRateId: taxRateChoice
  })
  .transform((input, ctx) => {
    let pricing: { kind: 'price'; priceCents: number } | { kind: 'markup'; markupBp: number };
    if (input.pricingKind === 'price') {
      const priceCents = parseMoney(input.price);
      if (priceCents === null) {
        ctx.addIssue({ code: 'custom', path: ['price'], message: 'Price: enter an amount such as 24.99' });
        return z.NEVER;
      }
      pricing = { kind: 'price', priceCents };
    } else {
      const markupBp = parsePercent(input.markup);
      if (markupBp === null) {
        ctx.addIssue({ code: 'custom', path: ['markup'], message: 'Markup: enter a percentage such as 35' });
        return z.NEVER;
      }
      pricing = { kind: 'markup', markupBp };
    }
    return {
      sku: input.sku,
      description: input.description,
      unit: input.unit,
      costCents: input.cost,
      pricing,
      supplier: input.supplier,
      barcode: input.barcode === '' ? null : input.barcode,
      taxable: input.taxable,
      taxRateId: input.taxRateId
    };
  });
export type PartInput = z.input<typeof partInputSchema>;

export const serviceInputSchema = z
  .object({
    code: name('Code', 32),
    name: name('Name', 200),
    description: multiLineText('Description', { max: 1000 }).default(''),
    rate: moneyText('Flat rate'),
    taxable: z.boolean().default(false),
    taxRateId: taxRateChoice
  })
  .transform(({ rate, ...rest }) => ({ ...rest, rateCents: rate }));
export type ServiceInput = z.input<typeof serviceInputSchema>;

export const labourRateInputSchema = z
  .object({
    name: name('Name', 120),
    rateClass: z.enum(RATE_CLASSES, { error: 'Choose regular, overtime or after-hours' }),
    rate: moneyText('Rate per hour'),
    incrementMinutes: wholeNumber('Billing increment', 1, 480, 'minutes'),
    minimumMinutes: wholeNumber('Minimum charge', 0, 1440, 'minutes'),
    taxable: z.boolean().default(false),
    taxRateId: taxRateChoice
  })
  .transform(({ rate, ...rest }) => ({ ...rest, centsPerHour: rate }));
export type LabourRateInput = z.input<typeof labourRateInputSchema>;

/** Tax rates take up to four decimals (8.625 %): stored exactly in ppm, and rounded in bp for older readers. */
export const taxRateInputSchema = z
  .object({
    name: name('Name', 120),
    rate: z.string({ error: 'Rate is required' }).transform((value, ctx) => {
      const ppm = parsePercentPpm(value);
      if (ppm === null || ppm > 1_000_000) {
        ctx.addIssue({ code: 'custom', message: 'Rate: enter a percentage from 0 to 100 with up to four decimals, such as 8.625' });
        return z.NEVER;
      }
      return ppm;
    })
  })
  .transform(({ name, rate }) => ({ name, rateBp: roundHalfUp(rate, 100), ratePpm: rate }));
export type TaxRateInput = z.input<typeof taxRateInputSchema>;

export const termsInputSchema = z.object({
  name: name('Name', 60),
  netDays: wholeNumber('Days', 0, 365, 'days')
});
export type TermsInput = z.input<typeof termsInputSchema>;

export const bundleInputSchema = z
  .object({
    code: name('Code', 32),
    name: name('Name', 200),
    price: moneyText('Bundle price'),
    items: z
      .array(
        z.object({
          kind: z.enum(['part', 'service']),
          refId: z.string().min(1, 'Pick a part or service'),
          quantity: z.coerce.number({ error: 'Quantity: enter a number' }).positive('Quantity must be more than 0').max(100_000)
        })
      )
      .min(1, 'A bundle holds at least one item')
      .max(100, 'A bundle holds at most 100 items'),
    taxable: z.boolean().default(true),
    taxRateId: taxRateChoice
  })
  .transform(({ price, items, ...rest }) => ({ ...rest, priceCents: price, items: items as BundleItem[] }));
export type BundleInput = z.input<typeof bundleInputSchema>;

export const discountPresetInputSchema = z
  .object({
    name: name('Name', 120),
    kind: z.enum(['percent', 'amount'], { error: 'Choose a percentage or an amount' }),
    value: z.string({ error: 'Value is required' }),
    scope: z.enum(['line', 'document', 'both']).default('both')
  })
  .transform((input, ctx) => {
    const value = input.kind === 'percent' ? parsePercent(input.value) : parseMoney(input.value);
    if (value === null || (input.kind === 'percent' && value > 10_000)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: input.kind === 'percent' ? 'Value: enter a percentage from 0 to 100' : 'Value: enter an amount such as 25' });
      return z.NEVER;
    }
    const discount = input.kind === 'percent' ? { kind: 'percent' as const, bp: value } : { kind: 'amount' as const, cents: value };
    return { name: input.name, discount, scope: input.scope };
  });
export type DiscountPresetInput = z.input<typeof discountPresetInputSchema>;

export const billingSettingsInputSchema = z.object({
  name: optional('Business name', 200),
  address: multiLineText('Address', { max: 500 }).default(''),
  taxId: optional('Tax id', 60),
  email: optional('E-mail', 200),
  phone: optional('Phone', 40),
  paymentInstructions: multiLineText('Payment instructions', { max: 2000 }).default(''),
  defaultTermsId: z.string().min(1, 'Choose the default terms'),
  defaultTaxRateId: taxRateChoice,
  overtimeAfterMinutes: wholeNumber('Overtime after', 0, 1440, 'minutes'),
  travelBillable: z.boolean().default(false),
  quoteValidDays: wholeNumber('Quotes valid for', 1, 365, 'days')
});
export type BillingSettingsInput = z.input<typeof billingSettingsInputSchema>;
