/**
 * Each agreement's profitability (domain/agreements/profitability.ts) from the live states:
 * parts from the stock ledger, labour from the board's time entries at the finance room's pay
 * rates, extra billing from the finance room's invoices. Labour and invoices are known only to
 * those who open the finance room (admin, dispatcher, manager) and only once it has loaded;
 * until then they are null (the view says "not visible"), never zero.
 * A plain function, read inside a component's `$derived` so it follows every source; kept out
 * of agreements.svelte.ts because inventory already depends on that module.
 */
import { agreementProfitability, invoicedByJob, type Profitability } from '../domain/agreements/profitability';
import { labourCosts } from '../domain/payroll/labour-cost';
import { agreementsState } from './agreements.svelte';
import { board } from './board.svelte';
import { fieldWork } from './field-work.svelte';
import { finance } from './finance.svelte';
import { inventory } from './inventory.svelte';

export function agreementProfits(): Map<string, Profitability> {
  const readable = finance.canView && finance.ready;
  const sources = {
    jobExists: (id: string) => board.job(id) !== undefined,
    partsCostOfJob: inventory.partsCostByJob,
    labour: readable ? labourCosts(fieldWork.timeEntries, finance.payRates, board.timeZone) : null,
    invoiced: readable ? invoicedByJob(finance.receivables.invoices) : null
  };
  return new Map(agreementsState.list.map((a) => [a.id, agreementProfitability(a, agreementsState.today, sources)]));
}
