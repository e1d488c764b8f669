import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod, weekdayOf, workweekStartOf } from './periods';
import { paidBreakMinutes, payrollSettingsSchema } from './settings';

describe('pay periods', () => {
  it('semi-monthly: 1–15 and 16 to the month’s end', () => {
    const s = { periodKind: 'semi_monthly', periodAnchor: '2026-01-04' } as const;
    expect(periodOf('2026-02-15', s)).toEqual({ from: '2026-02-01', to: '2026-02-15' });
    expect(periodOf('2026-02-16', s)).toEqual({ from: '2026-02-16', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-15' }, s)).toEqual({ from: '2026-02-16', to: '2026-02-28' });
  });
  it('biweekly and weekly count whole periods from the anchor, before it too', () => {
    expect(periodOf('2026-01-20', { periodKind: 'biweekly', periodAnchor: '2026-01-04' })).toEqual({ from: '2026-01-18', to: '2026-01-31' });
    expect(periodOf('2026-01-03', { periodKind: 'biweekly', periodAnchor: '2026-01-04' })).toEqual({ from: '2025-12-21', to: '2026-01-03' });
    expect(periodOf('2026-03-10', { periodKind: 'weekly', periodAnchor: '2026-03-04' })).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });
  it('workweeks start on the set weekday', () => {
    expect(weekdayOf('2026-03-01')).toBe('sun');
    expect(workweekStartOf('2026-03-04', 'sun')).toBe('2026-03-01');
    expect(workweekStartOf('2026-03-04', 'thu')).toBe('2026-02-26');
    expect(workweekStartOf('2026-03-05', 'thu')).toBe('2026-03-05');
  });
});

describe('payroll settings', () => {
  it('read missing or unreadable keys as defaults', () => {
    expect(payrollSettingsSchema.parse({ overtimeRules: 'texas', travelPaid: 'yes' })).toMatchObject({ overtimeRules: 'federal', travelPaid: true, breakPay: 'unpaid', periodKind: 'biweekly' });
  });
  it('pay breaks per setting', () => {
    expect(paidBreakMinutes({ breakPay: 'unpaid', breakCapMinutes: 20 }, 30)).toBe(0);
    expect(paidBreakMinutes({ breakPay: 'paid', breakCapMinutes: 20 }, 30)).toBe(30);
    expect(paidBreakMinutes({ breakPay: 'capped', breakCapMinutes: 20 }, 30)).toBe(20);
  });
});
