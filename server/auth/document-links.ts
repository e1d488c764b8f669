/**
 * Customer links (`/q/<token>`, `/i/<token>`): HS256 JWTs signed with the relay's secret,
 * naming one document of one organisation (claims: src/lib/domain/quotes/document-link.ts).
 * jose signs and verifies; this file names the failures so the public page can say what is
 * wrong with a link (tampered, expired, another kind of link, another organisation).
 */
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

/** Signs a link; `now` in seconds (injectable so tests can mint one that has already expired). */
export async function mintLink(request: LinkRequest, secret: Uint8Array, now = Math.floor(Date.now() / 1000)): Promise<{ token: string; claims: LinkClaims }> {
  const claims = linkClaimsSchema.parse({ typ: LINK_TYPE, kind: request.kind, org: request.org, doc: request.doc, iat: now, exp: now + request.days * DAY_SECONDS });
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  return { token, claims };
}

export type LinkFailure = 'malformed' | 'tampered' | 'expired' | 'wrong-kind' | 'wrong-org';

/** What the customer is told for each failure (the public page shows it as it is). */
export const LINK_FAILURE_TEXT: Record<LinkFailure, string> = {
  malformed: 'This link is incomplete or damaged. Please open the link exactly as you received it.',
  tampered: 'This link is not valid: it was changed after it was sent. Please ask the company for a new link.',
  expired: 'This link has expired. Please ask the company for a new link.',
  'wrong-kind': 'This link is for another kind of document.',
  'wrong-org': 'This link belongs to another organisation.'
};

export type LinkVerification = { ok: true; claims: LinkClaims } | { ok: false; reason: LinkFailure };

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
