import { describe, expect, it } from 'vitest';
import type { Part } from '../catalog/catalog';
import { catalogPartFor, partUseInputSchema, splitSerials } from './field-records';

const part = (id: string, sku: string, description: string, fields: Partial<Part> = {}) => ({ id, sku, description, barcode: null, archived: false, ...fields }) as Part;

describe('catalogPartFor', () => {
  const parts = [part('p1', 'FM-220', 'Condenser fan motor', { barcode: '0123456789' }), part('p2', 'OLD-1', 'Retired valve', { archived: true }), part('p3', 'CAP-45', 'Run capacitor 45 µF')];
  it('finds an active part by SKU or barcode in any case, else by exact description', () => {
    expect(catalogPartFor(parts, { sku: 'fm-220' })?.id).toBe('p1');
    expect(catalogPartFor(parts, { sku: '0123456789' })?.id).toBe('p1');
    expect(catalogPartFor(parts, { sku: '', description: 'run capacitor 45 µF' })?.id).toBe('p3');
  });
  it('treats retired parts and anything else as free text', () => {
    expect(catalogPartFor(parts, { sku: 'OLD-1' })).toBeUndefined();
    expect(catalogPartFor(parts, { sku: 'XYZ', description: 'Copper pipe' })).toBeUndefined();
  });
});

describe('part use input', () => {
  it('splits serials by line or comma and needs one per unit', () => {
    expect(splitSerials(' SN-1, SN-2\nSN-3 ;')).toEqual(['SN-1', 'SN-2', 'SN-3']);
    expect(partUseInputSchema.safeParse({ description: 'Valve', quantity: 2, serials: ['a', 'b'] }).success).toBe(true);
    expect(partUseInputSchema.safeParse({ description: 'Valve', quantity: 2, serials: ['a'] }).success).toBe(false);
    expect(partUseInputSchema.safeParse({ description: 'Pipe', quantity: '1.2345' }).success).toBe(false);
    expect(partUseInputSchema.safeParse({ description: 'Pipe', quantity: 0 }).success).toBe(false);
  });
});
