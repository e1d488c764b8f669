/**
 * Business expenses (issue 12): rent, fuel, a subcontractor's bill… entered by the office so
 * gross profit (KPI.md: revenue − parts − labour − other expenses) counts them. The `expenses`
 * collection of the finance room is an immutable authored ledger: a mistake is corrected by a
 * reversal record (`reverses: <id>`, same positive amount, counted negative), never an edit,
 * so two offices entering expenses offline both count and the history stays auditable.
 *
 * `date` is the organisation's calendar day the expense belongs to (its month is the month it
 * counts in); `at` is when it was recorded. Shared by the client and the relay (zod).
 */
import { z } from 'zod';
import { calendarDaySchema, positiveCentsSchema } from '../receivables/records';

export const EXPENSE_CATEGORIES = ['rent', 'vehicle', 'fuel', 'tools', 'subcontractor', 'insurance', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export const CATEGORY_LABEL: Record<ExpenseCategory, string> = {
  rent: 'Rent',
  vehicle: 'Vehicle',
  fuel: 'Fuel',
  tools: 'Tools',
  subcontractor: 'Subcontractor',
  insurance: 'Insurance',
  other: 'Other'
};

const instant = z.iso.datetime({ offset: true });

/** An `expenses` record as stored. */
export const expenseSchema = z.object({
  id: z.string().min(1),
  date: calendarDaySchema,
  amountCents: positiveCentsSchema,
  category: z.enum(EXPENSE_CATEGORIES).catch('other'),
  description: z.string().max(500).catch(''),
  jobId: z.string().min(1).nullable().optional().catch(null),
  /** Set on a reversal: the id of the expense it cancels (its amount counts negative). */
  reverses: z.string().min(1).optional(),
  /** Why a reversal was made. */
  reason: z.string().max(500).optional().catch(undefined),
  at: instant,
  stamp: instant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional()
});
export type Expense = z.infer<typeof expenseSchema>;

const amountText = z
  .string()
  .trim()
  .regex(/^\d+(\.\d{1,2})?$/, 'enter an amount like 120 or 120.50')
  .transform((text) => Math.round(Number(text) * 100))
  .pipe(positiveCentsSchema);

/** The add form (amount as typed, e.g. `120.50`), validated at the boundary. */
export const expenseInputSchema = z.object({
  date: calendarDaySchema,
  amount: amountText,
  category: z.enum(EXPENSE_CATEGORIES, 'choose a category'),
  description: z.string().trim().min(1, 'say what it was for').max(500),
  jobId: z
    .string()
    .trim()
    .transform((v) => v || null)
    .nullable()
    .optional()
});
export type ExpenseInput = z.input<typeof expenseInputSchema>;

export const reversalInputSchema = z.object({ reason: z.string().trim().min(1, 'give a reason for the reversal').max(500) });
