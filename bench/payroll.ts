/**
 * Payroll over a year of a 50-technician company (not a timed test: prints figures against
 * targets). The Payroll page recomputes the next period's pay after every change of time
 * entries, so the full computation must stay quick:
 *
 *   node --import tsx bench/payroll.ts [--technicians 50]
 *
 * Data: each technician works five days a week for a year (weekly periods, Sunday workweeks,
 * America/Los_Angeles): travel, two on-site entries and a break per day, some 9–11 h days,
 * one run approved per week for the first 51 weeks. Figures: the time to compute the 52nd
 * week's pay (with the year of paid days checked for adjustments), median of 9 (wall and CPU time).
 */
import { parseArgs } from 'node:util';
import type { CurrentTimeEntry, TimeEntryKind } from '../src/lib/domain/fieldwork/time-entries';
import { payForPeriod, type PayrollInput } from '../src/lib/domain/payroll/pay-period';
import type { PayRun } from '../src/lib/domain/payroll/pay-run';
import { addDays, weekdayOf } from '../src/lib/domain/payroll/periods';
import { runTechnicians, runTotalCents } from '../src/lib/domain/payroll/run-records';
import { payrollSettingsSchema } from '../src/lib/domain/payroll/settings';
import { zonedInstant } from '../src/lib/domain/time/zoned';

const { values } = parseArgs({ options: { technicians: { type: 'string', default: '50' } } });
const TECHNICIANS = Number(values.technicians);
const ZONE = 'America/Los_Angeles';
const FIRST = '2025-06-01'; // a Sunday
const TARGET_MS = 200;

// Deterministic variety (no Math.random: the figures must be comparable run to run).
let seed = 12_345;
const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const entries: CurrentTimeEntry[] = [];
let id = 0;
function entry(technicianId: string, day: string, fromMinute: number, minutes: number, kind: TimeEntryKind) {
  const start = zonedInstant(day, fromMinute, ZONE);
  const eid = `e${++id}`;
  entries.push({ id: eid, rootId: eid, edited: false, technicianId, jobId: kind === 'break' ? null : `j${id}`, visitId: null, kind, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString(), at: new Date(start).toISOString(), by: technicianId });
}
for (let t = 0; t < TECHNICIANS; t++) {
  for (let d = 0; d < 364; d++) {
    const day = addDays(FIRST, d);
    if (weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun') continue;
    const long = Math.floor(next() * 180);
    entry(`t${t}`, day, 7 * 60, 30, 'travel');
    entry(`t${t}`, day, 7 * 60 + 30, 240, 'on_site');
    entry(`t${t}`, day, 11 * 60 + 30, 30, 'break');
    entry(`t${t}`, day, 12 * 60, 240 + long, 'on_site');
  }
}
const rates = Array.from({ length: TECHNICIANS }, (_, t) => ({ id: `r${t}`, technicianId: `t${t}`, hourlyCents: 2500 + t * 10, effectiveFrom: '2025-01-01', at: '2025-01-01T00:00:00.000Z', by: 'admin' }));
const settings = payrollSettingsSchema.parse({ overtimeRules: 'california', periodKind: 'weekly', periodAnchor: FIRST, workweekStart: 'sun', breakPay: 'capped', breakCapMinutes: 10 });
const runs: PayRun[] = [];
const input = (): PayrollInput => ({ entries, rates, settings, timeZone: ZONE, runs });
const buildStart = performance.now();
for (let w = 0; w < 51; w++) {
  const period = { from: addDays(FIRST, w * 7), to: addDays(FIRST, w * 7 + 6) };
  const technicians = runTechnicians(payForPeriod(input(), period));
  runs.push({ id: `run${w}`, ...period, timeZone: ZONE, technicians, totalCents: runTotalCents(technicians), at: `${addDays(period.to, 1)}T12:00:00.000Z`, by: 'admin' });
}
const buildMs = performance.now() - buildStart;

const last = { from: addDays(FIRST, 51 * 7), to: addDays(FIRST, 51 * 7 + 6) };
// Wall time and this process's CPU time (the machine is shared: CPU time is steadier under load).
const times: number[] = [];
const cpu: number[] = [];
let pays = payForPeriod(input(), last);
for (let i = 0; i < 9; i++) {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  pays = payForPeriod(input(), last);
  const used = process.cpuUsage(startCpu);
  times.push(performance.now() - start);
  cpu.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const median = times[4] as number;
console.log(`payroll: ${TECHNICIANS} technicians, ${entries.length} time entries, ${runs.length} runs (built in ${buildMs.toFixed(0)} ms)`);
console.log(`  next period's pay with a year of adjustment checks: ${median.toFixed(1)} ms median (target < ${TARGET_MS} ms) ${median < TARGET_MS ? 'OK' : 'OVER'}; CPU ${(cpu[4] as number).toFixed(1)} ms median`);
console.log(`  one weekly run record: ${(JSON.stringify(runs.at(-1)).length / 1024).toFixed(0)} KB of JSON (entry ids are most of it)`);
console.log(`  ${pays.length} technicians paid, adjustments ${pays.reduce((s, p) => s + p.adjustmentCents, 0)} ¢ (expected 0)`);
