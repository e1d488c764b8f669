import { describe, expect, it } from 'vitest';
import { bucketCents } from './overtime';
import { payForPeriod, type PayrollInput } from './pay-period';
import { payrollSettingsSchema, type PayrollSettings } from './settings';
import { rate, worked } from './test-support';
import { entryDayMinutes } from './work-days';

const H = 60;
function settings(over: Partial<PayrollSettings>): PayrollSettings {
  return payrollSettingsSchema.parse({ workweekStart: 'sun', periodKind: 'weekly', periodAnchor: '2026-03-01', ...over });
}
function input(over: Partial<PayrollInput>): PayrollInput {
  return { entries: [], rates: [], settings: settings({}), timeZone: 'UTC', runs: [], ...over };
}
const WEEK = { from: '2026-03-01', to: '2026-03-07' }; // Sunday 1 March – Saturday 7 March 2026

describe('rounding (half-up per bucket line, stated once)', () => {
  it('rounds minutes × rate × multiplier ÷ 60 half-up', () => {
    expect(bucketCents('regular', 30, 2001)).toBe(1001); // 1000.5 → 1001
    expect(bucketCents('regular', 1, 2001)).toBe(33); // 33.35 → 33
    expect(bucketCents('overtime', 1, 2001)).toBe(50); // 50.025 → 50
    expect(bucketCents('double', 1, 2001)).toBe(67); // 66.7 → 67
  });
});

describe('federal: a 45-hour week', () => {
  it('pays 40 h regular and 5 h overtime at 1.5×', () => {
    // Mon 2 – Fri 6 March, 9 h a day at $20.00/h.
    const entries = ['02', '03', '04', '05', '06'].map((d) => worked('t1', `2026-03-${d}`, '08:00', 9 * H));
    const [pay] = payForPeriod(input({ entries, rates: [rate('t1', 2000)], settings: settings({ overtimeRules: 'federal' }) }), WEEK);
    // Mon–Thu 36 h regular; Fri: 4 h regular (reaching 40) + 5 h overtime.
    expect(pay).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 300, doubleMinutes: 0 });
    // 2400 min × 2000 ¢/60 = 80 000 ¢; 300 min × 2000 × 1.5 / 60 = 15 000 ¢.
    expect(pay?.grossCents).toBe(95_000);
    expect(pay?.days.find((d) => d.date === '2026-03-06')).toMatchObject({ regular: 4 * H, overtime: 5 * H });
  });
});

