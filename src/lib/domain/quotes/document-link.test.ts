import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../../../tests/clock';
import { linkClaimsSchema, linkStatus, LINK_TYPE, revokeLinkRequestSchema } from './document-link';

const now = TEST_NOW.getTime();

describe('customer link status and requests', () => {
  it('is active until it expires, and revoked from its revocation on, expired or not', () => {
    expect(linkStatus({ expiresAtMs: now + 1, revokedAtMs: null }, now)).toBe('active');
    expect(linkStatus({ expiresAtMs: now, revokedAtMs: null }, now)).toBe('expired');
    expect(linkStatus({ expiresAtMs: now - 86_400_000, revokedAtMs: now - 2 * 86_400_000 }, now)).toBe('revoked');
    expect(linkStatus({ expiresAtMs: now + 86_400_000, revokedAtMs: now }, now)).toBe('revoked');
  });

  it('accepts claims without a link id (links minted before ids existed) and refuses a malformed one', () => {
    const claims = { typ: LINK_TYPE, kind: 'quote', org: 'bayside', doc: 'q1', iat: 1, exp: 2 };
    expect(linkClaimsSchema.safeParse(claims).success).toBe(true);
    expect(linkClaimsSchema.safeParse({ ...claims, jti: 'Zm9vYmFyYmF6cXV4MTIz' }).success).toBe(true);
    expect(linkClaimsSchema.safeParse({ ...claims, jti: 'short' }).success).toBe(false);
    expect(linkClaimsSchema.safeParse({ ...claims, jti: 'has spaces in it ok?' }).success).toBe(false);
  });

  it('revokes one link by id or every link of a document, never both or neither', () => {
    expect(revokeLinkRequestSchema.safeParse({ linkId: 'Zm9vYmFyYmF6cXV4MTIz' }).success).toBe(true);
    expect(revokeLinkRequestSchema.safeParse({ kind: 'invoice', id: 'i1', all: true }).success).toBe(true);
    expect(revokeLinkRequestSchema.safeParse({ kind: 'invoice', id: 'i1' }).success).toBe(false);
    expect(revokeLinkRequestSchema.safeParse({ linkId: 'Zm9vYmFyYmF6cXV4MTIz', kind: 'quote', id: 'q1', all: true }).success).toBe(false);
    expect(revokeLinkRequestSchema.safeParse({}).success).toBe(false);
  });
});
