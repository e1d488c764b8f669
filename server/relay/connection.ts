/**
 * One authenticated websocket in one room. Decodes each frame (a trust boundary), enforces
 * the connection's access per message and hands the work to the room. A frame that cannot
 * be decoded or applied closes this connection with 4400; the room and the process carry on
 * (y-websocket#82: garbage frames crashed the reference server).
 */
import type { Logger } from 'pino';
import WebSocket, { type RawData } from 'ws';
import type { TokenClaims } from '../../src/lib/domain/access/token-claims';
import type { RecordFields } from '../../src/lib/domain/archive/record-fields';
import { refusalCloseReason, type RuleViolation } from '../../src/lib/domain/rooms/room-rules';
import { isBoardDoc } from '../../src/lib/domain/rooms/board-generation';
import { CloseCode } from '../../src/lib/sync/protocol';
import type { ConnectionLimits } from '../config';
import type { RejectReason, RelayMetrics } from '../metrics';
import { checkUpdate, ConnectionGuard, coversDoc, UpdateRejected } from './connection-limits';
import { decodeFrame, FrameError, type ClientFrame, type FrameKind } from './frames';
import type { Peer } from './peer';
import type { Room } from './room';
import { AwarenessClientsExceeded } from './room-awareness';
import { QuotaExceeded, type StorageUsage } from './storage-usage';
import { emptyArchiveNotes, type ArchiveNotes } from './archive-forwarding';
import { checkUpdateRules } from './update-guard';

export interface ConnectionDeps {
  metrics: RelayMetrics;
  log: Logger;
  /** Dead peers (no pong within this long) are terminated so their rooms can unload. */
  pingIntervalMs: number;
  limits: ConnectionLimits;
  maxMessageBytes: number;
  /** Storage quotas, checked before an update is applied. */
  usage?: StorageUsage;
  /** The fields of `collection/key` as room `roomId` (an archive month) holds them durably, else null (WriterContext.archived). */
  archived?: (roomId: string, collection: string, key: string) => RecordFields | null;
  /** After an accepted board update: its archive removals and writes into removed records (archive-forwarding.ts). */
  archiveApplied?: (org: string, notes: ArchiveNotes) => void;
  onClose(connection: Connection): void;
}

/** 1013 "try again later": the peer reads slower than the room writes (its send buffer is full), or must resync. */
const TRY_AGAIN_LATER = 1013;
const SLOW_CONSUMER = TRY_AGAIN_LATER;
/** A peer that does not answer our close frame in this long is cut. */
const CLOSE_GRACE_MS = 2000;
const MESSAGE_AWARENESS = 1;
const SEND_OPTIONS = { binary: true } as const;

let nextConnectionId = 1;

