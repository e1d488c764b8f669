/**
 * Customer links (`/q/<token>`, `/i/<token>`): HS256 JWTs signed with the relay's secret,
 * naming one document of one organisation (claims: src/lib/domain/quotes/document-link.ts).
 * jose signs and verifies; this file names the failures so the public page can say what is
 * wrong with a link (tampered, expired, another kind of link, another organisation, withdrawn
 * by the office). Whether a link was revoked is the link register's business
 * (links/link-store.ts); this file only names that failure.
 */
import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { linkClaimsSchema, LINK_TYPE, type LinkClaims, type LinkKind } from '../../src/lib/domain/quotes/document-link';

const MAX_TOKEN_CHARS = 2048;
const DAY_SECONDS = 86_400;

export interface LinkRequest {
  org: string;
  kind: LinkKind;
  /** The quote's or invoice's id. */
  doc: string;
  days: number;
}

/** A fresh link id: 128 random bits, so ids cannot be guessed or collide. */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Signs a link; `now` in seconds (injectable so tests can mint one that has already expired).
 * `jti` is the id the relay records it under; without one (tests of links minted before
 * revocation existed) the link can only expire.
 */
export async function mintLink(request: LinkRequest & { jti?: string }, secret: Uint8Array, now = Math.floor(Date.now() / 1000)): Promise<{ token: string; claims: LinkClaims }> {
  const claims = linkClaimsSchema.parse({ typ: LINK_TYPE, kind: request.kind, org: request.org, doc: request.doc, iat: now, exp: now + request.days * DAY_SECONDS, ...(request.jti ? { jti: request.jti } : {}) });
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  return { token, claims };
}

export type LinkFailure = 'malformed' | 'tampered' | 'expired' | 'wrong-kind' | 'wrong-org' | 'revoked';

/** What the customer is told for each failure (the public page shows it as it is). */
export function linkFailureText(reason: LinkFailure, company = 'the company'): string {
  return reason === 'revoked' ? `This link was withdrawn by ${company}. Please ask them for a new one.` : LINK_FAILURE_TEXT[reason];
}

const LINK_FAILURE_TEXT: Record<Exclude<LinkFailure, 'revoked'>, string> = {
  malformed: 'This link is incomplete or damaged. Please open the link exactly as you received it.',
  tampered: 'This link is not valid: it was changed after it was sent. Please ask the company for a new link.',
  expired: 'This link has expired. Please ask the company for a new link.',
  'wrong-kind': 'This link is for another kind of document.',
  'wrong-org': 'This link belongs to another organisation.'
};

export type LinkVerification = { ok: true; claims: LinkClaims } | { ok: false; reason: Exclude<LinkFailure, 'revoked'> };

/**
 * Verifies signature (HS256 only), expiry and claims, and that the link is of `expect.kind`
 * (and of `expect.org` when given). Never throws.
 */
export async function verifyLink(token: string, secret: Uint8Array, expect: { kind: LinkKind; org?: string }, now?: Date): Promise<LinkVerification> {
  if (!token || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'malformed' };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], ...(now ? { currentDate: now } : {}) }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'tampered' };
    return { ok: false, reason: 'malformed' };
  }
  const claims = linkClaimsSchema.safeParse(payload);
  // Signed by us but not a link (an access token): not something a customer should hold.
  if (!claims.success) return { ok: false, reason: 'wrong-kind' };
  if (claims.data.kind !== expect.kind) return { ok: false, reason: 'wrong-kind' };
  if (expect.org !== undefined && claims.data.org !== expect.org) return { ok: false, reason: 'wrong-org' };
  return { ok: true, claims: claims.data };
}
