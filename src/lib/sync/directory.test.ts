import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { technicianFormValues } from '../domain/directory/team-forms';
import { Directory } from './directory';

const office = { name: 'North Beach', code: 'SF-N', address: '1 Columbus Ave', timeZone: 'America/Los_Angeles' };

function directory(doc = new Y.Doc()): { doc: Y.Doc; dir: Directory; transactions: () => number } {
  let count = 0;
  doc.on('afterTransaction', () => count++);
  return { doc, dir: new Directory(doc, 'test'), transactions: () => count };
}

function techForm(overrides: Partial<ReturnType<typeof technicianFormValues>> = {}) {
  return { ...technicianFormValues(), name: 'Ben Okafor', ...overrides };
}

describe('Directory team commands', () => {
  it('adds an office in one transaction and edits it in another', () => {
    const { dir, transactions } = directory();
    const added = dir.saveOffice(office);
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    expect(transactions()).toBe(1);
    expect(dir.offices.get(added.value.id)).toEqual({ ...office, id: added.value.id });

    const edited = dir.saveOffice({ ...office, name: 'North Beach & Marina', timeZone: 'America/Denver' }, added.value.id);
    expect(edited.ok).toBe(true);
    expect(transactions()).toBe(2);
    expect(dir.offices.get(added.value.id)).toMatchObject({ name: 'North Beach & Marina', timeZone: 'America/Denver' });
  });

  it('writes nothing and names the fields when an office form is invalid', () => {
    const { dir, transactions } = directory();
    const result = dir.saveOffice({ ...office, name: '', timeZone: 'Atlantis/Central' });
    expect(result).toEqual({ ok: false, errors: { name: 'Name is required', timeZone: 'Choose a time zone such as America/Los_Angeles' } });
    expect(transactions()).toBe(0);
    expect(dir.offices.size).toBe(0);
  });

  it('keeps fields of an office that a newer client added when an older form edits it', () => {
    const { doc, dir } = directory();
    const added = dir.saveOffice(office);
    if (!added.ok) throw new Error('setup');
    (doc.getMap('offices').get(added.value.id) as Y.Map<unknown>).set('phone', '+1 415 555 0100');
    dir.saveOffice({ ...office, code: 'NB' }, added.value.id);
    expect((doc.getMap('offices').get(added.value.id) as Y.Map<unknown>).toJSON()).toMatchObject({ code: 'NB', phone: '+1 415 555 0100' });
  });

  it('reads an office saved before offices had an address, and edits it', () => {
    const { doc, dir } = directory();
    // Written as the previous version did: no `address` key.
    doc.transact(() => {
      const old = new Y.Map<unknown>();
      old.set('name', 'Mission');
      old.set('code', 'SF-M');
      old.set('timeZone', 'America/Los_Angeles');
      doc.getMap('offices').set('office-old', old);
    });
    expect(dir.offices.get('office-old')).toEqual({ id: 'office-old', name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles', address: '' });
    expect(dir.saveOffice({ name: 'Mission', code: 'SF-M', address: '2000 Mission St', timeZone: 'America/Los_Angeles' }, 'office-old').ok).toBe(true);
    expect(dir.offices.get('office-old')?.address).toBe('2000 Mission St');
  });

  it('adds a technician in an office, linked to a user account', () => {
    const { dir, transactions } = directory();
    const nb = dir.saveOffice(office);
    if (!nb.ok) throw new Error('setup');
    const result = dir.saveTechnician(techForm({ officeId: nb.value.id, userId: 'u-ben', skills: 'hvac, gas' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(transactions()).toBe(2);
    expect(dir.technicians.get(result.value.id)).toMatchObject({ name: 'Ben Okafor', officeId: nb.value.id, userId: 'u-ben', skills: ['hvac', 'gas'], active: true });
    expect(dir.technicianOfUser('u-ben')?.id).toBe(result.value.id);
  });

  it('refuses bad hours, an unknown office and an account already linked, writing nothing', () => {
    const { dir } = directory();
    const ben = dir.saveTechnician(techForm({ userId: 'u-ben' }));
    if (!ben.ok) throw new Error('setup');
    const badHours = techForm({ name: 'Cleo' });
    badHours.workingHours.mon = { on: true, start: '18:00', end: '09:00' };
    expect(dir.saveTechnician(badHours)).toEqual({ ok: false, errors: { 'workingHours.mon': 'Monday: the day must end after it starts' } });
    expect(dir.saveTechnician(techForm({ name: 'Cleo', officeId: 'no-such-office' }))).toEqual({ ok: false, errors: { officeId: 'Pick an office on this board' } });
    expect(dir.saveTechnician(techForm({ name: 'Cleo', userId: 'u-ben' }))).toEqual({ ok: false, errors: { userId: 'That account is already linked to Ben Okafor' } });
    expect(dir.technicians.size).toBe(1);
  });

  it('edits a technician (deactivates, changes hours) and keeps its own account link valid', () => {
    const { dir } = directory();
    const ben = dir.saveTechnician(techForm({ userId: 'u-ben' }));
    if (!ben.ok) throw new Error('setup');
    const values = technicianFormValues(ben.value);
    values.workingHours.sat = { on: true, start: '10:00', end: '14:00' };
    const edited = dir.saveTechnician({ ...values, active: false }, ben.value.id);
    expect(edited.ok).toBe(true);
    expect(dir.technicians.get(ben.value.id)).toMatchObject({ active: false, userId: 'u-ben', workingHours: { sat: ['10:00', '14:00'] } });
    expect(dir.saveTechnician(values, 'gone')).toEqual({ ok: false, errors: { _form: 'That technician is no longer on this board.' } });
  });

  it('links an unlinked technician to an account once', () => {
    const { dir } = directory();
    const ana = dir.saveTechnician(techForm({ name: 'Ana' }));
    const ben = dir.saveTechnician(techForm({ name: 'Ben' }));
    if (!ana.ok || !ben.ok) throw new Error('setup');
    expect(dir.linkTechnician(ana.value.id, 'u-ana').ok).toBe(true);
    expect(dir.technicians.get(ana.value.id)?.userId).toBe('u-ana');
    expect(dir.linkTechnician(ben.value.id, 'u-ana')).toEqual({ ok: false, errors: { userId: 'That account is already linked to Ana' } });
    expect(dir.linkTechnician('missing', 'u-x')).toEqual({ ok: false, errors: { _form: 'That technician is no longer on this board.' } });
  });

  it('merges two admins adding technicians offline: both survive', () => {
    const a = directory();
    const b = directory();
    a.dir.saveTechnician(techForm({ name: 'Ana' }));
    b.dir.saveTechnician(techForm({ name: 'Ben' }));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const names = (d: Directory) => d.technicians.list().map((t) => t.name).sort();
    expect(names(a.dir)).toEqual(['Ana', 'Ben']);
    expect(names(b.dir)).toEqual(['Ana', 'Ben']);
  });
});

describe('Directory.createCustomer', () => {
  it('refuses a phone that is not a phone number and control characters in names, storing nothing', () => {
    const directory = new Directory(new Y.Doc(), 'test');
    const result = directory.createCustomer({ name: 'Acme\u0000', contacts: [{ name: 'Bo', phone: 'call me', email: '' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toMatch(/^Customer name contains an invisible control character/);
    expect(result.errors.contacts).toMatch(/^Phone may hold digits/);
    expect(directory.customers.list()).toEqual([]);
  });

  it('stores the normalised name and phone', () => {
    const directory = new Directory(new Y.Doc(), 'test');
    const result = directory.createCustomer({ name: '  Taquería   Angélica ', contacts: [{ name: 'Ana', phone: ' +1 (415) 555-0100 ext. 7 ', email: '' }] });
    expect(result.ok && result.value.name).toBe('Taquería Angélica');
    expect(result.ok && result.value.contacts[0]?.phone).toBe('+1 (415) 555-0100 ext. 7');
    expect(directory.customers.list()).toHaveLength(1);
  });
});

describe('Directory.setSiteLocation', () => {
  function withSite() {
    const { doc, dir, transactions } = directory();
    const customer = dir.createCustomer({ name: 'Harbor Deli' });
    if (!customer.ok) throw new Error('customer');
    const site = dir.createSite({ customerId: customer.value.id, address: '1 Pier 39' });
    if (!site.ok) throw new Error('site');
    return { doc, dir, transactions, siteId: site.value.id };
  }

  it('pins a site without a location in one transaction, keeping its other fields', () => {
    const { dir, transactions, siteId } = withSite();
    const before = transactions();
    const result = dir.setSiteLocation(siteId, { lat: 37.8087, lng: -122.4098 });
    expect(result.ok).toBe(true);
    expect(transactions()).toBe(before + 1);
    expect(dir.sites.get(siteId)).toMatchObject({ address: '1 Pier 39', location: { lat: 37.8087, lng: -122.4098 } });
  });

  it('refuses a point off the globe or an unknown site and writes nothing', () => {
    const { dir, transactions, siteId } = withSite();
    const before = transactions();
    expect(dir.setSiteLocation(siteId, { lat: 91, lng: 0 })).toEqual({ ok: false, errors: { location: expect.stringContaining('latitude') } });
    expect(dir.setSiteLocation(siteId, { lat: Number.NaN, lng: 0 }).ok).toBe(false);
    expect(dir.setSiteLocation('gone', { lat: 37.8, lng: -122.4 })).toEqual({ ok: false, errors: { _form: 'That site is no longer on this board.' } });
    expect(transactions()).toBe(before);
    expect(dir.sites.get(siteId)?.location).toBeNull();
  });

  it('converges on one pin when two dispatchers pin the same site concurrently', () => {
    const a = withSite();
    const b = directory();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.dir.setSiteLocation(a.siteId, { lat: 37.8, lng: -122.41 });
    b.dir.setSiteLocation(a.siteId, { lat: 37.7, lng: -122.45 });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const pinned = a.dir.sites.get(a.siteId)?.location;
    expect(b.dir.sites.get(a.siteId)?.location).toEqual(pinned);
    expect([{ lat: 37.8, lng: -122.41 }, { lat: 37.7, lng: -122.45 }]).toContainEqual(pinned);
  });
});

describe('Directory.saveAsset (asset register)', () => {
  function withAssets() {
    const { doc, dir, transactions } = directory();
    const customer = dir.createCustomer({ name: 'Mission Bakery' });
    if (!customer.ok) throw new Error('customer');
    const site = dir.createSite({ customerId: customer.value.id, address: '2801 Mission St' });
    if (!site.ok) throw new Error('site');
    const old = dir.createAsset({ siteId: site.value.id, type: 'Walk-in cooler', make: 'Kolpak' }, 'old');
    const fresh = dir.createAsset({ siteId: site.value.id, type: 'Walk-in cooler', make: 'Kolpak', model: 'KF9' }, 'new');
    if (!old.ok || !fresh.ok) throw new Error('assets');
    return { doc, dir, transactions };
  }
  const form = { type: 'Walk-in cooler', make: 'Kolpak', model: 'KF7', serial: 'KP-1', installDate: '2021-05-01', warrantyEnd: '2026-04-30', customFields: [{ key: 'Refrigerant', value: 'R-404A' }], status: 'active' };

  it('writes the edit in one transaction, keeping fields a newer client added', () => {
    const { doc, dir, transactions } = withAssets();
    (doc.getMap('assets').get('old') as Y.Map<unknown>).set('futureField', 'kept');
    const before = transactions();
    const saved = dir.saveAsset('old', form);
    expect(saved.ok).toBe(true);
    expect(transactions()).toBe(before + 1);
    expect(dir.assets.get('old')).toMatchObject({ model: 'KF7', warrantyEnd: '2026-04-30', customFields: { Refrigerant: 'R-404A' }, status: 'active', replacedBy: null });
    expect((doc.getMap('assets').get('old') as Y.Map<unknown>).get('futureField')).toBe('kept');
    expect(dir.saveAsset('old', { ...form, status: 'replaced', replacedBy: 'new' }).ok).toBe(true);
    expect(dir.assets.get('old')).toMatchObject({ status: 'replaced', replacedBy: 'new' });
  });

  it('refuses a bad form, an unknown or self replacement, an unknown asset, writing nothing', () => {
    const { dir, transactions } = withAssets();
    const before = transactions();
    expect(dir.saveAsset('old', { ...form, warrantyEnd: '2020-01-01' })).toEqual({ ok: false, errors: { warrantyEnd: 'The warranty cannot end before the install date' } });
    expect(dir.saveAsset('old', { ...form, status: 'replaced', replacedBy: 'old' })).toEqual({ ok: false, errors: { replacedBy: 'Pick another asset on this board as the replacement' } });
    expect(dir.saveAsset('old', { ...form, status: 'replaced', replacedBy: 'ghost' }).ok).toBe(false);
    expect(dir.saveAsset('ghost', form)).toEqual({ ok: false, errors: { _form: 'That asset is no longer on this board.' } });
    expect(transactions()).toBe(before);
    expect(dir.assets.get('old')).toMatchObject({ model: '', status: 'active' });
  });

  it('merges two offices editing different fields of one asset offline', () => {
    const a = withAssets();
    const b = directory();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.dir.saveAsset('old', { ...form, serial: 'KP-1' }).ok).toBe(true);
    const inB = b.dir.assets.get('old')!;
    expect(b.dir.saveAsset('old', { ...inB, customFields: [], warrantyEnd: '2027-01-31', installDate: '', status: 'replaced', replacedBy: 'new' }).ok).toBe(true);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.dir.assets.get('old')).toEqual(b.dir.assets.get('old'));
    expect(a.dir.assets.get('old')).toMatchObject({ serial: 'KP-1', status: 'replaced', replacedBy: 'new' });
  });
});
