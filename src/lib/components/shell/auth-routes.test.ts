import { describe, expect, it } from 'vitest';
import { afterSignIn, homeFor, safeNext, signedOutTarget } from './auth-routes';

const at = (path: string) => new URL(path, 'https://fieldboard.test');

describe('signedOutTarget', () => {
  it('leaves anonymous visitors on the public request form, even on a new server', () => {
    expect(signedOutTarget(at('/request/acme'), 'needed')).toBeNull();
    expect(signedOutTarget(at('/request/acme'), 'done')).toBeNull();
  });

  it('leaves anonymous customers on a quote or invoice link', () => {
    expect(signedOutTarget(at('/q/eyJhbGciOi.x.y'), 'done')).toBeNull();
    expect(signedOutTarget(at('/i/eyJhbGciOi.x.y'), 'needed')).toBeNull();
    expect(signedOutTarget(at('/quotes'), 'done')).toBe('/login?next=%2Fquotes');
  });

  it('sends a signed-out visitor to setup when the server needs it, remembering the page', () => {
    expect(signedOutTarget(at('/schedule'), 'needed')).toBe('/setup?next=%2Fschedule');
    expect(signedOutTarget(at('/login'), 'needed')).toBe('/setup');
    expect(signedOutTarget(at('/setup'), 'needed')).toBeNull();
  });

  it('sends a signed-out visitor to the sign-in page once the server is set up or unknown', () => {
    expect(signedOutTarget(at('/board'), 'done')).toBe('/login');
    expect(signedOutTarget(at('/invoices?x=1'), 'unknown')).toBe('/login?next=%2Finvoices%3Fx%3D1');
    expect(signedOutTarget(at('/setup'), 'done')).toBe('/login');
    expect(signedOutTarget(at('/login?next=%2Fmap'), 'done')).toBeNull();
  });

  it('leaves the setup page alone while it is unknown whether setup is needed (offline)', () => {
    expect(signedOutTarget(at('/setup'), 'unknown')).toBeNull();
  });

  it('keeps the page asked for when moving between the sign-in and setup pages', () => {
    expect(signedOutTarget(at('/login?next=%2Fmap'), 'needed')).toBe('/setup?next=%2Fmap');
  });
});

describe('afterSignIn', () => {
  it('returns to the page that asked for sign-in, or the board', () => {
    expect(afterSignIn(at('/login?next=%2Fschedule'))).toBe('/schedule');
    expect(afterSignIn(at('/login'))).toBe('/board');
  });

  it('never follows a next parameter to another site or back to an auth page', () => {
    expect(safeNext(at('/login?next=%2F%2Fevil.test'))).toBeNull();
    expect(safeNext(at('/login?next=https%3A%2F%2Fevil.test'))).toBeNull();
    expect(safeNext(at('/login?next=%2F%5Cevil.test'))).toBeNull();
    expect(safeNext(at('/login?next=%2Flogin'))).toBeNull();
    expect(safeNext(at('/login?next=%2Fsetup%3Fa%3D1'))).toBeNull();
  });
});

describe('homeFor', () => {
  it('opens a technician on a phone on My day and everyone else on the board', () => {
    expect(homeFor('technician', true)).toBe('/technician');
    expect(homeFor('technician', false)).toBe('/board');
    expect(homeFor('dispatcher', true)).toBe('/board');
    expect(homeFor(undefined, true)).toBe('/board');
    expect(afterSignIn(new URL('http://x/login'), homeFor('technician', true))).toBe('/technician');
  });
});
