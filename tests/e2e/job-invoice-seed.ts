/**
 * Seeds for the job → invoice browser tests (invoice-from-job, invoice-flow), written by node
 * writers through the real relay: a price book (a regular labour rate and one part) and a job
 * completed by its technician (on site 10:00–12:10 on the test day, one fan motor, optionally a
 * free-text part that is not in the price book).
 */
import { orgTimeOn, TEST_NOW } from '../clock';
import type { RelayProcess } from '../helpers/relay-process';
import { nodeBoard } from './board-support';
import { seedFanMotorPriceBook } from './seed-price-book';

/** A regular rate ($120/h, 15-min increment, 1 h minimum) and the fan motor ($145.00); returns the part's id. */
export const seedPriceBook = seedFanMotorPriceBook;

export interface SeededJob {
  jobId: string;
  number: string;
  customerId: string;
}

/** What a service agreement of the job's customer covers (it names no sites: all of theirs). */
export interface SeedAgreement {
  name: string;
  coveredServices: string[];
  partsDiscountBp: number;
}

/**
 * Tess worked the job on site 10:00–12:10 (org time, the test day) and used one fan motor (and
 * `freeTextPart`); the job is completed. With `agreement`, the customer has one, started a month before.
 */
export async function seedCompletedJob(relay: RelayProcess, org: string, partId: string, freeTextPart: string | null = null, agreement: SeedAgreement | null = null): Promise<SeededJob> {
  const { board, connection, confirmed } = await nodeBoard(relay, org);
  try {
    const dir = board.directory;
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const created = new Date(TEST_NOW.getTime() - 86_400_000);
    const office = dir.createOffice({ name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles' }, 'office-m');
    const tech = dir.createTechnician({ name: 'Tess Tran', officeId: 'office-m', userId: 'tess' }, 'tech-tess');
    const customer = dir.createCustomer({ name: 'Mission Bakery' }, created);
    if (!office.ok || !tech.ok || !customer.ok) throw new Error('seed directory');
    if (agreement) {
      const made = board.agreements.create({ ...agreement, customerId: customer.value.id, startDate: '2026-05-01', termMonths: 12, billingCycle: 'annual', priceCents: 30_000, pmInterval: 'annual' }, seeder, created);
      if (!made.ok) throw new Error(`seed agreement: ${JSON.stringify(made.errors)}`);
    }
    const job = board.createJob({ customerName: 'Mission Bakery', customerId: customer.value.id, problem: 'Cooler fan seized', type: 'repair', officeId: 'office-m' }, seeder, 'SEED', created);
    if (!job.ok) throw new Error('seed job');
    const visit = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-tess'], start: orgTimeOn(0, '10:00').toISOString(), end: orgTimeOn(0, '12:00').toISOString() }, seeder, created);
    if (!visit.ok) throw new Error('seed visit');
    const fw = board.fieldWork;
    const steps = [
      fw.tap(visit.visit.id, 'on_site', { technicianId: 'tech-tess' }, seeder, orgTimeOn(0, '10:00')),
      fw.addPartUse(visit.visit.id, { partId, sku: 'FM-220', description: 'Condenser fan motor', quantity: 1 }, seeder, orgTimeOn(0, '11:00')),
      ...(freeTextPart ? [fw.addPartUse(visit.visit.id, { partId: null, sku: '', description: freeTextPart, quantity: 2 }, seeder, orgTimeOn(0, '11:30'))] : []),
      fw.tap(visit.visit.id, 'done', { technicianId: 'tech-tess', completion: { outcome: 'fixed', resolution: 'Replaced the condenser fan motor.' } }, seeder, orgTimeOn(0, '12:10'))
    ];
    const failed = steps.find((s) => !s.ok);
    if (failed && !failed.ok) throw new Error(`seed field work: ${failed.error}`);
    if (board.getJob(job.job.id)?.status !== 'completed') throw new Error(`seed: job is ${board.getJob(job.job.id)?.status}`);
    await confirmed();
    return { jobId: job.job.id, number: job.job.number, customerId: customer.value.id };
  } finally {
    connection.destroy();
  }
}
