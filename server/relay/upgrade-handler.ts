/**
 * The websocket upgrade for `/sync/<org>/<doc>?token=...` (DESIGN §4). Every check runs
 * before the handshake completes, so an unauthenticated peer never gets a socket and
 * nothing is buffered for it (hocuspocus GHSA-xwhh-v746-pj9m): refusals are plain HTTP
 * responses (400 bad room, 401 token, 403 org/role, 503 unavailable) and the socket is
 * destroyed. The room is loaded before the handshake too, so frames never wait for it.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { generationOf } from '../../src/lib/domain/rooms/board-generation';
import { archiveMonthInRange, FIRST_ARCHIVE_MONTH, isArchiveDoc, roomAccess } from '../../src/lib/domain/access/roles';
import { CloseCode, parseRoomName, SYNC_PATH } from '../../src/lib/sync/protocol';
import type { AccountService } from '../accounts/account-service';
import type { RecordFields } from '../../src/lib/domain/archive/record-fields';
import type { ConnectionLimits } from '../config';
import { verifyToken } from '../auth/tokens';
import type { RejectReason, RelayMetrics } from '../metrics';
import { ArchiveForwarding } from './archive-forwarding';
import { Connection } from './connection';
import type { Room } from './room';
import { RoomsFull, type RoomRegistry } from './room-registry';
import type { StorageUsage } from './storage-usage';

export interface UpgradeHandlerDeps {
  registry: RoomRegistry;
  /** Whether a token's user still exists and is enabled, and its current role. */
  accounts: Pick<AccountService, 'principal'>;
  secret: Uint8Array;
  metrics: RelayMetrics;
  log: Logger;
  maxMessageBytes: number;
  pingIntervalMs: number;
  limits: ConnectionLimits;
  /** Lower-cased origins allowed to open sockets; empty = same host as the request. */
  allowedOrigins: readonly string[];
  maxPendingUpgrades: number;
  /** Which rooms exist (a read-only role cannot bring a new archive into being) and the quotas. */
  usage?: StorageUsage;
  /** The organisation's current board generation (relay/board-compaction.ts): later ones do not exist yet. */
  boardGeneration?: (org: string) => Promise<number>;
  /** The relay clock, for the range of archive months (tests may fix it). */
  now?: () => Date;
}

export class UpgradeHandler {
  readonly #wss: WebSocketServer;
  /** Late edits of archived records go on to their archive month (archive-forwarding.ts). */
  readonly #archiveForwarding: ArchiveForwarding;
  readonly #connections = new Set<Connection>();
  #closing = false;
  /** Upgrades between the request and the handshake (auth, room load): bounded. */
  #pending = 0;

  constructor(private readonly deps: UpgradeHandlerDeps) {
    // maxPayload: ws closes oversized frames with 1009 before buffering them whole.
    // No permessage-deflate: a zlib context per socket costs memory and CPU (and has a
    // history of memory fragmentation in Node), while Yjs updates are already compact.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes, perMessageDeflate: false });
    this.#archiveForwarding = new ArchiveForwarding({ rooms: deps.registry, log: deps.log });
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** The http server's 'upgrade' listener. Never throws. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A peer resetting mid-handshake must not become an uncaught 'error'.
    socket.on('error', (error) => this.deps.log.debug({ err: error.message }, 'upgrade socket error'));
    if (this.#pending >= this.deps.maxPendingUpgrades) {
      this.deps.metrics.reject('upgrade-busy');
      this.deps.log.warn({ pending: this.#pending }, 'upgrade refused: too many upgrades in progress');
      reject(socket, 503, { error: 'busy' });
      return;
    }
    this.#pending++;
    this.#upgrade(req, socket, head)
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'upgrade failed');
        reject(socket, 500, { error: 'internal' });
      })
      .finally(() => this.#pending--);
  }

  /**
   * Closes a user's open sockets (4401) after their account changed (disabled, new role,
   * new password). Their client reconnects, and the upgrade then decides with fresh data.
   */
  disconnectUser(org: string, userId: string, reason: string): number {
    let closed = 0;
    for (const connection of this.#connections) {
      if (connection.claims.org !== org || connection.claims.sub !== userId) continue;
      connection.close(CloseCode.unauthorized, reason);
      closed++;
    }
    if (closed > 0) this.deps.log.info({ org, user: userId, closed, reason }, 'closed a changed account’s connections');
    return closed;
  }

