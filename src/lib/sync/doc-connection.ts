/**
 * One synced doc: a Y.Doc persisted in IndexedDB (y-indexeddb) and connected to the relay
 * (y-websocket), with its connection monitor and migrations run on every load.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { parseRefusalCloseReason } from '../domain/rooms/room-rules';
import { PendingLedger, type KeyValueStore } from '../local/pending-ledger';
import { RefusedChangeVault } from '../local/refused-changes';
import { ConnectionMonitor } from './connection-monitor';
import { runMigrations, type Migration, type MigrationResult } from './migrations';
import { CloseCode } from './protocol';

export interface DocConnectionOptions {
  /** `<org>/<doc>` */
  room: string;
  /** `ws(s)://host:port/sync` */
  serverUrl: string;
  token: string;
  /** Who this connection writes as (the token subject): tabs share updates only within it. */
  channelScope?: string;
  migrations: readonly Migration[];
  store: KeyValueStore;
  /** Keep the doc in IndexedDB (browser). Default true. */
  persist?: boolean;
  /** Connect to the relay. Default true. */
  connect?: boolean;
  /** Node has no global WebSocket: pass `ws` there. */
  WebSocketPolyfill?: typeof WebSocket;
  /** False for read-only roles: they never write, not even migrations (the relay drops them). */
  writable?: boolean;
  /** Called when local storage fails; the doc keeps working in memory. */
  onStorageError?: (error: unknown) => void;
  /**
   * The relay refused one of this doc's changes (4422). Called once the device's copy is
   * backed up and dropped from local storage: the owner must reopen the room (a new
   * DocConnection) to resync from the relay. See README "Refused changes".
   */
  onChangeRefused?: (refusal: ChangeRefusal) => void;
  /**
   * The relay refused a write because the room or the organisation is at its storage quota
   * (4413; `reason` names which and how full). The socket stays closed, so nothing is resent
   * and the device keeps its changes; the owner tells the user (state/errors.svelte.ts).
   */
  onQuotaExceeded?: (quota: { room: string; reason: string }) => void;
  /** Where backups of refused copies go (default: the browser's IndexedDB). */
  refusedChanges?: RefusedChangeVault;
}

/** A refusal of this doc's changes by the relay, and where the device's copy was kept. */
export interface ChangeRefusal {
  room: string;
  /** The rule broken (room-rules.ts RefusalReason), or `unknown` for an unreadable reason. */
  reason: string;
  detail: string;
  /** The backup in RefusedChangeVault; null when it could not be saved (then nothing was dropped). */
  backupId: number | null;
}

export const MIGRATION_ORIGIN = 'fieldboard:migration';

/** How long to wait for IndexedDB before going on without it (a wedged or corrupt database). */
const LOCAL_LOAD_TIMEOUT_MS = 10_000;

export class DocConnection {
  readonly doc = new Y.Doc();
  readonly room: string;
  readonly provider: WebsocketProvider | null;
  readonly monitor: ConnectionMonitor;
  /** Resolves once the locally stored copy is loaded (or could not be). */
  readonly whenLoaded: Promise<void>;
  lastMigration: MigrationResult | null = null;
  /** Set once the relay refused a change of this doc; the connection then stays closed. */
  refusal: ChangeRefusal | null = null;
  /** Resolves when a refusal was handled (backup saved, local copy dropped), for callers that wait. */
  whenRefusalHandled: Promise<ChangeRefusal> | null = null;
  readonly #ledger: PendingLedger;
  readonly #options: DocConnectionOptions;
  #persistence: IndexeddbPersistence | null = null;
  readonly #migrations: readonly Migration[];
  readonly #writable: boolean;

