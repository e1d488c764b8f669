/**
 * Customer links (`/q/<token>` for a quote, `/i/<token>` for an invoice): the claims of the
 * signed token and the public API's requests and answers, shared by the relay (which mints,
 * verifies and answers) and the public pages (which read the answers). Validated with zod on
 * both sides.
 *
 * A link token is a JWT signed with the relay's secret (server/auth/document-links.ts) whose
 * `typ` claim is LINK_TYPE: it names one document of one organisation and nothing else, so it
 * can never pass as an access token (no role, no subject) and an access token never passes as
 * a link (no `typ`, no `doc`).
 */
import { z } from 'zod';
import { ORG_PATTERN } from '../access/roles';
import type { DocumentLayout } from '../billing/document-layout';

export const LINK_TYPE = 'fieldboard-document-link';
export const LINK_KINDS = ['quote', 'invoice'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** How long a link works unless the office asks otherwise. */
export const DEFAULT_LINK_DAYS = 30;
export const MAX_LINK_DAYS = 365;

/** A link id: 128 random bits, base64url. */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const linkClaimsSchema = z.object({
  typ: z.literal(LINK_TYPE),
  kind: z.enum(LINK_KINDS),
  org: z.string().regex(ORG_PATTERN),
  /** The quote's or invoice's id in the org's finance room. */
  doc: z.string().min(1).max(200),
  iat: z.number().int(),
  exp: z.number().int(),
  /**
   * The link's id, recorded by the relay so the office can list and revoke it. Links minted
   * before revocation existed have none: they stay valid until they expire.
   */
  jti: z.string().regex(LINK_ID_PATTERN).optional()
});
export type LinkClaims = z.infer<typeof linkClaimsSchema>;

/** The app path a customer opens. */
export function linkPath(kind: LinkKind, token: string): string {
  return `${kind === 'quote' ? '/q' : '/i'}/${encodeURIComponent(token)}`;
}

/** `POST /api/links` (admin or dispatcher): mint a link to one document of the caller's org. */
export const LINKS_API_PATH = '/api/links';
export const mintLinkRequestSchema = z.object({
  kind: z.enum(LINK_KINDS),
  id: z.string().min(1).max(200),
  days: z.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS)
});
export type MintLinkRequest = z.input<typeof mintLinkRequestSchema>;
export const mintLinkResponseSchema = z.object({ token: z.string().min(1), path: z.string().min(1), expiresAt: z.iso.datetime() });

/**
 * The office's view of a document's links (`GET /api/links?kind=&id=`, finance readers) and
 * revocation (`POST /api/links/revoke`, admins and dispatchers): one link by its id, or every
 * link of one document. Status is judged by the relay's clock.
 */
export const LINK_STATUSES = ['active', 'expired', 'revoked'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const LINK_REVOKE_PATH = `${LINKS_API_PATH}/revoke`;
export const linkListQuerySchema = z.object({ kind: z.enum(LINK_KINDS), id: z.string().min(1).max(200) });
export const revokeLinkRequestSchema = z.union([
  z.object({ linkId: z.string().regex(LINK_ID_PATTERN) }).strict(),
  z.object({ kind: z.enum(LINK_KINDS), id: z.string().min(1).max(200), all: z.literal(true) }).strict()
]);
export type RevokeLinkRequest = z.infer<typeof revokeLinkRequestSchema>;
export const linkSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(LINK_KINDS),
  doc: z.string(),
  mintedAt: z.iso.datetime(),
  /** The minting user's id and name (the id when the account is unknown, e.g. an operator token). */
  mintedBy: z.string(),
  mintedByName: z.string(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedByName: z.string().nullable(),
  status: z.enum(LINK_STATUSES)
});
export type LinkSummary = z.infer<typeof linkSummarySchema>;
export const linkListResponseSchema = z.object({ links: z.array(linkSummarySchema) });
export const revokeLinkResponseSchema = z.object({ revoked: z.number().int().nonnegative(), links: z.array(linkSummarySchema) });

/** A recorded link's status at `nowMs`: a revoked link stays revoked after it would have expired. */
export function linkStatus(link: { expiresAtMs: number; revokedAtMs: number | null }, nowMs: number): LinkStatus {
  if (link.revokedAtMs !== null) return 'revoked';
  return nowMs >= link.expiresAtMs ? 'expired' : 'active';
}

/** The public API of a link: `GET` the document, `POST …/accept` or `…/decline` (quotes). */
export function publicLinkPath(kind: LinkKind, token: string, action: '' | 'accept' | 'decline' = ''): string {
  return `/api/public/${kind === 'quote' ? 'quotes' : 'invoices'}/${encodeURIComponent(token)}${action ? `/${action}` : ''}`;
}

/** A drawn signature as base64 PNG; PNGs of a 600×200 pad are a few kilobytes. */
export const MAX_SIGNATURE_BYTES = 96 * 1024;
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the signature is not base64').max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 4, 'the signature is too large');

export const acceptQuoteRequestSchema = z.object({
  name: z.string().trim().min(1, 'Type your name').max(200),
  optionId: z.string().min(1, 'Choose an option').max(60),
  signaturePng: base64
});
export type AcceptQuoteRequest = z.infer<typeof acceptQuoteRequestSchema>;
export const declineQuoteRequestSchema = z.object({
  name: z.string().trim().max(200).default(''),
  reason: z.string().trim().min(1, 'Tell us why, so we can do better').max(1000)
});
export type DeclineQuoteRequest = z.input<typeof declineQuoteRequestSchema>;

const layoutLineSchema = z.object({ description: z.string(), explanation: z.string(), quantity: z.string(), unitPrice: z.string(), amount: z.string() });
const pairs = z.array(z.tuple([z.string(), z.string()]));
export const documentLayoutSchema = z.object({
  title: z.string(),
  number: z.string(),
  status: z.string(),
  organisation: z.array(z.string()),
  customer: z.array(z.string()),
  customerLabel: z.string().optional(),
  meta: pairs,
  lines: z.array(layoutLineSchema),
  totals: pairs,
  total: z.string(),
  balance: z.string().nullable(),
  payBy: z.string().nullable(),
  fileName: z.string()
}) satisfies z.ZodType<DocumentLayout>;

export const LINK_QUOTE_STATES = ['open', 'accepted', 'declined', 'expired'] as const;

/** What a valid link shows: only that document, laid out, and the organisation's public name. */
export const linkDocumentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quote'),
    orgName: z.string(),
    number: z.string(),
    state: z.enum(LINK_QUOTE_STATES),
    /** What the state means to the customer ("Accepted by Ann Lee on 2026-06-10 (Better)"). */
    stateText: z.string(),
    validUntil: z.string(),
    notes: z.string(),
    options: z.array(z.object({ id: z.string(), label: z.string(), total: z.string(), layout: documentLayoutSchema }))
  }),
  z.object({
    kind: z.literal('invoice'),
    orgName: z.string(),
    number: z.string(),
    /** Payment instructions from the billing settings ('' when none are set). */
    paymentInstructions: z.string(),
    layout: documentLayoutSchema
  })
]);
export type LinkDocument = z.infer<typeof linkDocumentSchema>;

export const answerResponseSchema = z.object({ state: z.enum(['accepted', 'declined']), jobNumber: z.string().nullable() });
export type AnswerResponse = z.infer<typeof answerResponseSchema>;
