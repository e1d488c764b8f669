/**
 * Settings › Price book in the browser on the built app and the real relay (issue 10, pricing
 * brief step 5): a dispatcher adds a part (a wrong form names each problem and keeps what was
 * typed), a labour rate and a bundle; a second dispatcher's device shows them live, without reloading;
 * a technician sees the price book read-only, with no way to change it.
 */
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { PriceBookPage } from './pages/price-book-page';

const ORG = 'pricebook-org';
const rig = useBrowserRig({ closeDevices: 'after-each' });

async function device(role: 'dispatcher' | 'technician', sub: string, name: string): Promise<PriceBookPage> {
  const context = await rig.device();
  const book = new PriceBookPage(await context.newPage(), rig.relay.httpUrl);
  await book.signInWithLink(await rig.token({ org: ORG, role, sub, name }));
  return book;
}

describe('Settings › Price book', () => {
  it('a dispatcher adds a part, a labour rate and a bundle, another device sees them live, a technician only reads them', async () => {
    const dana = await device('dispatcher', 'dana', 'Dana Dispatcher');
    const bob = await device('dispatcher', 'bob', 'Bob Office');
    await bob.openTab('Parts');
    await dana.openFromSettings();
    await dana.openTab('Parts');

    // A wrong part form names each problem and keeps what was typed.
    await dana.fillNew('part', { SKU: 'FLT-16', Description: '', Cost: 'eight', Price: '24.99' });
    expect(await dana.submitExpectingErrors()).toEqual({ description: 'Description is required', cost: 'Cost: enter an amount such as 120 or 120.50' });
    expect(await dana.formValue('Cost')).toBe('eight');
    expect(await dana.formValue('SKU')).toBe('FLT-16');

    await dana.add('part', { Description: 'Filter 16×25', Cost: '8.40', Price: '24.99' });
    expect(await dana.row('Filter 16×25').textContent()).toContain('$24.99 per each');
    // Bob's device shows it without a reload.
    await bob.row('Filter 16×25').waitFor({ timeout: 20_000 });
    expect(await bob.row('Filter 16×25').textContent()).toContain('cost $8.40');

    await dana.openTab('Labour rates');
    await dana.add('labour rate', { Name: 'Standard', 'Applies to': 'Regular', 'Rate per hour': '120', 'Billing increment (min)': '15', 'Minimum charge (min)': '60' });
    await bob.openTab('Labour rates');
    await bob.row('Standard').waitFor({ timeout: 20_000 });
    expect(await bob.row('Standard').textContent()).toContain('$120.00 per hour · 15-min increment · minimum 60 min');
    await bob.page.screenshot({ path: screenshotPath('price-book-labour-rates'), fullPage: true });

    // A bundle holds the part at one price (the items editor: add a row, pick, set a quantity).
    await dana.openTab('Bundles');
    await dana.fillNew('bundle', { Code: 'SPRING', Name: 'Spring check', 'Bundle price': '149' });
    await dana.addBundleItem('Part · FLT-16 Filter 16×25', '2');
    await dana.submit();
    await dana.row('Spring check').waitFor({ timeout: 20_000 });
    expect(await dana.row('Spring check').textContent()).toContain('$149.00 for 1 item');

    // A technician looks the prices up but has nothing to change them with.
    const tess = await device('technician', 'tess', 'Tess Tech');
    await tess.readOnlyNote.waitFor({ timeout: 20_000 });
    await tess.openTab('Parts');
    await tess.row('Filter 16×25').waitFor({ timeout: 20_000 });
    expect(await tess.addButton('part').count()).toBe(0);
    expect(await tess.row('Filter 16×25').getByRole('button').count()).toBe(0);
    await tess.openTab('Labour rates');
    await tess.row('Standard').waitFor({ timeout: 20_000 });
    await tess.openTab('Billing settings');
    await expect(tess.page.getByRole('button', { name: 'Save billing settings' }).count()).resolves.toBe(0);
    expect(await tess.page.locator('#billing-name').isDisabled()).toBe(true);
  });
});
