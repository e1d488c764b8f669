/**
 * Customer links to quotes and invoices (README "Customer links"; claims and API shapes in
 * src/lib/domain/quotes/document-link.ts):
 * - `POST /api/links` (admin or dispatcher, their own org): mints a signed, expiring link to one
 *   quote or issued invoice of the finance room, recorded in the link register under a random
 *   id (the token's `jti`) before the token is handed out. Listing and revoking: links/link-routes.ts.
 * - `GET /api/public/{quotes|invoices}/<token>` (no account): that document, laid out, and the
 *   organisation's public block; nothing else of the room.
 * - `POST /api/public/quotes/<token>/accept` (name, option, drawn signature PNG) or `/decline`
 *   (reason): the relay writes the answer into the finance room through the typed layer
 *   (`QuoteBook.recordAnswer`) and, on acceptance, a job into the board room (`BoardDoc.createJob`
 *   in the web series, requiring the option's parts) or an activity on the quote's own job (its
 *   required parts raised to the quoted ones); it answers only once both rooms
 *   have committed the change to storage, like the public request form.
 * The signature goes to the blob store (content-addressed, per org; the office reads it like
 * any attachment), so the finance room holds only its hash. Every public request is counted
 * against the per-IP limiter.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { canWrite, type Role } from '../../src/lib/domain/access/roles';
import { documentLayout } from '../../src/lib/domain/billing/document-layout';
import { acceptQuoteRequestSchema, declineQuoteRequestSchema, linkPath, mintLinkRequestSchema, type AnswerResponse, type LinkClaims, type LinkDocument, type LinkKind } from '../../src/lib/domain/quotes/document-link';
import { quoteJobId, quoteJobInput, quoteRequiredParts, withQuotedParts } from '../../src/lib/domain/quotes/quote-job';
import { LINK_AUTHOR } from '../../src/lib/domain/quotes/quote-records';
import { quoteLayout } from '../../src/lib/domain/quotes/quote-layout';
import { answerRefusal, type QuoteView } from '../../src/lib/domain/quotes/quote-status';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { formatCents } from '../../src/lib/domain/receivables/money';
import { orgTimeZone } from '../../src/lib/domain/time/org-time-zone';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { CatalogDoc } from '../../src/lib/sync/catalog';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { schemaVersionOf } from '../../src/lib/sync/migrations';
import type { AttemptLimiter } from '../accounts/attempt-limiter';
import { linkFailureText, mintLink, newLinkId, verifyLink } from '../auth/document-links';
import type { LinkStorage } from '../links/link-store';
import type { BlobStore } from '../blobs/blob-store';
import { ApiFailure, decodePathParam, readBody, sendJson } from '../http/api/json-io';
import type { ClientIpOf } from '../http/client-ip';
import type { Room } from '../relay/room';
import type { RoomRegistry } from '../relay/room-registry';
import { WEB_SERIES_DEVICE } from './public-requests';

const PUBLIC_PATH = /^\/api\/public\/(quotes|invoices)\/([^/]+)(?:\/(accept|decline))?$/;
/** A signature PNG in base64 plus a name: far above the usual 16 KB API body. */
const ANSWER_BODY_BYTES = 160 * 1024;

export interface DocumentLinkDeps {
  rooms: RoomRegistry;
  blobs: BlobStore;
  limiter: AttemptLimiter;
  clientIp: ClientIpOf;
  secret: Uint8Array;
  log: Logger;
  /** The register of minted links (ids, revocations). */
  links: LinkStorage;
  /** The organisation's name from its account, when its billing settings name none. */
  orgName: (slug: string) => Promise<string | null>;
  /** Links' lifetime when the office does not say (days). */
  defaultDays: number;
  /** The relay's clock (tests pin it); real time otherwise. */
  now?: () => Date;
  /** The organisation's current live board room (board generations, relay/board-compaction.ts); default `<org>/board`. */
  boardRoom?: (org: string) => Promise<string>;
}

export class DocumentLinks {
  /** Quotes being answered right now: a second answer racing the first is refused, not a second job. */
  readonly #answering = new Set<string>();

  constructor(private readonly deps: DocumentLinkDeps) {}

