import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordSchema } from '../../domain/access/api-schemas';
import { ROLES } from '../../domain/access/roles';
import { ROLE_OPTIONS, generatePassword } from './role-labels';

describe('role options', () => {
  it('offers every role once, in the domain order', () => {
    expect(ROLE_OPTIONS.map((o) => o.value)).toEqual([...ROLES]);
  });
});

describe('generatePassword', () => {
  it('makes passwords the server accepts', () => {
    const password = generatePassword();
    expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect(passwordSchema.safeParse(password).success).toBe(true);
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  });

  it('differs between calls', () => {
    expect(generatePassword()).not.toBe(generatePassword());
  });
});
