/**
 * The `catalog` room through the real relay (issue 10, Done when 5): admins and dispatchers
 * change the price book; a technician's or manager's writes are dropped and counted, never
 * stored or forwarded, while they still read it; a wallboard cannot open it. The billing
 * settings register may be overwritten key by key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CatalogDoc } from '../../src/lib/sync/catalog';
import { TEST_NOW } from '../clock';
import { rejectedMessages } from '../helpers/relay-metrics';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until, upgradeStatus } from './support/clients';

const ORG = 'pricebook';
const ROOM = `${ORG}/catalog`;
const now = new Date(TEST_NOW);
const filter = { sku: 'FLT-16', description: 'Filter 16×25', unit: 'each', cost: '8.40', pricingKind: 'price', price: '24.99', markup: '', supplier: '', barcode: '', taxable: true, taxRateId: '' };
const settingsForm = { name: 'Bayside HVAC', address: '1 Market St', taxId: '', email: '', phone: '', paymentInstructions: '', defaultTermsId: 'on-receipt', overtimeAfterMinutes: '480', quoteValidDays: '30' };

const readOnlyRejections = (relay: RelayProcess) => rejectedMessages(relay, 'read-only');

function saved<T>(result: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('catalog room access', () => {
  let relay: RelayProcess;

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('lets admins and dispatchers change the price book and drops every technician or manager write', async () => {
    const token = (role: string, sub: string) => makeToken(relay.dataDir, { org: ORG, role: role as 'admin', sub });
    const admin = stockClient(relay.wsUrl, ROOM, await token('admin', 'ada'));
    const dispatcher = stockClient(relay.wsUrl, ROOM, await token('dispatcher', 'dee'));
    const technician = await new RawClient(relay.wsUrl, ROOM, await token('technician', 'tom')).ready();
    const manager = await new RawClient(relay.wsUrl, ROOM, await token('manager', 'meg')).ready();
    try {
      await synced(admin);
      await synced(dispatcher);
      const adminBook = new CatalogDoc(admin.doc);
      const dispatcherBook = new CatalogDoc(dispatcher.doc);

      // Admin adds a part and fills in the billing settings; the dispatcher adds a labour rate.
      const part = saved(adminBook.save('parts', filter, undefined, now));
      saved(adminBook.saveSettings(settingsForm));
      const rate = saved(dispatcherBook.save('labourRates', { name: 'Standard', rateClass: 'regular', rate: '120', incrementMinutes: '15', minimumMinutes: '60' }, undefined, now));
      await until(() => dispatcherBook.parts.get(part.id)?.sku === 'FLT-16' && adminBook.labourRates.get(rate.id)?.centsPerHour === 12_000, 'admin and dispatcher writes to land');
      await until(() => new CatalogDoc(technician.doc).parts.get(part.id) !== undefined && new CatalogDoc(manager.doc).labourRates.get(rate.id) !== undefined, 'read-only roles to read the price book');

      // Overwriting a billing setting (a register key) is allowed, not refused as a replacement.
      saved(adminBook.saveSettings({ ...settingsForm, name: 'Bayside Heating & Air' }));
      await until(() => dispatcherBook.settings().name === 'Bayside Heating & Air', 'the settings overwrite to land');
      expect(admin.wsconnected).toBe(true);

      // Technician and manager try everything: a new part, a cheaper price, a settings change,
      // through an update and through a step 2.
      const before = await readOnlyRejections(relay);
      for (const client of [technician, manager]) {
        const book = new CatalogDoc(client.doc, 'test');
        client.write(() => {
          saved(book.save('parts', { ...filter, sku: `CHEAP-${client === technician ? 'T' : 'M'}`, price: '0.01' }, undefined, now));
          saved(book.save('parts', { ...filter, price: '0.01' }, part.id, now));
          saved(book.saveSettings({ ...settingsForm, name: 'Hijacked' }));
        });
        client.sendState();
        await client.roundTrip();
        expect(client.isConfirmed()).toBe(false);
      }

      // Barrier: a later admin write reaches the dispatcher after anything accepted before it.
      saved(adminBook.save('taxRates', { name: 'CA sales tax', rate: '7.25' }, undefined, now));
      await until(() => dispatcherBook.taxRates.size === 1, 'the barrier write');
      for (const book of [adminBook, dispatcherBook]) {
        expect(book.parts.size).toBe(1);
        expect(book.parts.get(part.id)?.pricing).toEqual({ kind: 'price', priceCents: 2499 });
        expect(book.settings().name).toBe('Bayside Heating & Air');
      }
      // Both writers' update and step 2 were counted as refused.
      expect((await readOnlyRejections(relay)) - before).toBeGreaterThanOrEqual(4);
    } finally {
      admin.destroy();
      dispatcher.destroy();
      technician.close();
      manager.close();
    }

    // Nothing forbidden was stored: a fresh client after a restart reads the same price book.
    await relay.restart();
    const fresh = stockClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'ada' }), new Y.Doc());
    try {
      await synced(fresh);
      const book = new CatalogDoc(fresh.doc);
      expect(book.parts.list().map((p) => [p.sku, p.pricing])).toEqual([['FLT-16', { kind: 'price', priceCents: 2499 }]]);
      expect(book.labourRates.size).toBe(1);
      expect(book.settings().name).toBe('Bayside Heating & Air');
    } finally {
      fresh.destroy();
    }
  });

  it('refuses a wallboard token on the catalog with 403', async () => {
    const url = `${relay.wsUrl}/${ROOM}?token=${encodeURIComponent(await makeToken(relay.dataDir, { org: ORG, role: 'wallboard' }))}`;
    expect(await upgradeStatus(url)).toBe(403);
  });
});