describe('California: a 13-hour day and a seventh consecutive day', () => {
  // $30.00/h: 50 ¢/min regular, 75 ¢/min overtime, 100 ¢/min double time.
  // Sun 4 h, Mon 13 h, Tue–Thu 8 h, Fri 6 h, Sat 9 h: seven days in a row, 56 h.
  const hours: Array<[string, number]> = [['01', 4], ['02', 13], ['03', 8], ['04', 8], ['05', 8], ['06', 6], ['07', 9]];
  const entries = hours.map(([d, h]) => worked('t1', `2026-03-${d}`, '07:00', h * H));

  it('splits by day, week and seventh day without pyramiding; the state pays more than federal', () => {
    const [pay] = payForPeriod(input({ entries, rates: [rate('t1', 3000)], settings: settings({ overtimeRules: 'california' }) }), WEEK);
    // Mon: 8 reg + 4 OT + 1 DT. Regular running total: Sun 4, Mon 12, Tue 20, Wed 28, Thu 36,
    // Fri 6 h would make 42 → 4 h regular + 2 h weekly OT. Sat (7th day): 8 h OT + 1 h DT.
    // Regular 40 h; OT 4 + 2 + 8 = 14 h; DT 1 + 1 = 2 h.
    expect(pay).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 840, doubleMinutes: 120 });
    // 2400 × 50 + 840 × 75 + 120 × 100 = 120 000 + 63 000 + 12 000 = 195 000 ¢.
    // Federal would be 40 h + 16 h OT = 120 000 + 72 000 = 192 000 ¢: the state's is greater.
    expect(pay?.grossCents).toBe(195_000);
    expect(pay?.days.find((d) => d.date === '2026-03-02')).toMatchObject({ regular: 480, overtime: 240, double: 60 });
    expect(pay?.days.find((d) => d.date === '2026-03-06')).toMatchObject({ regular: 240, overtime: 120, double: 0 });
    expect(pay?.days.find((d) => d.date === '2026-03-07')).toMatchObject({ regular: 0, overtime: 480, double: 60 });
  });

  it('the same week under federal rules pays 16 h overtime', () => {
    const [pay] = payForPeriod(input({ entries, rates: [rate('t1', 3000)], settings: settings({ overtimeRules: 'federal' }) }), WEEK);
    expect(pay).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 960, doubleMinutes: 0, grossCents: 192_000 });
  });

  it('no seventh-day rule when a day of the workweek is off', () => {
    const sixDays = entries.filter((e) => !e.start.startsWith('2026-03-01'));
    const [pay] = payForPeriod(input({ entries: sixDays, rates: [rate('t1', 3000)], settings: settings({ overtimeRules: 'california' }) }), WEEK);
    // Mon 8+4+1; Tue–Thu 8 → regular 32; Fri 6 → 38; Sat 9 h: 2 reg (40) + 1 daily OT + 6 weekly OT.
    expect(pay?.days.find((d) => d.date === '2026-03-07')).toMatchObject({ regular: 120, overtime: 420, double: 0 });
  });
});

describe('greater of federal and state (California organisation)', () => {
  it('pays the federal allocation when it is greater (a raise mid-week)', () => {
    // $20.00 until Mon; $30.00 from Tue 3 March. Mon 12 h, Tue–Fri 8 h: 44 h.
    const entries = [worked('t1', '2026-03-02', '06:00', 12 * H), ...['03', '04', '05', '06'].map((d) => worked('t1', `2026-03-${d}`, '08:00', 8 * H))];
    const rates = [rate('t1', 2000, '2026-01-01'), rate('t1', 3000, '2026-03-03')];
    const [pay] = payForPeriod(input({ entries, rates, settings: settings({ overtimeRules: 'california' }) }), WEEK);
    // Federal: Mon 12 h reg @$20 = 24 000; Tue–Thu 24 h + Fri 4 h reg @$30 = 84 000; Fri 4 h OT @$45 = 18 000 → 126 000 ¢.
    // State: Mon 8 h reg @$20 = 16 000 + 4 h OT @$30 = 12 000; Tue–Fri 32 h reg @$30 = 96 000 → 124 000 ¢.
    expect(pay).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 240, doubleMinutes: 0, grossCents: 126_000 });
    expect(pay?.periodLines).toEqual([
      { bucket: 'regular', hourlyCents: 2000, minutes: 720, cents: 24_000 },
      { bucket: 'regular', hourlyCents: 3000, minutes: 1680, cents: 84_000 },
      { bucket: 'overtime', hourlyCents: 3000, minutes: 240, cents: 18_000 }
    ]);
  });
});

