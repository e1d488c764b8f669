/**
 * The office's customer-link endpoints (server/README.md "Customer links"), all bearer-token
 * authenticated and confined to the caller's organisation:
 * - `POST /api/links`: mint (intake/document-links.ts, handed in as `mint`);
 * - `GET /api/links?kind=quote|invoice&id=<document>`: the document's links, newest first, with
 *   who minted each, when it expires and its status (active / expired / revoked) by the relay's
 *   clock; finance readers (admin, dispatcher, manager);
 * - `POST /api/links/revoke` `{linkId}` or `{kind, id, all: true}`: revokes one link or every
 *   link of the document; admins and dispatchers, like minting. Answers with the document's
 *   links after the change.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { canRead, canWrite, type Role } from '../../src/lib/domain/access/roles';
import { LINK_REVOKE_PATH, LINKS_API_PATH, linkListQuerySchema, linkStatus, revokeLinkRequestSchema, type LinkKind, type LinkSummary } from '../../src/lib/domain/quotes/document-link';
import { fieldErrors } from '../../src/lib/domain/access/api-schemas';
import { ApiFailure, readBody, sendJson } from '../http/api/json-io';
import type { LinkRecord, LinkStorage } from './link-store';

export type LinkCaller = { org: string; sub: string; role: Role; name: string };

export interface LinkRouteDeps {
  links: LinkStorage;
  mint: (req: IncomingMessage, res: ServerResponse, caller: LinkCaller) => Promise<void>;
  log: Logger;
  /** The relay's clock (tests pin it); real time otherwise. */
  now?: () => Date;
}

export function linkRoutes(deps: LinkRouteDeps) {
  const now = () => (deps.now?.() ?? new Date()).getTime();

  async function summaries(org: string, kind: LinkKind, doc: string): Promise<LinkSummary[]> {
    const at = now();
    return (await deps.links.ofDocument(org, kind, doc)).map((link) => summary(link, at));
  }

  async function list(req: IncomingMessage, res: ServerResponse, caller: LinkCaller): Promise<void> {
    if (!canRead(caller.role, 'finance')) throw new ApiFailure(403, 'forbidden', 'only finance readers see customer links');
    const params = new URL(req.url ?? '', 'http://relay').searchParams;
    const query = linkListQuerySchema.safeParse({ kind: params.get('kind'), id: params.get('id') });
    if (!query.success) throw new ApiFailure(400, 'invalid_request', 'the request is invalid', fieldErrors(query.error));
    sendJson(res, 200, { links: await summaries(caller.org, query.data.kind, query.data.id) });
  }

  async function revoke(req: IncomingMessage, res: ServerResponse, caller: LinkCaller): Promise<void> {
    if (!canWrite(caller.role, 'finance')) throw new ApiFailure(403, 'forbidden', 'only admins and dispatchers revoke customer links');
    const body = await readBody(req, revokeLinkRequestSchema);
    const at = now();
    const by = { id: caller.sub, name: caller.name };
    let document: { kind: LinkKind; doc: string };
    let revoked: number;
    if ('linkId' in body) {
      // Another organisation's link is "not found", exactly like an unknown id.
      const before = await deps.links.get(body.linkId);
      if (!before || before.org !== caller.org) throw new ApiFailure(404, 'not_found', 'no such customer link');
      await deps.links.revoke(caller.org, body.linkId, by, at);
      document = { kind: before.kind, doc: before.doc };
      revoked = before.revokedAtMs === null ? 1 : 0;
    } else {
      document = { kind: body.kind, doc: body.id };
      revoked = await deps.links.revokeDocument(caller.org, body.kind, body.id, by, at);
    }
    deps.log.info({ org: caller.org, kind: document.kind, doc: document.doc, by: caller.sub, revoked, ...('linkId' in body ? { link: body.linkId } : { all: true }) }, 'customer links revoked');
    sendJson(res, 200, { revoked, links: await summaries(caller.org, document.kind, document.doc) });
  }

  /** Handles `/api/links` and `/api/links/revoke` for an authenticated caller. */
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, caller: LinkCaller): Promise<void> => {
    const method = req.method ?? 'GET';
    if (pathname === LINKS_API_PATH) {
      if (method === 'POST') return deps.mint(req, res, caller);
      if (method === 'GET') return list(req, res, caller);
      throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed here`, undefined, { Allow: 'GET, POST' });
    }
    if (pathname === LINK_REVOKE_PATH) {
      if (method === 'POST') return revoke(req, res, caller);
      throw new ApiFailure(405, 'method_not_allowed', 'use POST', undefined, { Allow: 'POST' });
    }
    throw new ApiFailure(404, 'not_found', `no API route ${method} ${pathname}`);
  };
}

function summary(link: LinkRecord, nowMs: number): LinkSummary {
  return {
    id: link.id,
    kind: link.kind,
    doc: link.doc,
    mintedAt: new Date(link.mintedAtMs).toISOString(),
    mintedBy: link.mintedBy,
    mintedByName: link.mintedByName,
    expiresAt: new Date(link.expiresAtMs).toISOString(),
    revokedAt: link.revokedAtMs === null ? null : new Date(link.revokedAtMs).toISOString(),
    revokedByName: link.revokedByName,
    status: linkStatus(link, nowMs)
  };
}
