/**
 * Tokens for tests, signed exactly like `npm run token`: with the secret of the relay's data
 * dir (created there if the relay has not started yet; the relay then reuses it).
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/lib/domain/access/roles';
import { buildClaims, loadSecret, signToken } from '../../server/auth/tokens';

export interface TestTokenRequest {
  org: string;
  role: Role;
  sub?: string;
  name?: string;
  ttlSeconds?: number;
}

function claimsOf(request: TestTokenRequest, now?: number) {
  return buildClaims(
    {
      org: request.org,
      role: request.role,
      sub: request.sub ?? 'test-user',
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.ttlSeconds !== undefined ? { ttlSeconds: request.ttlSeconds } : {})
    },
    now
  );
}

/** A valid token for the relay using `dataDir`. */
export async function makeToken(dataDir: string, request: TestTokenRequest): Promise<string> {
  return signToken(claimsOf(request), loadSecret(dataDir).key);
}

/** Correctly signed, but it expired an hour ago. */
export async function makeExpiredToken(dataDir: string, request: TestTokenRequest): Promise<string> {
  const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
  return signToken(claimsOf({ ...request, ttlSeconds: 3600 }, twoHoursAgo), loadSecret(dataDir).key);
}

/** Well-formed and unexpired, but signed with a secret the relay does not know. */
export async function makeForgedToken(request: TestTokenRequest): Promise<string> {
  return signToken(claimsOf(request), new TextEncoder().encode(randomBytes(32).toString('base64url')));
}

/** A customer link signed with the relay's secret; `nowSeconds` in the past mints one that has already expired. */
export async function makeLink(dataDir: string, request: { org: string; kind: 'quote' | 'invoice'; doc: string; days?: number }, nowSeconds?: number): Promise<string> {
  const { mintLink } = await import('../../server/auth/document-links');
  return (await mintLink({ days: 30, ...request }, loadSecret(dataDir).key, nowSeconds)).token;
}
