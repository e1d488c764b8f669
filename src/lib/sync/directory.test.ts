import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Directory } from './directory';

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