  /** Shutdown step 1: refuse new upgrades and stop applying frames on open sockets. */
  stopIntake(): void {
    this.#closing = true;
    for (const connection of this.#connections) connection.stopIntake();
  }

  /** Shutdown step 2 (after the final flush): close every socket with 1001. */
  async closeAll(code: number, reason: string, timeoutMs: number): Promise<void> {
    const closing = [...this.#connections].map((connection) => {
      connection.close(code, reason);
      return connection.closed(timeoutMs);
    });
    await Promise.all(closing);
    this.#wss.close();
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuse = (status: number, reason: RejectReason, body: Record<string, string>) => {
      this.deps.metrics.reject(reason);
      this.deps.log.info({ status, path: url.pathname, remote: req.socket.remoteAddress, ...body }, 'upgrade refused');
      reject(socket, status, body);
    };
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    if (this.#closing) return refuse(503, 'upgrade-unavailable', { error: 'shutting-down' });
    if (!originAllowed(req, this.deps.allowedOrigins)) {
      return refuse(403, 'upgrade-origin', { error: 'forbidden', reason: 'origin', origin: String(req.headers.origin) });
    }
    if (!url.pathname.startsWith(`${SYNC_PATH}/`)) return refuse(404, 'upgrade-not-found', { error: 'not-found' });
    const name = parseRoomName(url.pathname.slice(SYNC_PATH.length + 1));
    if (!name) return refuse(400, 'upgrade-bad-room', { error: 'bad-room', expected: '/sync/<org>/<doc>' });
    if (!archiveMonthInRange(name.doc, (this.deps.now ?? (() => new Date()))())) {
      return refuse(400, 'upgrade-bad-room', { error: 'bad-room', reason: 'archive-month', expected: `archive-YYYY-MM from ${FIRST_ARCHIVE_MONTH} to next month` });
    }

    const verified = await verifyToken(url.searchParams.get('token'), this.deps.secret);
    if (!verified.ok) return refuse(401, 'upgrade-unauthorized', { error: 'unauthorized', reason: verified.reason });
    const principal = await this.deps.accounts.principal(verified.claims);
    if (!principal.ok) return refuse(401, 'upgrade-unauthorized', { error: 'unauthorized', reason: principal.reason });
    const claims = { ...verified.claims, role: principal.role };
    if (claims.org !== name.org) return refuse(403, 'upgrade-forbidden', { error: 'forbidden', reason: 'other-org' });
    const access = roomAccess(claims.role, name.doc);
    if (access === 'none') return refuse(403, 'upgrade-forbidden', { error: 'forbidden', reason: 'role' });
    // Archives are made by the archiving roles; others may only open one that exists.
    if (access !== 'rw' && isArchiveDoc(name.doc) && this.deps.usage && !this.deps.usage.exists(name.id)) {
      return refuse(404, 'upgrade-no-such-room', { error: 'no-such-room', room: name.id });
    }
    // Board generations are made by the relay; nobody may open one it has not made yet.
    const generation = generationOf(name.doc);
    if (generation !== null && generation > 1 && this.deps.boardGeneration && generation > (await this.deps.boardGeneration(name.org))) {
      return refuse(404, 'upgrade-no-such-room', { error: 'no-such-room', room: name.id });
    }
    if (socket.destroyed) return;

    let room: Room;
    try {
      room = await this.deps.registry.acquire(name.id);
    } catch (error) {
      if (error instanceof RoomsFull) return refuse(503, 'upgrade-rooms-full', { error: 'rooms-full' });
      this.deps.log.error({ err: error, room: name.id }, 'room failed to load; refusing it');
      return refuse(503, 'upgrade-unavailable', { error: 'room-unavailable', room: name.id });
    }
    if (socket.destroyed || this.#closing || room.closed) {
      this.deps.registry.release(room);
      if (!socket.destroyed) reject(socket, 503, { error: 'room-unavailable' });
      return;
    }
    // ws answers a malformed handshake itself without calling back; release the hold then.
    let handedOver = false;
    socket.once('close', () => {
      if (!handedOver) this.deps.registry.release(room);
    });
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      handedOver = true;
      const connection = new Connection(ws, room, claims, access, {
        metrics: this.deps.metrics,
        log: this.deps.log,
        pingIntervalMs: this.deps.pingIntervalMs,
        limits: this.deps.limits,
        maxMessageBytes: this.deps.maxMessageBytes,
        usage: this.deps.usage,
        archived: (roomId, collection, key) => archiveHolds(this.deps.registry.loaded(roomId), collection, key),
        archiveApplied: (org, notes) => this.#archiveForwarding.applied(org, notes),
        onClose: (closed) => {
          this.#connections.delete(closed);
          this.deps.registry.release(room);
        }
      });
      this.#connections.add(connection);
      if (this.#closing) connection.stopIntake();
      connection.start();
    });
  }
}

/**
 * The fields of `collection/key` as a loaded archive room holds them committed, or null when
 * it does not hold the record, or holds a field not yet stored (a copy of a newer edit still
 * on its way: the removal must wait for it). Only a loaded room is asked (no storage read
 * inside the synchronous guard): the archiving client keeps its archive month open until its
 * removal from the live board is confirmed, so the month it just copied into is loaded;
 * anything else is "not archived" and the removal is refused.
 */
export function archiveHolds(room: Room | undefined, collection: string, key: string): RecordFields | null {
  if (!room || room.closed) return null;
  const entries = room.doc.share.get(collection) as Y.AbstractType<unknown> | undefined;
  const item = entries?._map.get(key);
  if (item === undefined || item.deleted || !room.writes.holdsDurably(item.id.client, item.id.clock)) return null;
  const entity = item.content instanceof Y.ContentType ? item.content.type : null;
  if (!(entity instanceof Y.Map)) return null;
  for (const field of entity._map.values()) if (!room.writes.holdsDurably(field.id.client, field.id.clock + field.length - 1)) return null;
  return entity.toJSON() as RecordFields;
}

/**
 * Browsers always send Origin on websocket upgrades; a page on another site must not open
 * sockets with a token it got hold of. Clients without Origin (Node, native) are allowed:
 * Origin protects browsers, and non-browsers can set any header anyway.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  const normalized = origin.toLowerCase().replace(/\/+$/, '');
  if (allowed.length > 0) return allowed.includes(normalized);
  try {
    return new URL(normalized).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/** Writes a complete HTTP response on the raw upgrade socket, then destroys it. */
function reject(socket: Duplex, status: number, body: Record<string, string>): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`
  );
}