export class Connection implements Peer {
  readonly id = nextConnectionId++;
  readonly #log: Logger;
  #alive = true;
  #intake = true;
  #pingTimer: NodeJS.Timeout | null = null;
  readonly #guard: ConnectionGuard;
  /** Bytes sent while answering a step 1 / query-awareness (null: not answering). */
  #answerBytes: number | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    readonly claims: TokenClaims,
    /** 'ro' peers may read and publish presence; their document updates are dropped. */
    readonly access: 'rw' | 'ro',
    private readonly deps: ConnectionDeps
  ) {
    this.#log = deps.log.child({ conn: this.id, room: room.id, sub: claims.sub, role: claims.role });
    this.#guard = new ConnectionGuard(deps.limits, deps.maxMessageBytes);
  }

  get userId(): string {
    return this.claims.sub;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    this.ws.on('close', (code) => this.#onClose(code));
    this.ws.on('error', (error: Error & { code?: string }) => {
      // ws has already closed the socket (1009 for oversized frames, 1002 for protocol errors).
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.deps.metrics.reject('too-big');
      this.#log.warn({ err: error.message, code: error.code }, 'websocket error');
    });
    this.ws.on('pong', () => {
      this.#alive = true;
    });
    this.#pingTimer = setInterval(() => {
      if (!this.#alive) {
        this.#log.info('no pong; terminating');
        this.ws.terminate();
        return;
      }
      this.#alive = false;
      this.ws.ping();
    }, this.deps.pingIntervalMs);
    this.#pingTimer.unref();
    this.deps.metrics.connections.inc();
    this.#log.info({ access: this.access }, 'connected');
    this.room.join(this);
  }

  send(frame: Uint8Array, kind: FrameKind): void {
    if (!this.isOpen) return;
    if (this.ws.bufferedAmount > this.deps.limits.sendBufferBytes) {
      // Buffering more for a peer that does not read would grow without bound.
      this.deps.metrics.reject('slow-consumer');
      this.#log.warn({ buffered: this.ws.bufferedAmount }, 'slow consumer; closing connection');
      this.close(SLOW_CONSUMER, 'slow consumer');
      return;
    }
    // No callback: a failed send surfaces as the socket's 'error'/'close', handled above.
    this.ws.send(frame, SEND_OPTIONS);
    this.deps.metrics.countOut(kind, frame.byteLength);
    if (this.#answerBytes !== null) this.#answerBytes += frame.byteLength;
  }

  close(code: number, reason: string): void {
    this.#intake = false;
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
      // A peer that stopped reading never answers the close frame (it is queued behind the
      // unread data); do not keep its buffers for ws's 30 s default.
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  /** Shutdown: stop applying new frames so the final flush covers everything accepted. */
  stopIntake(): void {
    this.#intake = false;
  }

  /** Resolves once the socket is closed; terminates it if the peer does not answer in time. */
  closed(timeoutMs: number): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), timeoutMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (!this.#intake) {
      this.deps.metrics.reject('shutting-down');
      return;
    }
    if (!isBinary) return this.#badMessage('text frame');
    const bytes = toBytes(data);
    const verdict = this.#guard.charge(bytes.byteLength, bytes[0] === MESSAGE_AWARENESS);
    if (verdict === 'rate-limited') return this.#refuse(CloseCode.rateLimited, 'rate-limited', 'rate limit exceeded');
    if (verdict === 'awareness-too-big') return this.#refuse(CloseCode.tooBig, 'awareness-too-big', 'awareness frame too big');
    if (verdict === 'awareness-dropped') {
      this.deps.metrics.reject('awareness-rate');
      return;
    }
    let frame: ClientFrame;
    try {
      frame = decodeFrame(bytes);
    } catch (error) {
      return this.#badMessage(error instanceof FrameError ? error.message : String(error));
    }
    this.deps.metrics.countIn(frame.kind, bytes.byteLength);
    try {
      this.#dispatch(frame);
    } catch (error) {
      const detail = `${frame.kind}: ${error instanceof Error ? error.message : String(error)}`;
      if (error instanceof UpdateRejected) return this.#refuse(CloseCode.badMessage, 'bad-update', detail);
      if (error instanceof AwarenessClientsExceeded) return this.#refuse(CloseCode.badMessage, 'awareness-clients', detail);
      if (error instanceof AnswerRateExceeded) return this.#refuse(CloseCode.rateLimited, 'answer-rate', detail);
      if (error instanceof QuotaExceeded) return this.#refuse(CloseCode.quotaExceeded, 'storage-quota', detail, error.message);
      this.#badMessage(detail);
    }
  }

  #dispatch(frame: ClientFrame): void {
    switch (frame.kind) {
      case 'sync-step1':
        return this.#answer(() => this.room.answerStep1(this, frame.stateVector), coversDoc(this.room.doc, frame.stateVector));
      case 'sync-step2':
      case 'sync-update':
        if (this.access !== 'rw') {
          // Never applied, stored or forwarded (DESIGN §2). Not an error: a read-only
          // y-websocket client answers every step 1 with a step 2.
          this.deps.metrics.reject('read-only');
          return;
        }
        checkUpdate(frame.update, this.deps.limits.maxUpdateClock);
        this.deps.usage?.check(this.room.id, frame.update.byteLength);
        if (this.deps.limits.guardUpdates) {
          const archived = this.deps.archived;
          const room = this.room.id.slice(this.room.id.indexOf('/') + 1);
          const notes = isBoardDoc(room) && this.deps.archiveApplied ? emptyArchiveNotes() : undefined;
          const violation = checkUpdateRules(this.room.doc, frame.update, {
            subject: this.claims.sub,
            nowMs: Date.now(),
            maxFutureMs: this.deps.limits.guardMaxFutureMs,
            room,
            role: this.claims.role,
            ...(archived ? { archived: (month: string, collection: string, key: string) => archived(`${this.claims.org}/archive-${month}`, collection, key) } : {})
          }, notes);
          if (violation) return this.#refuseChange(violation, frame.kind === 'sync-update');
          this.room.applyUpdate(this, frame.update);
          if (notes) this.deps.archiveApplied?.(this.claims.org, notes);
          return;
        }
        return this.room.applyUpdate(this, frame.update);
      case 'awareness':
        return this.room.applyAwareness(this, frame.update, this.deps.limits.awarenessMaxClients);
      case 'query-awareness':
        return this.#answer(() => this.room.sendAwarenessStates(this));
      case 'auth':
        // Auth travels in the upgrade request; clients have nothing to say here.
        this.deps.metrics.reject('auth');
        return;
    }
  }

  /** Runs an answer within the answer budget (connection-limits.ts) and charges what it sent. */
  #answer(send: () => void, cheap = false): void {
    if (!this.#guard.answerAllowed(cheap)) throw new AnswerRateExceeded();
    this.#answerBytes = 0;
    try {
      send();
    } finally {
      this.#guard.chargeAnswer(this.#answerBytes);
      this.#answerBytes = null;
    }
  }

  #badMessage(detail: string): void {
    this.#refuse(CloseCode.badMessage, 'bad-message', detail);
  }

  /** Closes this connection for something it sent; counted and logged with the reason. */
  #refuse(code: number, reason: RejectReason, detail: string, message: string = reason): void {
    this.deps.metrics.reject(reason);
    this.#log.warn({ reason, code, detail }, 'bad message; closing connection');
    // A close reason is at most 123 bytes (RFC 6455); ws throws on a longer one.
    let text = message;
    while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
    this.close(code, text);
  }

  /**
   * An update broke the room's rules: nothing of it was applied, so nothing is stored or
   * forwarded. The sender is closed with 4422, which clients do not retry (they keep the
   * change aside and resync: src/lib/sync/README.md "Refused changes"). An ordinary update
   * that only lacks dependencies is more likely a race (a change seen from another tab before
   * the relay got it): 1013 makes the client reconnect, and its sync step 2 then carries
   * everything; a step 2 that still cannot be placed is refused.
   */
  #refuseChange(violation: RuleViolation, retriable: boolean): void {
    this.deps.metrics.refuseUpdate(violation.reason);
    if (retriable && violation.reason === 'missing-dependency') {
      this.#log.info({ reason: violation.reason, detail: violation.detail }, 'update lacks dependencies; asking the client to resync');
      this.close(TRY_AGAIN_LATER, 'missing dependencies; resync');
      return;
    }
    this.#log.warn({ reason: violation.reason, detail: violation.detail }, 'update refused by the room rules; closing connection');
    this.close(CloseCode.changeRefused, refusalCloseReason(violation));
  }

  #onClose(code: number): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#intake = false;
    this.deps.metrics.connections.dec();
    this.#log.info({ code }, 'disconnected');
    this.room.leave(this);
    this.deps.onClose(this);
  }
}

/** The peer asks for answers faster than its answer budget refills. */
class AnswerRateExceeded extends Error {
  constructor() {
    super('answers (sync step 2 / awareness states) over the per-connection budget');
    this.name = 'AnswerRateExceeded';
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
