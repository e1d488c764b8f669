import { describe, expect, it } from 'vitest';
import { parseStoredSession, serializeSession } from './session-storage';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const USER = { id: 'usr_1', org: 'acme', email: 'ana@acme.test', name: 'Ana', role: 'admin' as const, disabled: false, createdAt: '2026-01-01T00:00:00Z' };

describe('stored session', () => {
  it('round-trips tokens and the user', () => {
    const session = { accessToken: JWT, refreshToken: 'r1', user: USER };
    expect(parseStoredSession(serializeSession(session))).toEqual(session);
  });

  it('still reads the bare token stored by the token-only sign-in of earlier versions', () => {
    expect(parseStoredSession(JWT)).toEqual({ accessToken: JWT });
  });

  it('ignores anything else instead of trusting it', () => {
    expect(parseStoredSession(null)).toBeNull();
    expect(parseStoredSession('{not json')).toBeNull();
    expect(parseStoredSession(JSON.stringify({ v: 2, accessToken: '' }))).toBeNull();
    expect(parseStoredSession(JSON.stringify({ v: 2, accessToken: JWT, user: { id: 1 } }))).toBeNull();
    expect(parseStoredSession('hello world')).toBeNull();
  });
});
