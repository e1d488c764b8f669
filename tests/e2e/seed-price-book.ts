/**
 * A price book that lets a completed job be invoiced (tests that build an invoice from a job):
 * a regular labour rate ($120/h, 15-min increment, 1 h minimum) and one part, the condenser fan
 * motor FM-220 ($145.00). Written by a node writer through the real relay; returns the part id.
 */
import { TEST_NOW } from '../clock';
import type { RelayProcess } from '../helpers/relay-process';
import { nodeCatalog } from './board-support';

export async function seedFanMotorPriceBook(relay: RelayProcess, org: string): Promise<string> {
  const { catalog, connection, confirmed } = await nodeCatalog(relay, org);
  try {
    const rate = catalog.save('labourRates', { name: 'Standard', rateClass: 'regular', rate: '120.00', incrementMinutes: '15', minimumMinutes: '60', taxRateId: '' }, undefined, TEST_NOW);
    const part = catalog.save('parts', { sku: 'FM-220', description: 'Condenser fan motor', cost: '80.00', pricingKind: 'price', price: '145.00' }, undefined, TEST_NOW);
    if (!rate.ok || !part.ok) throw new Error(`seed price book: ${JSON.stringify([rate, part])}`);
    await confirmed();
    const found = catalog.parts.list().find((p) => p.sku === 'FM-220');
    if (!found) throw new Error('seed part missing');
    return found.id;
  } finally {
    connection.destroy();
  }
}
