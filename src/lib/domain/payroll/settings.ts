/**
 * The organisation's payroll settings (issue 12 "Payroll"), a register in the `finance` room
 * (sync README "payrollSettings"): one plain value per key, each key last-writer-wins, and a
 * key missing or unreadable reads as its default, so older docs and newer fields both work.
 */
import { z } from 'zod';
import { WEEKDAYS } from '../directory/directory';

export const OVERTIME_RULES = ['federal', 'california'] as const;
export type OvertimeRules = (typeof OVERTIME_RULES)[number];
export const PERIOD_KINDS = ['weekly', 'biweekly', 'semi_monthly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const BREAK_PAY = ['unpaid', 'paid', 'capped'] as const;
export type BreakPay = (typeof BREAK_PAY)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day (YYYY-MM-DD)');

/** Defaults: federal rules, Sunday workweek, unpaid breaks, paid travel, biweekly from a Sunday. */
export const DEFAULT_PERIOD_ANCHOR = '2026-01-04';

export const payrollSettingsSchema = z.object({
  overtimeRules: z.enum(OVERTIME_RULES).catch('federal').default('federal'),
  /** The fixed, recurring 168-hour workweek starts at local midnight of this weekday. */
  workweekStart: z.enum(WEEKDAYS).catch('sun').default('sun'),
  /** Breaks: not paid, paid in full, or paid up to `breakCapMinutes` per break. */
  breakPay: z.enum(BREAK_PAY).catch('unpaid').default('unpaid'),
  breakCapMinutes: z.number().int().min(0).max(120).catch(20).default(20),
  travelPaid: z.boolean().catch(true).default(true),
  periodKind: z.enum(PERIOD_KINDS).catch('biweekly').default('biweekly'),
  /** The first day of one weekly or biweekly period; every period is a whole number of periods from it. */
  periodAnchor: day.catch(DEFAULT_PERIOD_ANCHOR).default(DEFAULT_PERIOD_ANCHOR)
});
export type PayrollSettings = z.infer<typeof payrollSettingsSchema>;

export const DEFAULT_PAYROLL_SETTINGS: PayrollSettings = payrollSettingsSchema.parse({});

/** The settings form (strict: no silent defaults for what the admin typed). */
export const payrollSettingsInputSchema = z.object({
  overtimeRules: z.enum(OVERTIME_RULES),
  workweekStart: z.enum(WEEKDAYS),
  breakPay: z.enum(BREAK_PAY),
  breakCapMinutes: z.number({ error: 'Enter minutes.' }).int('Whole minutes only.').min(0, 'Minutes cannot be negative.').max(120, 'At most 120 minutes.'),
  travelPaid: z.boolean(),
  periodKind: z.enum(PERIOD_KINDS),
  periodAnchor: day
});
export type PayrollSettingsInput = z.infer<typeof payrollSettingsInputSchema>;

/** Paid minutes of a break of `minutes` under the settings. */
export function paidBreakMinutes(settings: Pick<PayrollSettings, 'breakPay' | 'breakCapMinutes'>, minutes: number): number {
  if (settings.breakPay === 'paid') return minutes;
  if (settings.breakPay === 'capped') return Math.min(minutes, settings.breakCapMinutes);
  return 0;
}