  #boardRoom(org: string): Promise<string> {
    return this.deps.boardRoom?.(org) ?? Promise.resolve(`${org}/board`);
  }

  #now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** `POST /api/links`: the caller (already authenticated) mints a link to a document of their org. */
  async mint(req: IncomingMessage, res: ServerResponse, caller: { org: string; sub: string; role: Role; name: string }): Promise<void> {
    if (req.method !== 'POST') throw new ApiFailure(405, 'method_not_allowed', 'use POST', undefined, { Allow: 'POST' });
    if (!canWrite(caller.role, 'finance')) throw new ApiFailure(403, 'forbidden', 'only admins and dispatchers send customer links');
    const body = await readBody(req, mintLinkRequestSchema.extend({ days: mintLinkRequestSchema.shape.days.removeDefault().default(this.deps.defaultDays) }));
    await this.#withRoom(`${caller.org}/finance`, (room) => {
      const finance = new FinanceDoc(room.doc);
      const exists = body.kind === 'quote' ? finance.quotes.quotes.get(body.id) !== undefined : Boolean(finance.receivables().byId.get(body.id)?.issued);
      if (!exists) throw new ApiFailure(404, 'not_found', body.kind === 'quote' ? 'no such quote' : 'no such issued invoice (issue it first)');
    });
    const now = this.#now().getTime();
    const { token, claims } = await mintLink({ org: caller.org, kind: body.kind, doc: body.id, days: body.days, jti: newLinkId() }, this.deps.secret, Math.floor(now / 1000));
    const id = claims.jti as string;
    // Recorded before the token leaves: a link the register does not know is refused.
    await this.deps.links.record({ id, org: caller.org, kind: body.kind, doc: body.id, mintedBy: caller.sub, mintedByName: caller.name, mintedAtMs: now, expiresAtMs: claims.exp * 1000 });
    this.deps.log.info({ org: caller.org, kind: body.kind, doc: body.id, by: caller.sub, link: id }, 'customer link minted');
    sendJson(res, 201, { token, path: linkPath(body.kind, token), expiresAt: new Date(claims.exp * 1000).toISOString() });
  }

  /** Handles `/api/public/{quotes|invoices}/…`; returns false for other paths. */
  async handlePublic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const match = PUBLIC_PATH.exec(pathname);
    if (!match) return false;
    const kind: LinkKind = match[1] === 'quotes' ? 'quote' : 'invoice';
    const action = match[3] as 'accept' | 'decline' | undefined;
    const method = action ? 'POST' : 'GET';
    if (req.method !== method) throw new ApiFailure(405, 'method_not_allowed', `use ${method}`, undefined, { Allow: method });
    if (action && kind !== 'quote') throw new ApiFailure(404, 'not_found', 'only quotes are answered');
    const wait = this.deps.limiter.attempt(`document-link:${this.deps.clientIp(req)}`);
    if (wait > 0) throw new ApiFailure(429, 'rate_limited', `too many requests; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
    const verified = await verifyLink(decodePathParam(match[2] as string), this.deps.secret, { kind }, this.#now());
    if (!verified.ok) throw new ApiFailure(verified.reason === 'expired' ? 410 : 400, 'invalid_link', linkFailureText(verified.reason));
    const claims = verified.claims;
    await this.#refuseRevoked(claims);
    if (!action) {
      sendJson(res, 200, await this.#document(claims));
      return true;
    }
    const key = `${claims.org}/${claims.doc}`;
    if (this.#answering.has(key)) throw new ApiFailure(409, 'already_answered', 'This quote is being answered right now.');
    this.#answering.add(key);
    try {
      sendJson(res, 201, action === 'accept' ? await this.#accept(req, claims) : await this.#decline(req, claims));
    } finally {
      this.#answering.delete(key);
    }
    return true;
  }

  /**
   * A link with an id must be in the register, active and naming the same document. An id the
   * register does not hold (a database restored from a backup older than the link) is refused
   * like a revoked link: the office can mint a new one, a link it cannot see could not be withdrawn.
   */
  async #refuseRevoked(claims: LinkClaims): Promise<void> {
    if (claims.jti === undefined) return;
    const link = await this.deps.links.get(claims.jti);
    if (link && link.revokedAtMs === null && link.org === claims.org && link.kind === claims.kind && link.doc === claims.doc) return;
    this.deps.log.info({ org: claims.org, kind: claims.kind, doc: claims.doc, link: claims.jti, known: link !== null }, 'revoked customer link refused');
    throw new ApiFailure(410, 'link_revoked', linkFailureText('revoked', await this.#companyName(claims.org)));
  }

  /** The name customers know the company by: the billing settings' name, else the organisation's. */
  async #companyName(org: string): Promise<string> {
    const settings = await this.#withRoom(`${org}/catalog`, (room) => new CatalogDoc(room.doc).settings(), true);
    return settings.name.trim() || (await this.deps.orgName(org))?.trim() || 'the company';
  }

  async #document(claims: LinkClaims): Promise<LinkDocument> {
    const settings = await this.#withRoom(`${claims.org}/catalog`, (room) => new CatalogDoc(room.doc).settings(), true);
    const today = await this.#today(claims.org);
    return this.#withRoom(`${claims.org}/finance`, (room) => {
      const finance = new FinanceDoc(room.doc);
      if (claims.kind === 'invoice') {
        const view = finance.receivables().byId.get(claims.doc);
        if (!view?.issued) throw gone();
        const layout = documentLayout(view, settings, view.customerName);
        return { kind: 'invoice', orgName: settings.name, number: layout.number, paymentInstructions: settings.paymentInstructions.trim(), layout };
      }
      const view = finance.quotes.view(claims.doc, today);
      if (!view) throw gone();
      return {
        kind: 'quote',
        orgName: settings.name,
        number: view.record.number,
        state: view.status === 'draft' || view.status === 'sent' ? 'open' : view.status,
        stateText: stateText(view),
        validUntil: view.record.validUntil,
        notes: view.record.notes,
        options: view.record.priced.map((o) => ({ id: o.id, label: o.label, total: formatCents(o.document.totals.totalCents), layout: quoteLayout(view, o.id, settings) }))
      };
    });
  }

  async #accept(req: IncomingMessage, claims: LinkClaims): Promise<AnswerResponse> {
    const body = await readBody(req, acceptQuoteRequestSchema, ANSWER_BODY_BYTES);
    const png = Buffer.from(body.signaturePng, 'base64');
    const sha256 = createHash('sha256').update(png).digest('hex');
    const today = await this.#today(claims.org);
    // Checked before the signature is stored, so a refused answer leaves nothing behind.
    const view = await this.#openQuote(claims, today);
    const option = view.record.priced.find((o) => o.id === body.optionId);
    if (!option) throw new ApiFailure(400, 'invalid_request', 'the request is invalid', { optionId: 'Choose one of the options' });
    const stored = await this.deps.blobs.put(claims.org, sha256, 'image/png', (async function* () {
      yield new Uint8Array(png);
    })());
    if ('refused' in stored) {
      if (stored.refused === 'quota') throw new ApiFailure(503, 'unavailable', 'the signature could not be stored; please call the company');
      throw new ApiFailure(400, 'invalid_request', 'the request is invalid', { signaturePng: 'The signature must be a PNG image' });
    }
    const at = this.#now();
    // The job first (its number goes into the answer); the answer is checked again in its own
    // transaction, and a job is only made when the quote is still open at that moment.
    const job = await this.#withRoom(await this.#boardRoom(claims.org), async (room) => {
      if (schemaVersionOf(room.doc) === 0) throw gone();
      const latest = await this.#openQuote(claims, today);
      const board = new BoardDoc(room.doc);
      const actor = { id: LINK_AUTHOR, name: body.name };
      const input = quoteJobInput(latest, option.id, body.name);
      let made: { id: string; number: string };
      if (latest.record.jobId && board.getJob(latest.record.jobId)) {
        board.recordActivity(latest.record.jobId, 'quote_accepted', { quote: { from: null, to: `${latest.record.number} (${option.label}, ${formatCents(option.document.totals.totalCents)}) accepted by ${body.name}` } }, actor, at);
        const job = board.getJob(latest.record.jobId)!;
        // The quoted parts join what the job already requires (idempotent, so a retried acceptance changes nothing more).
        const parts = board.setRequiredParts(job.id, withQuotedParts(job.requiredParts, quoteRequiredParts(latest, option.id)), actor, at);
        if (!parts.ok) this.deps.log.warn({ org: claims.org, quote: latest.record.number, reason: parts.error }, 'quoted parts not added to the job');
        made = { id: job.id, number: job.number };
      } else if (board.getJob(quoteJobId(latest.record.id))) {
        // An earlier attempt made the job, then stopped (crash, lost connection) before the answer was stored.
        const earlier = board.getJob(quoteJobId(latest.record.id))!;
        made = { id: earlier.id, number: earlier.number };
      } else {
        const created = board.createJob(input, actor, WEB_SERIES_DEVICE, at, quoteJobId(latest.record.id));
        if (!created.ok) throw new ApiFailure(500, 'internal', 'the job could not be created');
        made = { id: created.job.id, number: created.job.number };
      }
      await room.writes.whenDurable();
      return made;
    });
    await this.#answer(claims, today, { kind: 'accepted', at: at.toISOString(), by: LINK_AUTHOR, byName: body.name, optionId: option.id, optionLabel: option.label, totalCents: option.document.totals.totalCents, signerName: body.name, signatureSha256: sha256, jobId: job.id, jobNumber: job.number });
    this.deps.log.info({ org: claims.org, quote: view.record.number, job: job.number }, 'quote accepted through its link');
    return { state: 'accepted', jobNumber: job.number };
  }

  async #decline(req: IncomingMessage, claims: LinkClaims): Promise<AnswerResponse> {
    const body = await readBody(req, declineQuoteRequestSchema);
    const today = await this.#today(claims.org);
    await this.#answer(claims, today, { kind: 'declined', at: this.#now().toISOString(), by: LINK_AUTHOR, ...(body.name ? { byName: body.name } : {}), reason: body.reason, signerName: body.name });
    this.deps.log.info({ org: claims.org, quote: claims.doc }, 'quote declined through its link');
    return { state: 'declined', jobNumber: null };
  }

  /** Writes the answer (refused if it was answered meanwhile) and waits until it is stored. */
  async #answer(claims: LinkClaims, today: string, answer: Parameters<FinanceDoc['quotes']['recordAnswer']>[1]): Promise<void> {
    await this.#withRoom(`${claims.org}/finance`, async (room) => {
      const recorded = new FinanceDoc(room.doc).quotes.recordAnswer(claims.doc, answer, today);
      if (!recorded.ok) throw new ApiFailure(409, 'already_answered', recorded.error);
      await room.writes.whenDurable();
    });
  }

  async #openQuote(claims: LinkClaims, today: string): Promise<QuoteView> {
    return this.#withRoom(`${claims.org}/finance`, (room) => {
      const view = new FinanceDoc(room.doc).quotes.view(claims.doc, today);
      if (!view) throw gone();
      const refused = answerRefusal(view);
      if (refused) throw new ApiFailure(409, 'already_answered', refused);
      return view;
    });
  }

  /** The organisation's day by its offices' zone (the board's), as the office sees it. */
  async #today(org: string): Promise<string> {
    const zone = await this.#withRoom(await this.#boardRoom(org), (room) => orgTimeZone(new BoardDoc(room.doc).directory.offices.list()), true);
    return orgDay(this.#now(), zone);
  }

  /** Runs `use` on a room that exists (a client opened it); an absent room is "not found". */
  async #withRoom<T>(roomId: string, use: (room: Room) => T | Promise<T>, mayBeEmpty = false): Promise<T> {
    const room = await this.deps.rooms.acquire(roomId);
    try {
      if (!mayBeEmpty && schemaVersionOf(room.doc) === 0) throw gone();
      return await use(room);
    } finally {
      this.deps.rooms.release(room);
    }
  }
}

function gone(): ApiFailure {
  return new ApiFailure(404, 'not_found', 'This document is no longer available. Please contact the company.');
}

function stateText(view: QuoteView): string {
  const answer = view.answer;
  if (answer?.kind === 'accepted') return `Accepted by ${answer.signerName} on ${answer.at.slice(0, 10)} (${answer.optionLabel}).`;
  if (answer?.kind === 'declined') return `Declined on ${answer.at.slice(0, 10)}.`;
  if (view.status === 'expired') return `This quote expired on ${view.record.validUntil}. Please ask for a new one.`;
  return `Valid until ${view.record.validUntil}.`;
}
