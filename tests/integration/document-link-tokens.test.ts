/**
 * Customer link tokens (server/auth/document-links.ts): a link verifies only for its own kind
 * and organisation, within its lifetime, with the relay's key; a changed byte, another key,
 * an access token or `alg: none` is refused with the reason the public page shows.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildClaims, signToken, verifyToken } from '../../server/auth/tokens';
import { mintLink, verifyLink } from '../../server/auth/document-links';
import { TEST_NOW } from '../clock';

const key = new TextEncoder().encode(randomBytes(32).toString('base64url'));
const now = Math.floor(TEST_NOW.getTime() / 1000);
const at = (seconds: number) => new Date(seconds * 1000);
const link = (over: Partial<{ org: string; kind: 'quote' | 'invoice'; doc: string; days: number }> = {}) => mintLink({ org: 'bayside', kind: 'quote', doc: 'q1', days: 30, ...over }, key, now);

describe('customer link tokens', () => {
  it('verifies its own kind and organisation until it expires (fixed clock)', async () => {
    const { token, claims } = await link();
    expect(claims).toMatchObject({ org: 'bayside', kind: 'quote', doc: 'q1', exp: now + 30 * 86_400 });
    expect(await verifyLink(token, key, { kind: 'quote', org: 'bayside' }, at(now + 60))).toEqual({ ok: true, claims });
    expect(await verifyLink(token, key, { kind: 'quote' }, at(now + 30 * 86_400 - 1))).toMatchObject({ ok: true });
    expect(await verifyLink(token, key, { kind: 'quote' }, at(now + 30 * 86_400 + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses the wrong kind and the wrong organisation', async () => {
    const { token } = await link({ kind: 'invoice' });
    expect(await verifyLink(token, key, { kind: 'quote' }, at(now))).toEqual({ ok: false, reason: 'wrong-kind' });
    expect(await verifyLink(token, key, { kind: 'invoice', org: 'rossi' }, at(now))).toEqual({ ok: false, reason: 'wrong-org' });
  });

  it('refuses a tampered payload, another key, alg none and garbage', async () => {
    const { token } = await link();
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const changed = [head, Buffer.from(JSON.stringify({ ...claims, doc: 'q2' })).toString('base64url'), signature].join('.');
    expect(await verifyLink(changed, key, { kind: 'quote' }, at(now))).toEqual({ ok: false, reason: 'tampered' });
    const otherKey = new TextEncoder().encode(randomBytes(32).toString('base64url'));
    expect(await verifyLink(token, otherKey, { kind: 'quote' }, at(now))).toEqual({ ok: false, reason: 'tampered' });
    const none = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), payload, ''].join('.');
    expect((await verifyLink(none, key, { kind: 'quote' }, at(now))).ok).toBe(false);
    expect(await verifyLink('abc', key, { kind: 'quote' }, at(now))).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyLink('', key, { kind: 'quote' }, at(now))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is never an access token, and an access token is never a link', async () => {
    const { token } = await link();
    expect((await verifyToken(token, key)).ok).toBe(false);
    const access = await signToken(buildClaims({ org: 'bayside', role: 'admin', sub: 'ada' }), key);
    expect(await verifyLink(access, key, { kind: 'quote' })).toEqual({ ok: false, reason: 'wrong-kind' });
  });
});
