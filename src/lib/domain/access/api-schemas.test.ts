import { describe, expect, it } from 'vitest';
import { createUserRequestSchema, setupRequestSchema, updateUserRequestSchema } from './api-schemas';

const setup = { org: 'acme', orgName: 'Acme Heating & Air', adminEmail: 'ada@acme.test', adminName: 'Ada Admin', password: 'correct horse battery' };

describe('names in the account API', () => {
  it('normalises user and organisation names (NFC, trimmed, one space)', () => {
    const parsed = setupRequestSchema.parse({ ...setup, orgName: '  Acme   Heating\u00a0& Air ', adminName: 'Zoe\u0308  Admin' });
    expect(parsed.orgName).toBe('Acme Heating & Air');
    expect(parsed.adminName).toBe('Zo\u00eb Admin');
  });

  it.each([
    ['NUL', 'Ada\u0000Admin'],
    ['a right-to-left override', 'Ada \u202enimdA'],
    ['a pop-directional isolate', 'Ada\u2069'],
    ['a C1 control', 'Ada\u009b']
  ])('refuses %s in user and organisation names, naming the field', (_what, name) => {
    const result = setupRequestSchema.safeParse({ ...setup, orgName: name, adminName: name });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages.orgName).toMatch(/^Organisation name contains an invisible control character/);
    expect(messages.adminName).toMatch(/^Name contains an invisible control character/);
    expect(createUserRequestSchema.safeParse({ email: 'bo@acme.test', name, role: 'technician', password: 'long enough pw' }).success).toBe(false);
    expect(updateUserRequestSchema.safeParse({ name }).success).toBe(false);
  });
});
