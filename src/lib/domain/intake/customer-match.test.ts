import { describe, expect, it } from 'vitest';
import type { Customer } from '../directory/directory';
import { duplicateHints, normalizePhone, searchCustomers, similarNames } from './customer-match';

const customer = (id: string, name: string, phone = '', email = ''): Customer => ({
  id, name, contacts: [{ name, phone, email }], notes: '', tags: [], createdAt: '2026-01-01T00:00:00.000Z'
});

const directory = [
  customer('c1', 'Harbor View Apartments', '(415) 555-0102', 'office@harborview.example.com'),
  customer('c2', 'Greenleaf Bakery Inc.', '415-555-0177'),
  customer('c3', 'Lakeside Clinic', '+1 415 555 0190', 'front@lakeside.example.com')
];

describe('searchCustomers', () => {
  it('finds customers by name start, name words, phone digits and e-mail', () => {
    expect(searchCustomers(directory, 'harb').map((c) => c.id)).toEqual(['c1']);
    expect(searchCustomers(directory, 'clinic lake').map((c) => c.id)).toEqual(['c3']);
    expect(searchCustomers(directory, '555-0177').map((c) => c.id)).toEqual(['c2']);
    expect(searchCustomers(directory, 'front@lake').map((c) => c.id)).toEqual(['c3']);
    expect(searchCustomers(directory, 'x')).toEqual([]);
  });
});

describe('duplicateHints', () => {
  it('flags the same phone in another format and a near-identical name', () => {
    expect(normalizePhone('+1 (415) 555-0190')).toBe('4155550190');
    const hints = duplicateHints(directory, { name: 'Lakeside Clinc', phone: '415.555.0190' });
    expect(hints[0]?.customer.id).toBe('c3');
    expect(hints[0]?.reasons).toEqual(['same phone', 'similar name']);
  });

  it('ignores company-form noise and says nothing for a genuinely new caller', () => {
    expect(similarNames('Greenleaf Bakery', 'Greenleaf Bakery Inc.')).toBe(true);
    expect(duplicateHints(directory, { name: 'Mission Dental', phone: '415 555 0000' })).toEqual([]);
  });
});
