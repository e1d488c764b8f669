import { describe, expect, it } from 'vitest';
import { ORG_PATTERN } from '../../domain/access/roles';
import { slugify } from './slug';

describe('slugify', () => {
  it('turns a company name into a valid organisation sign-in name', () => {
    expect(slugify('Acme Heating & Co.')).toBe('acme-heating-co');
    expect(slugify('  Ünïcode Façades  ')).toBe('unicode-facades');
    expect(ORG_PATTERN.test(slugify('Acme Heating & Co.'))).toBe(true);
  });

  it('never ends with a dash after cutting a long name to 63 characters', () => {
    const slug = slugify(`${'a'.repeat(62)} b`);
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('gives an empty name for a name with no letters or digits, which validation then rejects', () => {
    expect(slugify('&&&')).toBe('');
    expect(ORG_PATTERN.test('')).toBe(false);
  });
});
