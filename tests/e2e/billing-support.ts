/**
 * Seeds an organisation for the billing browser tests through the real relay: an office in
 * the test zone, the customer "Harbor Bakery" and the billing settings (Bayside HVAC, pay by
 * bank transfer), and waits until a second client receives them (the relay holds them).
 */
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { CatalogDoc } from '../../src/lib/sync/catalog';
import { TEST_TIME_ZONE } from '../clock';
import type { RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from '../integration/support/clients';

export const BILLING_SETTINGS = { name: 'Bayside HVAC', address: '1 Market St\nSan Francisco', taxId: 'EIN 12-3456789', email: '', phone: '', paymentInstructions: 'bank transfer to account 12345678', defaultTermsId: 'on-receipt', overtimeAfterMinutes: '480', quoteValidDays: '30' };

/** Returns the customer's id. */
export async function seedBilling(relay: RelayProcess, org: string): Promise<{ customerId: string }> {
  const token = (sub: string) => makeToken(relay.dataDir, { org, role: 'admin', sub });
  const admin = stockClient(relay.wsUrl, `${org}/board`, await token('ada'));
  const book = stockClient(relay.wsUrl, `${org}/catalog`, await token('ada'));
  await Promise.all([synced(admin), synced(book)]);
  const board = new BoardDoc(admin.doc);
  const office = board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE });
  const customer = board.directory.createCustomer({ name: 'Harbor Bakery' });
  if (!office.ok || !customer.ok) throw new Error('could not seed the board');
  const settings = new CatalogDoc(book.doc).saveSettings(BILLING_SETTINGS);
  if (!settings.ok) throw new Error('could not save the billing settings');
  // Held by the relay once a second client receives them.
  const reader = stockClient(relay.wsUrl, `${org}/board`, await token('reader'));
  const bookReader = stockClient(relay.wsUrl, `${org}/catalog`, await token('reader'));
  await until(() => reader.doc.getMap('customers').size === 1 && reader.doc.getMap('offices').size === 1 && new CatalogDoc(bookReader.doc).settings().name === BILLING_SETTINGS.name, 'the seeded board and settings to reach the relay');
  for (const client of [admin, book, reader, bookReader]) client.destroy();
  return { customerId: customer.value.id };
}
