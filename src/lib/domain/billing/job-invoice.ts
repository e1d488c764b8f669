/**
 * A completed job's invoice draft: the job's current time entries and part uses → the pricing
 * engine (`invoiceFromWork`) → the lines and totals the `finance` room stores.
 *
 * THE JOB → INVOICE RULE (documented here once):
 * - Only a `completed` job is invoiced from its work (later statuses already have an invoice).
 * - Labour: the job's finished time entries (`labourEntriesOf`: current versions, running ones
 *   left out). On-site time always bills; travel only when the price book's `travelBillable`
 *   setting is on (default off); breaks never (the engine's labour rule, labour.ts).
 * - After-hours: every entry of an `emergency` job bills at the after-hours rate. Otherwise an
 *   entry bills after-hours when it STARTS outside its technician's working hours on that
 *   org-zone weekday (a day off counts as outside); an entry that starts inside and runs late
 *   stays regular. A technician not in the directory has no hours to compare: regular.
 * - Parts: a use with a `partId` bills that catalogue part at its price, or cost + markup
 *   (items.ts). A free-text use ("not in the list") has no price: it becomes a manual line at
 *   $0.00 whose description starts with "PRICE NEEDED", its reason says why, and
 *   `priceNeeded` lists it, so the dispatcher sets the price on the draft before issuing. We
 *   build rather than refuse: the rest of the job is priced and nothing the technician typed
 *   is lost.
 * - Stored lines: every engine field (so the draft can be repriced) plus `amountCents` = the
 *   line's net (gross − line discount − coverage), `unitPriceCents`, `quantityMilli` when the
 *   quantity is a whole number of thousandths, and `explanation`. Totals: subtotal = Σ net,
 *   discount = document discount (none from a job), tax, total: total = subtotal − discount + tax.
 * - Coverage: when `coverage` is given, agreements and warranty cover lines by the rule in
 *   job-coverage.ts; `coverage` on the draft lists the labels that applied.
 * - Terms: the price book's `defaultTermsId` when it is a finance term, else due on receipt.
 */
import { PAYMENT_TERMS, type InvoiceLine, type InvoiceTotals, type PaymentTerms } from '../receivables/records';
import type { PriceBook } from '../catalog/catalog';
import type { Technician } from '../directory/directory';
import type { PartUse } from '../fieldwork/field-records';
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { labourEntriesOf } from '../fieldwork/labour-entries';
import type { JobStatus } from '../jobs/status';
import { clockMinutes, zonedParts } from '../time/zoned';
import type { TimeEntryInput } from './labour';
import type { DocumentTotals, LineDraft, PricedLine } from './lines';
import { priceDocument } from './price-document';
import { itemDrafts } from './items';
import { labourDrafts } from './labour';
import { taxOf } from './tax';
import { applyJobCoverage, type CoverageAgreement, type CoverageAsset } from './job-coverage';

export const PRICE_NEEDED = 'PRICE NEEDED';

export interface JobForInvoice {
  id: string;
  number: string;
  title?: string;
  customerId: string;
  type: string;
  status: JobStatus;
}

export interface JobInvoiceInput {
  job: JobForInvoice;
  timeEntries: readonly CurrentTimeEntry[];
  partUses: readonly PartUse[];
  technicians: readonly Pick<Technician, 'id' | 'name' | 'workingHours'>[];
  book: PriceBook;
  timeZone: string;
  /** What may pay part of the job (job-coverage.ts); absent = nothing covers it. */
  coverage?: { agreements: readonly CoverageAgreement[]; siteId: string | null; assets: readonly CoverageAsset[]; date: string };
}

export interface JobInvoiceDraft {
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  terms: PaymentTerms;
  /** Descriptions of free-text parts priced at $0.00 until the dispatcher sets a price. */
  priceNeeded: string[];
  /** Labels of the agreements/warranty that covered some line ("Agreement Gold plan"). */
  coverage: string[];
}

export type JobInvoiceResult = { ok: true; draft: JobInvoiceDraft } | { ok: false; errors: string[] };

/** Whether `startIso` falls outside the technician's working hours (org-zone weekday). */
export function startsAfterHours(startIso: string, technician: Pick<Technician, 'workingHours'> | undefined, timeZone: string): boolean {
  if (!technician) return false;
  const parts = zonedParts(Date.parse(startIso), timeZone);
  const hours = technician.workingHours[parts.weekday];
  if (!hours) return true;
  return parts.minutes < clockMinutes(hours[0]) || parts.minutes >= clockMinutes(hours[1]);
}

