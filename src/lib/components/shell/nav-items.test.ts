import { describe, expect, it } from 'vitest';
import { isActive, NAV_ITEMS, offeredTo, sectionTitle } from './nav-items';

describe('navigation', () => {
  it('offers the eleven sections in order, with four in the phone bar', () => {
    expect(NAV_ITEMS.map((i) => i.label)).toEqual([
      'Board', 'Map', 'Schedule', 'Technician', 'Invoices', 'Payroll', 'Inventory', 'Agreements', 'Customers', 'Reports', 'Settings'
    ]);
    expect(NAV_ITEMS.filter((i) => i.primary)).toHaveLength(4);
  });

  it('offers Payroll to admins and managers only', () => {
    const payroll = NAV_ITEMS.find((i) => i.href === '/payroll')!;
    expect(['admin', 'manager', 'dispatcher', 'technician'].filter((role) => offeredTo(payroll, role, role !== 'technician'))).toEqual(['admin', 'manager']);
    expect(offeredTo(NAV_ITEMS.find((i) => i.href === '/invoices')!, 'dispatcher', true)).toBe(true);
  });

  it('marks a section active on its page and the pages below it, not on look-alike paths', () => {
    const board = NAV_ITEMS[0]!;
    expect(isActive(board, '/board')).toBe(true);
    expect(isActive(board, '/board/J-1')).toBe(true);
    expect(isActive(board, '/boards')).toBe(false);
  });

  it('names pages outside the navigation (the job list and job pages) instead of leaving "Fieldboard"', () => {
    expect(sectionTitle('/jobs')).toBe('Jobs');
    expect(sectionTitle('/jobs/abc')).toBe('Jobs');
    expect(sectionTitle('/jobsite')).toBeNull();
    expect(sectionTitle('/nowhere')).toBeNull();
  });
});
