/** Reading access tokens in the browser: claims only, never trusted for more than display and routing. */
import { decodeJwt } from 'jose';
import { tokenClaimsSchema, type TokenClaims } from '../domain/access/token-claims';

/** Reads and validates a token's claims without verifying its signature (the relay does that). */
export function readTokenClaims(token: string, now = Date.now()): { ok: true; claims: TokenClaims } | { ok: false; error: string } {
  const claims = decodeClaims(token);
  if (!claims) return { ok: false, error: 'That is not a Fieldboard access token. Paste the whole token or sign-in link.' };
  if (claims === 'incomplete') return { ok: false, error: 'This token is missing its organisation, role or expiry.' };
  if (claims.exp * 1000 <= now) {
    return { ok: false, error: `This token expired on ${new Date(claims.exp * 1000).toLocaleString()}. Ask an admin for a new one.` };
  }
  return { ok: true, claims };
}

/** The token's claims (expired or not), `incomplete` when they miss what Fieldboard needs, null when not a JWT. */
export function decodeClaims(token: string): TokenClaims | 'incomplete' | null {
  let payload: unknown;
  try {
    payload = decodeJwt(token.trim());
  } catch {
    return null;
  }
  const parsed = tokenClaimsSchema.safeParse(payload);
  return parsed.success ? parsed.data : 'incomplete';
}

/** `navigator.onLine`, true where there is no navigator (tests, Node). */
export function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}
