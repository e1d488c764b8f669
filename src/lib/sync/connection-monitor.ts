/**
 * The connection status of one synced doc: offline / connecting / syncing / synced, how many
 * local changes the relay has not yet confirmed as durable, when it last confirmed, and
 * whether the relay refused us (bad or expired token, no access).
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { PendingLedger } from '../local/pending-ledger';
import { stateVectorOfSyncStep1 } from './confirmation';
import { CloseCode, MESSAGE_SYNC } from './protocol';

export type SyncPhase = 'offline' | 'connecting' | 'syncing' | 'synced';

export interface ConnectionState {
  phase: SyncPhase;
  /** Local changes not yet confirmed durable by the relay. */
  unconfirmed: number;
  /** Epoch ms of the relay's last confirmation, persisted across reloads. */
  lastSyncedAt: number | null;
  /** Set when the relay closed the connection for good (4401 / 4403). */
  refused: { code: number; reason: string } | null;
  /** The relay's words when it closed us for a full storage quota (4413); cleared once connected again. */
  quotaFull: string | null;
}

type Listener = (state: ConnectionState) => void;

export class ConnectionMonitor {
  readonly #doc: Y.Doc;
  readonly #provider: WebsocketProvider | null;
  readonly #ledger: PendingLedger;
  readonly #listeners = new Set<Listener>();
  readonly #cleanups: Array<() => void> = [];
  #state: ConnectionState;
  /** The relay's last terminal close; cleared once connected again. */
  #refused: ConnectionState['refused'] = null;
  #quotaFull: string | null = null;

  constructor(doc: Y.Doc, provider: WebsocketProvider | null, ledger: PendingLedger) {
    this.#doc = doc;
    this.#provider = provider;
    this.#ledger = ledger;
    this.#state = { phase: 'offline', unconfirmed: ledger.count, lastSyncedAt: ledger.lastConfirmedAt, refused: null, quotaFull: null };

    const onTransaction = (txn: Y.Transaction) => {
      // Remote updates and IndexedDB loads are not local edits.
      if (!txn.local || (provider !== null && txn.origin === provider)) return;
      if (txn.afterState.get(doc.clientID) === txn.beforeState.get(doc.clientID)) return;
      this.#ledger.recordLocal(doc.clientID, Y.getState(doc.store, doc.clientID));
      this.#refresh();
    };
    doc.on('afterTransaction', onTransaction);
    this.#cleanups.push(() => doc.off('afterTransaction', onTransaction));

    if (provider) this.#watchProvider(provider);
    this.#refresh();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#listeners.clear();
  }

  #watchProvider(provider: WebsocketProvider): void {
    // Peek at sync step 1 frames from the relay: their state vector is its acknowledgement.
    const original = provider.messageHandlers[MESSAGE_SYNC];
    if (original) {
      provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
        const relayVector = stateVectorOfSyncStep1(decoder.arr.subarray(decoder.pos - 1));
        original(encoder, decoder, p, emitSynced, type);
        if (relayVector) {
          this.#ledger.confirm(relayVector);
          this.#refresh();
        }
      };
      this.#cleanups.push(() => {
        provider.messageHandlers[MESSAGE_SYNC] = original;
      });
    }
    const onStatus = () => this.#refresh();
    const onClosed = (event: { code: number; reason: string }) => {
      // A refused change or a full quota is not a refused sign-in: DocConnection reports them.
      if (event.code === CloseCode.changeRefused) return;
      if (event.code === CloseCode.quotaExceeded) {
        this.#quotaFull = event.reason;
        this.#refresh();
        return;
      }
      this.#refused = { code: event.code, reason: event.reason };
      this.#refresh();
    };
    provider.on('status', onStatus);
    provider.on('sync', onStatus);
    provider.on('closed', onClosed);
    this.#cleanups.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onStatus);
      provider.off('closed', onClosed);
    });
  }

  #refresh(): void {
    const p = this.#provider;
    const unconfirmed = this.#ledger.count;
    let phase: SyncPhase;
    if (!p || !p.wsconnected) phase = p?.wsconnecting ? 'connecting' : 'offline';
    else phase = p.synced && unconfirmed === 0 ? 'synced' : 'syncing';
    if (p?.wsconnected) {
      this.#refused = null;
      this.#quotaFull = null;
    }
    const refused = this.#refused;
    const next: ConnectionState = { phase, unconfirmed, lastSyncedAt: this.#ledger.lastConfirmedAt, refused, quotaFull: this.#quotaFull };
    const prev = this.#state;
    if (prev.phase === next.phase && prev.unconfirmed === next.unconfirmed && prev.lastSyncedAt === next.lastSyncedAt && prev.refused === next.refused && prev.quotaFull === next.quotaFull) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }
}