/** The engine's time entries for the job, each flagged after-hours by the rule above. */
export function jobLabourEntries(input: Pick<JobInvoiceInput, 'job' | 'timeEntries' | 'technicians' | 'timeZone'>): TimeEntryInput[] {
  const byId = new Map(input.technicians.map((t) => [t.id, t]));
  const emergency = input.job.type === 'emergency';
  return labourEntriesOf(input.timeEntries, input.job.id).map((entry) => {
    const afterHours = emergency || (entry.kind !== 'break' && startsAfterHours(entry.start, byId.get(entry.technicianId), input.timeZone));
    return afterHours ? { ...entry, afterHours: true } : entry;
  });
}

/** The manual $0.00 line of a free-text part, marked so nobody issues it unpriced by mistake. */
function priceNeededLine(use: PartUse, book: PriceBook): LineDraft {
  const tax = taxOf(true, null, book.taxRates, book.settings.defaultTaxRateId);
  const n = Math.round(use.quantity * 1000);
  return {
    id: `part:${use.id}`,
    kind: 'manual',
    description: `${PRICE_NEEDED}: ${use.description}${use.sku ? ` (${use.sku})` : ''}`,
    refId: null,
    quantity: { n, d: 1000 },
    unit: 'each',
    unitPriceCents: 0,
    workedMinutes: null,
    note: '',
    taxable: tax.taxRateId !== null,
    ...tax,
    discount: null,
    coverage: null,
    override: { unitPriceCents: 0, reason: 'Free-text part from the field: not in the price book, set its price before issuing' },
    optionId: null
  };
}

/** A priced line as the finance room stores it (see the rule above). */
export function storedLine(line: PricedLine): InvoiceLine {
  const milli = (line.quantity.n * 1000) / line.quantity.d;
  return {
    ...line,
    amountCents: line.netCents,
    unitPriceCents: line.effectiveUnitPriceCents,
    ...(Number.isInteger(milli) ? { quantityMilli: milli } : {}),
    explanation: line.explanation
  };
}

/** The engine's totals as the finance room stores them: subtotal = Σ net, total = subtotal − discount + tax. */
export function storedTotals(totals: DocumentTotals): InvoiceTotals {
  return { subtotalCents: totals.netCents + totals.documentDiscountCents, discountCents: totals.documentDiscountCents, taxCents: totals.taxCents, totalCents: totals.totalCents };
}

function termsOf(book: PriceBook): PaymentTerms {
  const id = book.settings.defaultTermsId;
  return (PAYMENT_TERMS as readonly string[]).includes(id) ? (id as PaymentTerms) : 'on-receipt';
}

/** Builds the invoice draft of a completed job (see the rule at the top). */
export function invoiceDraftFromJob(input: JobInvoiceInput): JobInvoiceResult {
  const { job, book } = input;
  if (job.status !== 'completed') return { ok: false, errors: [`Job ${job.number} is not completed: finish the work before invoicing it.`] };
  const timeEntries = jobLabourEntries(input);
  const uses = input.partUses.filter((u) => u.jobId === job.id);
  const catalogued = uses.filter((u) => u.partId !== null).map((u) => ({ partId: u.partId!, quantity: u.quantity, description: u.description || undefined }));
  const freeText = uses.filter((u) => u.partId === null);
  const names = new Map(input.technicians.map((t) => [t.id, t.name]));
  const technicianName = (id: string) => names.get(id) ?? 'Technician';
  const labour = labourDrafts(timeEntries, { rates: book.labourRates, taxRates: book.taxRates, settings: book.settings, timeZone: input.timeZone, technicianName });
  const items = itemDrafts(book, { parts: catalogued, services: [], bundles: [] }, {});
  if (!labour.ok || !items.ok) return { ok: false, errors: [...(labour.ok ? [] : labour.errors), ...(items.ok ? [] : items.errors)] };
  const drafts = [...labour.drafts, ...items.drafts, ...freeText.map((u) => priceNeededLine(u, book))];
  const c = input.coverage;
  const covered = c ? applyJobCoverage(drafts, c.agreements, { customerId: job.customerId, type: job.type, siteId: c.siteId, assets: c.assets, date: c.date }) : { drafts, applied: [] };
  const result = priceDocument(covered.drafts, null);
  if (!result.ok) return { ok: false, errors: result.errors };
  const { lines, totals } = result.document;
  if (!lines.length) return { ok: false, errors: [`Job ${job.number} has no finished time entries or parts to bill.`] };
  return {
    ok: true,
    draft: {
      lines: lines.map(storedLine),
      totals: storedTotals(totals),
      terms: termsOf(book),
      priceNeeded: freeText.map((u) => u.description),
      coverage: covered.applied
    }
  };
}
