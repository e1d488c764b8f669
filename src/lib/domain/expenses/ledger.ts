/**
 * What the expense ledger (expense.ts) amounts to: each expense with whether it was reversed,
 * the month's totals by category, the KPI engine's ExpenseFacts, and the CSV export table.
 * A reversal counts as the negative of what it reverses, in its own date's month.
 */
import type { ExpenseFacts } from '../kpi/types';
import type { Table } from '../receivables/exports';
import { centsToText } from '../receivables/money';
import { CATEGORY_LABEL, EXPENSE_CATEGORIES, type Expense, type ExpenseCategory } from './expense';

/** One row of the month's list: an expense (or a reversal) with its signed amount. */
export interface ExpenseRow {
  expense: Expense;
  /** Positive for an expense, negative for a reversal. */
  signedCents: number;
  category: ExpenseCategory;
  jobId: string | null;
  /** The reversal cancelling this expense, if any. */
  reversedBy: Expense | null;
}

/** Every expense and reversal as signed rows, oldest day first; a reversal takes its original's category and job. */
export function expenseRows(expenses: readonly Expense[]): ExpenseRow[] {
  const byId = new Map(expenses.map((e) => [e.id, e]));
  // The first reversal of an expense by (at, id) counts, whatever order a device lists records in.
  const reversal = new Map<string, Expense>();
  const reversals = expenses.filter((e) => e.reverses && byId.has(e.reverses)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const e of reversals) if (!reversal.has(e.reverses!)) reversal.set(e.reverses!, e);
  const rows: ExpenseRow[] = [];
  for (const e of expenses) {
    if (e.reverses) {
      const original = byId.get(e.reverses);
      // A reversal of an expense this device has not got (yet), or a second reversal of one: counts nothing.
      if (!original || reversal.get(e.reverses) !== e) continue;
      rows.push({ expense: e, signedCents: -original.amountCents, category: original.category, jobId: original.jobId ?? null, reversedBy: null });
    } else rows.push({ expense: e, signedCents: e.amountCents, category: e.category, jobId: e.jobId ?? null, reversedBy: reversal.get(e.id) ?? null });
  }
  return rows.sort((a, b) => a.expense.date.localeCompare(b.expense.date) || a.expense.at.localeCompare(b.expense.at) || a.expense.id.localeCompare(b.expense.id));
}

/** The rows dated in `month` (`YYYY-MM`, the organisation's). */
export function rowsOfMonth(rows: readonly ExpenseRow[], month: string): ExpenseRow[] {
  return rows.filter((r) => r.expense.date.slice(0, 7) === month);
}

/** Net totals by category (only categories with rows), and the month's total. */
export function categoryTotals(rows: readonly ExpenseRow[]): { byCategory: { category: ExpenseCategory; cents: number }[]; totalCents: number } {
  const sums = new Map<ExpenseCategory, number>();
  for (const r of rows) sums.set(r.category, (sums.get(r.category) ?? 0) + r.signedCents);
  const byCategory = EXPENSE_CATEGORIES.filter((c) => sums.has(c)).map((category) => ({ category, cents: sums.get(category)! }));
  return { byCategory, totalCents: byCategory.reduce((n, c) => n + c.cents, 0) };
}

/** The KPI engine's view: the month is the expense's org day's month (its `date` is already an org day). */
export function expenseFactsOf(expenses: readonly Expense[]): ExpenseFacts[] {
  return expenseRows(expenses).map((r) => ({ id: r.expense.id, month: r.expense.date.slice(0, 7), jobId: r.jobId, category: r.category, amountCents: r.signedCents }));
}

/** The month's expenses as an accountant's table (amounts as decimal text, reversals negative). */
export function expensesTable(rows: readonly ExpenseRow[], jobNumber: (id: string) => string = (id) => id): Table {
  return {
    fields: ['Date', 'Category', 'Description', 'Job', 'Amount', 'Reverses', 'Reason', 'Entered by'],
    data: rows.map((r) => [
      r.expense.date,
      CATEGORY_LABEL[r.category],
      r.expense.description,
      r.jobId ? jobNumber(r.jobId) : '',
      centsToText(r.signedCents),
      r.expense.reverses ?? '',
      r.expense.reason ?? '',
      r.expense.byName ?? r.expense.by
    ])
  };
}
