/**
 * Opening an organisation's workspace: the board doc always (its current generation, README
 * "Board generations"), and `finance` and `catalog` where the role may read them (DESIGN §2).
 * All are persisted locally and synced through the relay.
 */
import type { Awareness } from 'y-protocols/awareness';
import { canRead, canWrite, type Role } from '../domain/access/roles';
import type { KeyValueStore } from '../local/pending-ledger';
import { BoardDoc } from './board-doc';
import { BOARD_MIGRATIONS } from './board-migrations';
import { CatalogDoc } from './catalog';
import { CATALOG_MIGRATIONS } from './catalog-migrations';
import { DocConnection, type ChangeRefusal } from './doc-connection';
import { FINANCE_MIGRATIONS } from './finance-migrations';
import { FinanceDoc } from './finance';
import { roomId } from './protocol';
import { rememberBoardDoc, rememberedBoardDoc, watchBoardSuccessor } from './board-succession';
import type { DocName } from '../domain/access/roles';
import { archiveDocOf } from '../domain/archive/archive-plan';
import type { ArchiveEnvironment } from './archiver';
import { archiveEnvironment, openArchiveMonth, type ArchiveConnectionOptions } from './archive-rooms';

export interface WorkspaceOptions {
  org: string;
  role: Role;
  token: string;
  /** The signed-in user (token subject): scopes the tabs' broadcast channel (DocConnection `channelScope`). */
  user?: string;
  /** `ws(s)://host:port/sync` */
  serverUrl: string;
  store: KeyValueStore;
  persist?: boolean;
  connect?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  onStorageError?: (error: unknown) => void;
  /** A doc's change was refused and its local copy dropped: reopen the workspace (DocConnection). */
  onChangeRefused?: (refusal: ChangeRefusal) => void;
  /** A doc's write was refused for the storage quota (4413): tell the user (DocConnection). */
  onQuotaExceeded?: (quota: { room: string; reason: string }) => void;
  /**
   * The board room to open (`board`, `board-g2`, …); default: the one this device remembers
   * for the org (`store`), else `board`. The choice is remembered.
   */
  boardDoc?: string;
  /**
   * The relay replaced the board with a new generation and this device's copy is all at the
   * relay: the new room is remembered and the old local copy deleted. Reopen the workspace.
   */
  onBoardMoved?: (move: { from: string; to: string }) => void;
}

export class Workspace {
  readonly org: string;
  readonly role: Role;
  readonly boardConnection: DocConnection;
  readonly board: BoardDoc;
  /** Null for roles without finance access (technician, wallboard). */
  readonly financeConnection: DocConnection | null;
  /** The finance doc's typed API; null where the role has no finance access. */
  readonly finance: FinanceDoc | null;
  /** The price book; null for roles without catalog access (wallboard). */
  readonly catalogConnection: DocConnection | null;
  readonly catalog: CatalogDoc | null;
  readonly whenLoaded: Promise<void>;
  /** The board generation open (`board`, `board-g2`, …). */
  readonly boardDoc: string;
  #stopWatchingBoard: () => void;
  /** What every room of this workspace is opened with (archive months too). */
  #common: ArchiveConnectionOptions;

  constructor(options: WorkspaceOptions) {
    this.org = options.org;
    this.role = options.role;
    const common = {
      serverUrl: options.serverUrl,
      token: options.token,
      ...(options.user !== undefined ? { channelScope: options.user } : {}),
      store: options.store,
      ...(options.persist !== undefined ? { persist: options.persist } : {}),
      ...(options.connect !== undefined ? { connect: options.connect } : {}),
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      ...(options.onStorageError ? { onStorageError: options.onStorageError } : {}),
      ...(options.onChangeRefused ? { onChangeRefused: options.onChangeRefused } : {}),
      ...(options.onQuotaExceeded ? { onQuotaExceeded: options.onQuotaExceeded } : {})
    };
    this.#common = common;
    this.boardDoc = options.boardDoc ?? rememberedBoardDoc(options.store, options.org) ?? 'board';
    rememberBoardDoc(options.store, options.org, this.boardDoc);
    const board = new DocConnection({ ...common, room: roomId(options.org, this.boardDoc as DocName), migrations: BOARD_MIGRATIONS, writable: canWrite(options.role, 'board') });
    this.boardConnection = board;
    this.board = new BoardDoc(board.doc);
    this.#stopWatchingBoard = watchBoardSuccessor(board, this.boardDoc, (successor) => {
      rememberBoardDoc(options.store, options.org, successor);
      void board.dropLocalCopy();
      options.onBoardMoved?.({ from: this.boardDoc, to: successor });
    });
    this.financeConnection = canRead(options.role, 'finance')
      ? new DocConnection({ ...common, room: roomId(options.org, 'finance'), migrations: FINANCE_MIGRATIONS, writable: canWrite(options.role, 'finance') })
      : null;
    this.finance = this.financeConnection ? new FinanceDoc(this.financeConnection.doc) : null;
    this.catalogConnection = canRead(options.role, 'catalog')
      ? new DocConnection({ ...common, room: roomId(options.org, 'catalog'), migrations: CATALOG_MIGRATIONS, writable: canWrite(options.role, 'catalog') })
      : null;
    this.catalog = this.catalogConnection ? new CatalogDoc(this.catalogConnection.doc) : null;
    this.whenLoaded = Promise.all([this.boardConnection.whenLoaded, this.financeConnection?.whenLoaded, this.catalogConnection?.whenLoaded]).then(() => {});
  }

  get canWriteBoard(): boolean {
    return canWrite(this.role, 'board');
  }

  get canWriteFinance(): boolean {
    return canWrite(this.role, 'finance');
  }

  get canWriteCatalog(): boolean {
    return canWrite(this.role, 'catalog');
  }

  /** The board's awareness channel (presence); null when the board is not connected to a relay. */
  get boardAwareness(): Awareness | null {
    return this.boardConnection.provider?.awareness ?? null;
  }

  /** Opens archive month `month` (read-only unless archiving); null for roles that may not read archives. The caller destroys it. */
  openArchive(month: string, writable = false): DocConnection | null {
    const doc = archiveDocOf(month);
    if (!canRead(this.role, doc)) return null;
    return openArchiveMonth(this.#common, this.org, month, writable && canWrite(this.role, doc));
  }

  /** What the archiver needs (sync/archiver.ts runArchive): archive months read-write, board confirmations. */
  archiveEnvironment(): ArchiveEnvironment {
    return archiveEnvironment(this.#common, this.org, this.boardConnection);
  }

  /** Swaps in a refreshed access token for the next (re)connect of every doc. */
  setToken(token: string, reconnect = false): void {
    this.#common = { ...this.#common, token };
    for (const connection of [this.boardConnection, this.financeConnection, this.catalogConnection]) {
      if (!connection) continue;
      connection.setToken(token);
      if (reconnect) connection.reconnect();
    }
  }

  destroy(): void {
    this.#stopWatchingBoard();
    this.boardConnection.destroy();
    this.financeConnection?.destroy();
    this.catalogConnection?.destroy();
  }
}
