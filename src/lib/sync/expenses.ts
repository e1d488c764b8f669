/**
 * Entering and reversing business expenses in the finance doc (README "finance collections":
 * `expenses`). Admins and dispatchers write (the relay refuses other roles); an expense dated
 * in a closed month is refused here and by the relay (closed-period). A correction is a
 * reversal record, never an edit: the reversal is dated like its expense when that month is
 * still open, else on `today` (corrections of closed months go into the open period).
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { LOCAL_EDIT, type Actor } from './board-doc';
import type { Collection } from './collection';
import type { Role } from '../domain/access/roles';
import { expenseInputSchema, reversalInputSchema, type Expense } from '../domain/expenses/expense';
import { fieldErrorsOf, type FieldErrors } from '../domain/receivables/forms';
import { checkDayOpen, type LockLike } from '../domain/receivables/period-lock';

export type ExpenseResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; errors?: FieldErrors };

/** The roles that may enter expenses (managers read only). */
export const EXPENSE_WRITERS: readonly Role[] = ['admin', 'dispatcher'];

export function recordExpense(doc: Y.Doc, expenses: Collection<Expense>, locks: readonly LockLike[], input: unknown, actor: Actor & { role: Role }, now: Date, today: string): ExpenseResult<{ id: string }> {
  if (!EXPENSE_WRITERS.includes(actor.role)) return { ok: false, error: 'Your role can look at expenses but not enter them.' };
  const parsed = expenseInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
  const e = parsed.data;
  if (e.date > today) return { ok: false, error: 'An expense cannot be dated in the future.', errors: { date: 'in the future' } };
  const closed = checkDayOpen(locks, e.date);
  if (closed) return { ok: false, error: closed, errors: { date: closed } };
  const id = uuidv4();
  const record: Expense = { id, date: e.date, amountCents: e.amount, category: e.category, description: e.description, ...jobOf(e.jobId), at: now.toISOString(), by: actor.id, ...named(actor) };
  doc.transact(() => expenses.insert(record), LOCAL_EDIT);
  return { ok: true, id };
}

export function reverseExpense(doc: Y.Doc, expenses: Collection<Expense>, locks: readonly LockLike[], id: string, input: unknown, actor: Actor & { role: Role }, now: Date, today: string): ExpenseResult<{ id: string }> {
  if (!EXPENSE_WRITERS.includes(actor.role)) return { ok: false, error: 'Your role can look at expenses but not reverse them.' };
  const parsed = reversalInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Check the highlighted fields.', errors: fieldErrorsOf(parsed.error) };
  const all = expenses.list();
  const original = all.find((e) => e.id === id);
  if (!original) return { ok: false, error: 'That expense no longer exists.' };
  if (original.reverses) return { ok: false, error: 'A reversal cannot itself be reversed: enter the expense again.' };
  if (all.some((e) => e.reverses === id)) return { ok: false, error: 'That expense is already reversed.' };
  const date = checkDayOpen(locks, original.date) ? today : original.date;
  const closed = checkDayOpen(locks, date);
  if (closed) return { ok: false, error: closed };
  const reversalId = uuidv4();
  const record: Expense = { ...pick(original), id: reversalId, date, reverses: id, reason: parsed.data.reason, at: now.toISOString(), by: actor.id, ...named(actor) };
  doc.transact(() => expenses.insert(record), LOCAL_EDIT);
  return { ok: true, id: reversalId };
}

/** The fields a reversal copies from its expense (what it cancels). */
function pick(e: Expense): Pick<Expense, 'amountCents' | 'category' | 'description' | 'jobId'> {
  return { amountCents: e.amountCents, category: e.category, description: e.description, ...jobOf(e.jobId) };
}

/** A business expense has no `jobId` field at all (the relay's authored rule types `jobId` as a non-empty string). */
function jobOf(jobId: string | null | undefined): { jobId?: string } {
  return jobId ? { jobId } : {};
}

function named(actor: Actor): { byName?: string } {
  return actor.name ? { byName: actor.name } : {};
}