  constructor(options: DocConnectionOptions) {
    this.room = options.room;
    this.#migrations = options.migrations;
    this.#writable = options.writable !== false;
    this.#options = options;
    this.whenLoaded = this.#loadLocal(options);
    this.provider = options.connect === false ? null : this.#connect(options);
    this.#ledger = new PendingLedger(options.room, options.store);
    this.monitor = new ConnectionMonitor(this.doc, this.provider, this.#ledger);
    this.provider?.on('sync', (synced: boolean) => {
      if (synced) this.migrate();
    });
    // y-websocket does not reconnect after a 44xx close, so the refused change is not resent.
    this.provider?.on('closed', (event: { code: number; reason: string }) => {
      if (event.code === CloseCode.changeRefused && !this.whenRefusalHandled) this.whenRefusalHandled = this.#changeRefused(event.reason);
      if (event.code === CloseCode.quotaExceeded) options.onQuotaExceeded?.({ room: this.room, reason: event.reason });
    });
    if (this.provider) this.#followNetwork(this.provider);
  }

  /** Runs pending migrations; safe to call any time (idempotent). Read-only docs are left as they are. */
  migrate(): MigrationResult | null {
    if (!this.#writable) return null;
    this.lastMigration = runMigrations(this.doc, this.#migrations, MIGRATION_ORIGIN);
    return this.lastMigration;
  }

  /**
   * Uses a new access token from the next connect on (after a refresh). A socket that is open
   * stays open: the relay checked the token when it connected.
   */
  setToken(token: string): void {
    if (this.provider) this.provider.params = { ...this.provider.params, token };
  }

  /** Connects again now, e.g. after the user signed in anew following a refusal. */
  reconnect(): void {
    if (!this.provider) return;
    this.provider.disconnect();
    this.provider.connect();
  }

  /**
   * Deletes this room's copy from the device (a board generation the device moved away from).
   * Deleting waits for other tabs that hold the database open, so it is not awaited by callers
   * that move on; a failure only leaves an unused database behind and is reported.
   */
  dropLocalCopy(): Promise<void> {
    const persistence = this.#persistence;
    this.#persistence = null;
    return persistence ? persistence.clearData().catch((error: unknown) => this.#options.onStorageError?.(error)) : Promise.resolve();
  }

  destroy(): void {
    this.#unfollowNetwork?.();
    this.monitor.destroy();
    this.provider?.destroy();
    void this.#persistence?.destroy();
    this.doc.destroy();
  }

  #unfollowNetwork: (() => void) | null = null;

  /**
   * Keeps the device's whole copy (the refused change and anything else not yet confirmed)
   * as a backup, then drops the locally stored copy and the pending count, so reopening the
   * room starts from the relay's state and never sends the refused change again.
   */
  async #changeRefused(closeReason: string): Promise<ChangeRefusal> {
    const options = this.#options;
    const parsed = parseRefusalCloseReason(closeReason) ?? { reason: 'unknown', detail: closeReason };
    const refusal: ChangeRefusal = { room: this.room, reason: parsed.reason, detail: parsed.detail, backupId: null };
    try {
      const vault = options.refusedChanges ?? new RefusedChangeVault();
      refusal.backupId = await vault.save({ room: this.room, refusedAt: new Date().toISOString(), reason: refusal.reason, detail: refusal.detail, update: Y.encodeStateAsUpdate(this.doc) });
      if (!options.refusedChanges) vault.close();
    } catch (error) {
      // No backup, no reset: the copy stays on this device (the socket stays closed, so the
      // change is not resent) and the user is told it could not be kept aside.
      options.onStorageError?.(error);
    }
    if (refusal.backupId !== null) {
      // The next open uses a new, empty local database. Deleting the old one waits for every
      // other tab holding it open, so it is not awaited (other tabs move on when they reopen).
      options.store.set(generationKey(this.room), String(localGeneration(this.room, options.store) + 1));
      const old = this.#persistence;
      this.#persistence = null;
      old?.clearData().catch((error: unknown) => options.onStorageError?.(error));
      this.#ledger.clearPending();
    }
    this.refusal = refusal;
    options.onChangeRefused?.(refusal);
    return refusal;
  }

  /**
   * Browsers can leave a socket stalled when the network goes (no close event until
   * y-websocket's 30 s watchdog); drop it at once on `offline` and reconnect on `online`, so
   * the status is honest and queued changes go out as soon as the network is back.
   */
  #followNetwork(provider: WebsocketProvider): void {
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    const offline = () => provider.disconnect();
    const online = () => provider.connect();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    this.#unfollowNetwork = () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
    if (typeof navigator !== 'undefined' && navigator.onLine === false) provider.disconnect();
  }

  #connect(options: DocConnectionOptions): WebsocketProvider {
    const provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      params: { token: options.token },
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      maxBackoffTime: 5000,
      connect: false
    });
    // Tabs of one browser (and providers in one process) share updates over a broadcast
    // channel named after the room. Scope it to the user: another user's records, not yet at
    // the relay, must never reach it over this user's socket (refused as wrong-author, which
    // would drop this device's copy). Without a user, the token stands in for one.
    provider.bcChannel = `${provider.bcChannel}#${options.channelScope ?? options.token}`;
    provider.connect();
    return provider;
  }

  async #loadLocal(options: DocConnectionOptions): Promise<void> {
    if (options.persist !== false) {
      try {
        const persistence = new IndexeddbPersistence(localDatabaseName(options.room, options.store), this.doc);
        this.#persistence = persistence;
        await Promise.race([
          persistence.whenSynced,
          persistence._db.then(() => new Promise<never>(() => {})),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('local database did not open in time')), LOCAL_LOAD_TIMEOUT_MS)
          )
        ]);
      } catch (error) {
        options.onStorageError?.(error);
      }
    }
    this.migrate();
  }
}

/** Bumped each time the device drops its copy of a room (a refused change): a fresh local database. */
function generationKey(room: string): string {
  return `fieldboard.docgen.${room}`;
}

function localGeneration(room: string, store: KeyValueStore): number {
  const value = Number(store.get(generationKey(room)) ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The y-indexeddb database of a room: `fieldboard:<org>/<doc>`, then `…#<n>` after the nth drop. */
export function localDatabaseName(room: string, store: KeyValueStore): string {
  const generation = localGeneration(room, store);
  return generation === 0 ? `fieldboard:${room}` : `fieldboard:${room}#${generation}`;
}