describe('a workweek spanning a pay period boundary (semi-monthly)', () => {
  // Workweek Sun 15 – Sat 21 March; periods 1–15 and 16–31 March. $20.00/h.
  // Sun 15: 10 h; Mon 16 – Thu 19: 9 h each → 46 h in the week, 36 h of it in the second period.
  const entries = [worked('t1', '2026-03-15', '08:00', 10 * H), ...['16', '17', '18', '19'].map((d) => worked('t1', `2026-03-${d}`, '08:00', 9 * H))];
  const base = input({ entries, rates: [rate('t1', 2000)], settings: settings({ overtimeRules: 'federal', periodKind: 'semi_monthly' }) });

  it('decides overtime on the whole week and pays each day in its own period', () => {
    const [first] = payForPeriod(base, { from: '2026-03-01', to: '2026-03-15' });
    // Sun 15: 10 h regular → 600 × 2000/60 = 20 000 ¢.
    expect(first).toMatchObject({ regularMinutes: 600, overtimeMinutes: 0, grossCents: 20_000 });
    const [second] = payForPeriod(base, { from: '2026-03-16', to: '2026-03-31' });
    // Running total 10, 19, 28, 37, then Thu: 3 h regular + 6 h overtime (36 h alone would have none).
    // 1800 min × 2000/60 = 60 000 ¢ + 360 min × 3000/60 = 18 000 ¢ → 78 000 ¢.
    expect(second).toMatchObject({ regularMinutes: 1800, overtimeMinutes: 360, grossCents: 78_000 });
  });
});

describe('breaks and travel', () => {
  // Mon 2 – Fri 6 March: 8 h on site and a 30-minute break each day, $24.00/h (40 ¢/min, 60 ¢/min OT).
  const entries = ['02', '03', '04', '05', '06'].flatMap((d) => [worked('t1', `2026-03-${d}`, '08:00', 8 * H), worked('t1', `2026-03-${d}`, '12:00', 30, 'break')]);
  const pay = (over: Partial<PayrollSettings>) => payForPeriod(input({ entries, rates: [rate('t1', 2400)], settings: settings({ overtimeRules: 'federal', ...over }) }), WEEK)[0];

  it('unpaid breaks: 40 h regular = 96 000 ¢', () => {
    expect(pay({ breakPay: 'unpaid' })).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 0, grossCents: 96_000 });
  });
  it('paid breaks count as hours worked: 42.5 h → 2.5 h overtime = 96 000 + 150 × 60 = 105 000 ¢', () => {
    expect(pay({ breakPay: 'paid' })).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 150, grossCents: 105_000 });
  });
  it('breaks paid up to 20 minutes each: 41 h 40 → 100 min overtime = 96 000 + 6 000 = 102 000 ¢', () => {
    expect(pay({ breakPay: 'capped', breakCapMinutes: 20 })).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 100, grossCents: 102_000 });
  });
  it('travel is not paid when the organisation says so', () => {
    const withTravel = [...entries, worked('t1', '2026-03-02', '07:00', 60, 'travel')];
    const run = (travelPaid: boolean) => payForPeriod(input({ entries: withTravel, rates: [rate('t1', 2400)], settings: settings({ travelPaid }) }), WEEK)[0];
    expect(run(false)).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 0 });
    expect(run(true)).toMatchObject({ regularMinutes: 2400, overtimeMinutes: 60 });
  });
});

describe('days are local', () => {
  it('splits an entry at local midnight (America/Los_Angeles)', () => {
    const e = worked('t1', '2026-03-02', '22:00', 4 * H, 'on_site', 'America/Los_Angeles');
    expect(entryDayMinutes(e, 'America/Los_Angeles')).toEqual([{ date: '2026-03-02', minutes: 120 }, { date: '2026-03-03', minutes: 120 }]);
  });
  it('technicians without a rate are listed as unpriced, not paid zero', () => {
    const [pay] = payForPeriod(input({ entries: [worked('t9', '2026-03-02', '08:00', 60)] }), WEEK);
    expect(pay).toMatchObject({ grossCents: 0, unpricedDays: ['2026-03-02'] });
  });
});

describe('entries crossing midnight mid-minute', () => {
  it('keep all their minutes across the two days', () => {
    const start = Date.parse('2026-03-02T23:00:30.000Z');
    const e = { start: new Date(start).toISOString(), end: new Date(start + 130 * 60_000).toISOString() };
    expect(entryDayMinutes(e, 'UTC')).toEqual([{ date: '2026-03-02', minutes: 60 }, { date: '2026-03-03', minutes: 70 }]);
  });
});
