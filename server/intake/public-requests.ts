/**
 * `POST /api/public/requests/<org>`: the public service-request form (no sign-in) adds a `new`
 * job to that organisation's board, live for every open board.
 *
 * The job is written through the same typed layer the app uses (`BoardDoc.createJob`), so it
 * is numbered, validated and recorded exactly like a job typed by a dispatcher. The answer is
 * sent only once the change is committed to storage (durable before we say "received").
 * Only an organisation whose board exists (a client has opened and migrated it) accepts
 * requests: random org names cannot create rooms. Requests are rate-limited per client IP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ORG_PATTERN } from '../../src/lib/domain/access/roles';
import { publicRequestSchema, publicRequestToJobInput, type PublicOrgInfo } from '../../src/lib/domain/intake/public-request';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { schemaVersionOf } from '../../src/lib/sync/migrations';
import type { AttemptLimiter } from '../accounts/attempt-limiter';
import { ApiFailure, decodePathParam, readBody, sendJson } from '../http/api/json-io';
import type { ClientIpOf } from '../http/client-ip';
import type { RoomRegistry } from '../relay/room-registry';

/** Jobs from the web form are numbered in their own series (a valid 4-character device code). */
export const WEB_SERIES_DEVICE = 'WEB2';
const PATH = /^\/api\/public\/requests\/([^/]+)$/;
const ORG_INFO_PATH = /^\/api\/public\/orgs\/([^/]+)$/;

export interface PublicRequestDeps {
  rooms: RoomRegistry;
  limiter: AttemptLimiter;
  /** The client's address (TRUST_PROXY-aware): the per-IP limit's key. */
  clientIp: ClientIpOf;
  log: Logger;
  /** The organisation's display name, or null when it was never set up. */
  orgName: (slug: string) => Promise<string | null>;
  /** The organisation's current live board room (board generations, relay/board-compaction.ts); default `<org>/board`. */
  boardRoom?: (org: string) => Promise<string>;
}

export class PublicRequests {
  constructor(private readonly deps: PublicRequestDeps) {}

  #boardRoom(org: string): Promise<string> {
    return this.deps.boardRoom?.(org) ?? Promise.resolve(`${org}/board`);
  }

  /** Handles the request if the path is ours; returns false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const info = ORG_INFO_PATH.exec(pathname);
    if (info) {
      await this.#orgInfo(req, res, info[1] as string);
      return true;
    }
    const match = PATH.exec(pathname);
    if (!match) return false;
    if (req.method !== 'POST') throw new ApiFailure(405, 'method_not_allowed', 'use POST', undefined, { Allow: 'POST' });
    const org = decodePathParam(match[1] as string);
    if (!ORG_PATTERN.test(org)) throw new ApiFailure(404, 'not_found', 'no such organisation');
    const wait = this.deps.limiter.attempt(`public-request:${this.deps.clientIp(req)}`);
    if (wait > 0) {
      throw new ApiFailure(429, 'rate_limited', `too many requests; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
    }
    const request = await readBody(req, publicRequestSchema);
    if (request.website) throw new ApiFailure(400, 'invalid_request', 'the request is invalid', { website: 'Leave this field empty' });

    const room = await this.deps.rooms.acquire(await this.#boardRoom(org));
    try {
      if (schemaVersionOf(room.doc) === 0) throw new ApiFailure(404, 'not_found', 'no such organisation');
      const board = new BoardDoc(room.doc);
      const created = board.createJob({ ...publicRequestToJobInput(request), channel: 'web' }, { id: 'public-form', name: request.name }, WEB_SERIES_DEVICE);
      if (!created.ok) throw new ApiFailure(400, 'invalid_request', 'the request is invalid', created.errors);
      await room.writes.whenDurable();
      this.deps.log.info({ org, job: created.job.number }, 'public request added a job');
      sendJson(res, 201, { jobNumber: created.job.number });
    } finally {
      this.deps.rooms.release(room);
    }
    return true;
  }

  /** The form's heading names the company as it was set up ("Rossi & Sons"), not its slug. */
  async #orgInfo(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    if (req.method !== 'GET') throw new ApiFailure(405, 'method_not_allowed', 'use GET', undefined, { Allow: 'GET' });
    let org: string;
    try {
      org = decodeURIComponent(raw);
    } catch {
      throw new ApiFailure(400, 'invalid_request', 'malformed path');
    }
    if (!ORG_PATTERN.test(org)) throw new ApiFailure(404, 'not_found', 'no such organisation');
    const name = await this.deps.orgName(org);
    // The same organisations the form can send to: set up with accounts, or a board that exists.
    if (name === null && !(await this.#boardExists(org))) throw new ApiFailure(404, 'not_found', 'no such organisation');
    const body: PublicOrgInfo = { org, name };
    sendJson(res, 200, body);
  }

  async #boardExists(org: string): Promise<boolean> {
    const room = await this.deps.rooms.acquire(await this.#boardRoom(org));
    try {
      return schemaVersionOf(room.doc) !== 0;
    } finally {
      this.deps.rooms.release(room);
    }
  }
}
