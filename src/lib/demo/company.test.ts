import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetSchema, customerSchema, officeSchema, siteSchema, technicianSchema } from '../domain/directory/directory';
import { eventsByJob, currentStatus, jobEventSchema } from '../domain/jobs/job-events';
import { jobRecordSchema } from '../domain/jobs/job';
import { slaState } from '../domain/jobs/sla';
import { checkTransition } from '../domain/jobs/status';
import { findDoubleBookings } from '../domain/scheduling/conflicts';
import { buildDemoCompany, type DemoCompany } from './company';
import { parseDemoDatasetText } from './dataset';
import { TEST_CLOCKS, TEST_CLOCK_NAMES, TEST_TIME_ZONE } from '../../../tests/clock';
import { localParts } from './calendar';

const dataset = parseDemoDatasetText(fs.readFileSync(new URL('../../../static/demo/sf-demo-dataset.json', import.meta.url), 'utf8'));
const SEED = 20261123;

function statuses(c: DemoCompany): Map<string, string> {
  const history = eventsByJob(c.jobEvents);
  return new Map(c.jobs.map((j) => [j.id, currentStatus(history.get(j.id))]));
}

function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const OPEN = new Set(['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold']);

// The board around `now` differs by time of day (who is on site, what is still to come today),
// so every rule below must hold at each of the suite's three fixed instants.
describe.each(TEST_CLOCK_NAMES)('buildDemoCompany at %s organisation time', (clock) => {
  const NOW = TEST_CLOCKS[clock];
  const company = buildDemoCompany(dataset, { seed: SEED, now: NOW, orgName: 'Bayside Mechanical' });

  it('is built for the intended local time of day', () => {
    expect(`${String(localParts(NOW.getTime(), TEST_TIME_ZONE).hour).padStart(2, '0')}:00`).toBe(clock);
  });

  it('produces records that all pass the board schemas unchanged', () => {
    const checks: Array<[string, readonly unknown[], { safeParse(v: unknown): { success: boolean } }]> = [
      ['offices', company.offices, officeSchema],
      ['technicians', company.technicians, technicianSchema],
      ['customers', company.customers, customerSchema],
      ['sites', company.sites, siteSchema],
      ['assets', company.assets, assetSchema],
      ['jobs', company.jobs, jobRecordSchema],
      ['jobEvents', company.jobEvents, jobEventSchema]
    ];
    for (const [name, records, schema] of checks) {
      const bad = records.filter((r) => !schema.safeParse(r).success);
      expect(bad, name).toEqual([]);
    }
    // `.catch()` defaults would hide a wrong value: the parsed job must equal what was built.
    for (const job of company.jobs) expect(jobRecordSchema.parse(job)).toEqual(job);
  });

  it('builds a company of the intended size: 4 offices, 25 technicians, ~150 open and ~400 finished jobs', () => {
    expect(company.offices.map((o) => o.name)).toEqual(['North Beach', 'Mission', 'Sunset', 'Excelsior']);
    expect(company.technicians).toHaveLength(25);
    const byStatus = tally(statuses(company).values());
    const open = [...OPEN].reduce((n, s) => n + (byStatus[s] ?? 0), 0);
    expect(open).toBeGreaterThanOrEqual(140);
    expect(open).toBeLessThanOrEqual(150);
    expect(company.jobs.length - open).toBeGreaterThanOrEqual(380);
    for (const status of ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold', 'completed', 'invoiced', 'paid', 'closed']) {
      expect(byStatus[status] ?? 0, status).toBeGreaterThan(0);
    }
    expect(company.customers.length).toBeGreaterThan(200);
    expect(company.assets.length).toBeGreaterThan(company.sites.length);
  });

  it('gives every job a history that starts with its creation and follows the allowed transitions, all before now', () => {
    const history = eventsByJob(company.jobEvents);
    for (const job of company.jobs) {
      const events = history.get(job.id) ?? [];
      expect(events[0], job.number).toMatchObject({ kind: 'created', from: null, to: 'new', at: job.createdAt });
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.from, job.number).toBe(events[i - 1]!.to);
        expect(checkTransition(events[i]!.from!, events[i]!.to), `${job.number} step ${i}`).toEqual({ ok: true });
        expect(events[i]!.at > events[i - 1]!.at, `${job.number} step ${i} time`).toBe(true);
      }
      expect(Date.parse(events.at(-1)!.at)).toBeLessThanOrEqual(NOW.getTime());
      expect(job.updatedAt).toBe(events.at(-1)!.at);
    }
  });

  it('keeps every reference inside the company', () => {
    const ids = (list: Array<{ id: string }>) => new Set(list.map((r) => r.id));
    const offices = ids(company.offices);
    const techs = ids(company.technicians);
    const customers = ids(company.customers);
    const sites = ids(company.sites);
    const jobs = ids(company.jobs);
    for (const s of company.sites) expect(customers.has(s.customerId)).toBe(true);
    for (const a of company.assets) expect(sites.has(a.siteId)).toBe(true);
    for (const t of company.technicians) expect(offices.has(t.officeId!)).toBe(true);
    const siteOf = new Map(company.sites.map((s) => [s.id, s]));
    const assetOf = new Map(company.assets.map((a) => [a.id, a]));
    for (const j of company.jobs) {
      expect(offices.has(j.officeId!)).toBe(true);
      expect(siteOf.get(j.siteId!)?.customerId).toBe(j.customerId);
      expect(siteOf.get(j.siteId!)?.address).toBe(j.siteAddress);
      for (const a of j.assetIds) expect(assetOf.get(a)?.siteId).toBe(j.siteId);
      for (const t of j.assignedTechIds) expect(techs.has(t)).toBe(true);
      if (j.callbackOf) expect(jobs.has(j.callbackOf)).toBe(true);
    }
    const all = [company.offices, company.technicians, company.customers, company.sites, company.assets, company.jobs, company.jobEvents].flat().map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('numbers jobs from its own series in creation order', () => {
    const ordered = [...company.jobs].sort((a, b) => (a.number < b.number ? -1 : 1));
    expect(ordered[0]!.number).toBe('J-SEED-0001');
    expect(new Set(company.jobs.map((j) => j.number)).size).toBe(company.jobs.length);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.createdAt >= ordered[i - 1]!.createdAt).toBe(true);
  });

  it('assigns and schedules every job past `new` and never books a technician twice at once', () => {
    const status = statuses(company);
    for (const job of company.jobs) {
      const s = status.get(job.id)!;
      if (s === 'new') expect(job.assignedTechIds, job.number).toEqual([]);
      if (['scheduled', 'dispatched', 'en_route', 'on_site', 'completed', 'invoiced', 'paid', 'closed'].includes(s)) {
        expect(job.assignedTechIds.length, job.number).toBeGreaterThan(0);
        expect(job.scheduledStart && job.scheduledEnd && job.scheduledStart < job.scheduledEnd, job.number).toBe(true);
      }
      if (s === 'on_site') expect(Date.parse(job.scheduledStart!)).toBeLessThanOrEqual(NOW.getTime());
      if (s === 'scheduled') expect(Date.parse(job.scheduledStart!)).toBeGreaterThan(NOW.getTime());
    }
    const bookings = company.jobs.map((j) => ({ jobId: j.id, number: j.number, technicianIds: j.assignedTechIds, start: j.scheduledStart, end: j.scheduledEnd, active: status.get(j.id) !== 'cancelled' }));
    expect(findDoubleBookings(bookings)).toEqual([]);
  });

  it('puts unassigned emergencies and overdue SLAs on the live board', () => {
    const status = statuses(company);
    const open = company.jobs.filter((j) => OPEN.has(status.get(j.id)!));
    const unassignedEmergencies = open.filter((j) => j.type === 'emergency' && j.assignedTechIds.length === 0);
    expect(unassignedEmergencies.length).toBeGreaterThanOrEqual(3);
    const overdue = open.filter((j) => slaState(j.slaDue, status.get(j.id) as never, NOW.getTime()).kind === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(open.length / 3);
  });

  it('spreads finished work over the last 90 days and mixes all four trades', () => {
    const oldest = Math.min(...company.jobs.map((j) => Date.parse(j.createdAt)));
    expect(NOW.getTime() - oldest).toBeGreaterThan(80 * 86_400_000);
    expect(NOW.getTime() - oldest).toBeLessThanOrEqual(91 * 86_400_000);
    const trades = tally(company.jobs.map((j) => j.requiredSkills[0]!));
    for (const trade of ['hvac', 'plumbing', 'electrical', 'general']) expect(trades[trade] ?? 0, trade).toBeGreaterThan(company.jobs.length * 0.12);
  });

  it('is deterministic: the same seed and now give the same company', () => {
    const again = buildDemoCompany(dataset, { seed: SEED, now: NOW, orgName: 'Bayside Mechanical' });
    expect(again).toEqual(company);
  });

  it('derives ids from the seed, not the clock, and changes them for another seed', () => {
    const later = buildDemoCompany(dataset, { seed: SEED, now: new Date(NOW.getTime() + 3 * 86_400_000), orgName: 'Bayside Mechanical' });
    expect(later.technicians.map((t) => t.id)).toEqual(company.technicians.map((t) => t.id));
    expect(later.offices.map((o) => o.id)).toEqual(company.offices.map((o) => o.id));
    // A few requests may not fit the calendar at another time; the rest keep their ids.
    const before = new Set(company.jobs.map((j) => j.id));
    const kept = later.jobs.filter((j) => before.has(j.id)).length;
    expect(kept).toBeGreaterThan(company.jobs.length * 0.95);
    const other = buildDemoCompany(dataset, { seed: SEED + 1, now: NOW, orgName: 'Bayside Mechanical' });
    const ours = new Set(company.jobs.map((j) => j.id));
    expect(other.jobs.some((j) => ours.has(j.id))).toBe(false);
  });

});

describe('buildDemoCompany at other hours', () => {
  it('builds a live board at any hour, including a Sunday night', () => {
    const sundayNight = new Date('2026-11-30T07:45:00.000Z'); // Sunday 23:45 in San Francisco
    const night = buildDemoCompany(dataset, { seed: 7, now: sundayNight, orgName: 'Night Owl HVAC' });
    const byStatus = tally(statuses(night).values());
    expect(byStatus['scheduled'] ?? 0).toBeGreaterThan(30);
    expect(byStatus['on_site'] ?? 0).toBeGreaterThan(0);
    for (const e of night.jobEvents) expect(Date.parse(e.at)).toBeLessThanOrEqual(sundayNight.getTime());
  });
});
