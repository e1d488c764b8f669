/**
 * The open workspace as reactive state for the views: live jobs, connection status, and the
 * commands the UI may call. Components read this; they never see Yjs.
 */
import type { Job, JobStatus } from '../domain/jobs/job';
import type { FieldErrors } from '../domain/jobs/job';
import { browserStore } from '../local/pending-ledger';
import { claimDeviceSeries, freshDeviceCode, knownDeviceCodes, type DeviceSeries, type SeriesLocks } from '../local/device';
import { RefusedChangeVault, refusedChangeFileName } from '../local/refused-changes';
import { describeRefusal } from '../domain/rooms/room-rules';
import type { Actor, BoardDoc } from '../sync/board-doc';
import type { CatalogDoc } from '../sync/catalog';
import type { ChangeRefusal, DocConnection } from '../sync/doc-connection';
import type { FinanceDoc } from '../sync/finance';
import type { ConnectionState } from '../sync/connection-monitor';
import { colorForUser, Presence } from '../sync/presence';
import { SYNC_PATH } from '../sync/protocol';
import { Workspace } from '../sync/workspace';
import { boardDocToOpen } from '../sync/board-succession';
import { BoardApi } from '../api/board-api';
import type { ArchiveEnvironment } from '../sync/archiver';
import { reportQuotaExceeded } from './errors.svelte';
import { session } from './session.svelte';

/** How long a device that never opened its org's board waits for the relay to name the current generation. */
const CURRENT_BOARD_TIMEOUT_MS = 5000;

const OFFLINE: ConnectionState = { phase: 'offline', unconfirmed: 0, lastSyncedAt: null, refused: null, quotaFull: null };

export function relayUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${SYNC_PATH}`;
}

class WorkspaceState {
  ready = $state(false);
  status = $state<ConnectionState>(OFFLINE);
  /** Bumped on every job change; `jobs` is computed from the doc only when someone reads it. */
  #jobsVersion = $state(0);
  #jobsCache: { version: number; jobs: Job[] } | null = null;
  /** Set when this device cannot keep data locally (private mode, corrupt database). */
  storageWarning = $state<string | null>(null);
  /** The relay refused one of this device's changes; the board was reloaded from the relay. Shown until dismissed. */
  changeRefused = $state<(ChangeRefusal & { message: string }) | null>(null);
  /** False for read-only roles (manager, wallboard) and before a workspace is open. */
  canWriteBoard = $state(false);
  /** The open board room (`<org>/board`, `<org>/board-g2`, …: sync README "Board generations"). */
  boardRoom = $state<string | null>(null);
  /** The open board doc, for state classes (src/lib/state/*); components never use it directly. */
  board = $state.raw<BoardDoc | null>(null);
  /** The open finance doc (finance roles only), for state/finance.svelte.ts. */
  finance = $state.raw<FinanceDoc | null>(null);
  canWriteFinance = $state(false);
  /** The open price book (`catalog` doc), for state classes; null for roles without access (wallboard). */
  catalog = $state.raw<CatalogDoc | null>(null);
  /** False for read-only roles (technician, manager) and before a workspace is open. */
  canWriteCatalog = $state(false);
  /** This tab's presence on the board (null offline-only or before opening). */
  presence = $state.raw<Presence | null>(null);
  #workspace: Workspace | null = null;
  #openedFor: string | null = null;
  /** This tab's numbering series, claimed once for the tab's life (local/device.ts). */
  #series: DeviceSeries | null = null;
  #seriesClaim: Promise<void> | null = null;
  /** Used only if a job is created before the claim settles: a fresh code is never shared. */
  #interimCode: string | null = null;
  #cleanups: Array<() => void> = [];

  /** Opens the signed-in organisation's docs; calling it again for the same session is a no-op. */
  async open(): Promise<void> {
    const { token, claims } = session;
    if (!token || !claims) return;
    const key = `${claims.org}|${claims.role}|${token}`;
    if (this.#openedFor === key) return;
    this.close();
    this.#openedFor = key;
    const store = browserStore();
    this.#claimSeries(store);
    // A device that never opened this org's board asks which generation is current first, so
    // it never downloads one the relay replaced; one that did opens it at once (offline too).
    const boardDoc = await boardDocToOpen(store, claims.org, async () => (await new BoardApi().current(token, claims.org, AbortSignal.timeout(CURRENT_BOARD_TIMEOUT_MS))).doc);
    if (this.#openedFor !== key) return;
    const workspace = new Workspace({
      boardDoc,
      org: claims.org,
      role: claims.role,
      token,
      user: claims.sub,
      serverUrl: relayUrl(location),
      store,
      onStorageError: (error) => {
        this.storageWarning = `This device could not open its local database (${String(error)}). You can keep working, but changes made while offline will be lost if you reload before they sync.`;
      },
      onChangeRefused: (refusal) => {
        this.changeRefused = { ...refusal, message: describeRefusal(refusal.reason, refusal.detail) };
        // The refused copy was kept aside and dropped: reopen to resync from the relay.
        if (refusal.backupId !== null && this.#workspace === workspace) {
          this.close();
          void this.open();
        }
      },
      onQuotaExceeded: (quota) => reportQuotaExceeded(quota.reason),
      onBoardMoved: () => {
        // The relay holds every change of the old generation; the new room was remembered.
        if (this.#workspace !== workspace) return;
        this.close();
        void this.open();
      }
    });
    this.#workspace = workspace;
    this.canWriteBoard = workspace.canWriteBoard;
    this.canWriteCatalog = workspace.canWriteCatalog;
    this.catalog = workspace.catalog;
    const board = workspace.board;
    this.boardRoom = workspace.boardConnection.room;
    this.board = board;
    this.finance = workspace.finance;
    this.canWriteFinance = workspace.canWriteFinance;
    const awareness = workspace.boardAwareness;
    if (awareness) {
      const name = claims.name ?? claims.sub;
      this.presence = new Presence(awareness, { id: claims.sub, name, color: colorForUser(claims.sub), role: claims.role });
    }
    const refreshJobs = () => {
      // listJobs() rebuilds every job (tens of ms on a big board) and fires up to three times
      // per transaction: only note the change here, `jobs` recomputes on read.
      this.#jobsVersion++;
    };
    this.#cleanups.push(board.onJobsChanged(refreshJobs));
    this.#cleanups.push(workspace.boardConnection.monitor.subscribe((state) => (this.status = state)));
    await workspace.whenLoaded;
    if (this.#workspace !== workspace) return;
    refreshJobs();
    this.ready = true;
  }

  /**
   * Swaps a refreshed access token into the open relay connections: an open socket keeps
   * going (the relay checked the token when it connected); one that is not connected (refused,
   * or failing with the stale token) reconnects now. A token for another org or role is
   * ignored here: `open()` reopens the workspace for it.
   */
  setToken(token: string): void {
    const claims = session.claims;
    if (!this.#workspace || !claims || !this.#openedFor?.startsWith(`${claims.org}|${claims.role}|`)) return;
    const key = `${claims.org}|${claims.role}|${token}`;
    if (this.#openedFor === key) return;
    this.#openedFor = key;
    const connected = this.status.phase === 'synced' || this.status.phase === 'syncing';
    this.#workspace.setToken(token, navigator.onLine !== false && (this.status.refused !== null || !connected));
  }

  close(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.presence?.destroy();
    this.presence = null;
    this.board = null;
    this.boardRoom = null;
    this.finance = null;
    this.canWriteFinance = false;
    this.catalog = null;
    this.canWriteCatalog = false;
    this.#workspace?.destroy();
    this.#workspace = null;
    this.#openedFor = null;
    this.ready = false;
    this.canWriteBoard = false;
    this.#jobsCache = null;
    this.#jobsVersion++;
    this.status = OFFLINE;
  }

  dismissChangeRefused(): void {
    this.changeRefused = null;
  }

  /** Downloads the backup kept when a change was refused (a Yjs update of the device's whole copy). */
  async exportRefusedChange(id: number): Promise<boolean> {
    const vault = new RefusedChangeVault();
    try {
      const change = await vault.get(id);
      if (!change) return false;
      const url = URL.createObjectURL(new Blob([change.update as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: refusedChangeFileName(change) });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    } finally {
      vault.close();
    }
  }

  /** Every job with its status, newest first (board views use the incremental index in board.svelte.ts). */
  get jobs(): Job[] {
    const version = this.#jobsVersion;
    const board = this.#workspace?.board;
    if (!board || !this.ready) return [];
    if (this.#jobsCache?.version !== version) this.#jobsCache = { version, jobs: board.listJobs() };
    return this.#jobsCache.jobs;
  }

  /** Opens an archive month for state classes (archive.svelte.ts); null before a workspace is open. The caller destroys it. */
  openArchive(month: string, writable = false): DocConnection | null {
    return this.#workspace?.openArchive(month, writable) ?? null;
  }

  /** What the archiver needs (sync/archiver.ts), or null before a workspace is open. */
  archiveEnvironment(): ArchiveEnvironment | null {
    return this.#workspace?.archiveEnvironment() ?? null;
  }

  /** Who is acting on this device (recorded on every event), or null when signed out. */
  get actor(): Actor | null {
    const claims = session.claims;
    return claims ? actorOf(claims) : null;
  }

  /** This tab's numbering series code (J-<CODE>-0001): no other live tab of this browser uses it. */
  deviceCode(): string {
    if (this.#series) return this.#series.code;
    this.#claimSeries(browserStore());
    this.#interimCode ??= freshDeviceCode(new Set(knownDeviceCodes(browserStore())));
    return this.#interimCode;
  }

  #claimSeries(store: ReturnType<typeof browserStore>): void {
    if (this.#seriesClaim) return;
    const locks = (globalThis.navigator as { locks?: SeriesLocks } | undefined)?.locks;
    this.#seriesClaim = claimDeviceSeries(store, locks).then(
      (series) => {
        this.#series = series;
      },
      () => {
        // Web Locks refused (e.g. an opaque origin): a fresh, unlisted per-tab code is still unique.
        this.#series = { code: freshDeviceCode(new Set(knownDeviceCodes(store))), locked: false, release: () => {} };
      }
    );
  }

  createJob(input: unknown): { ok: true; job: Job } | { ok: false; errors: FieldErrors } {
    const workspace = this.#workspace;
    const claims = session.claims;
    if (!workspace || !claims) return { ok: false, errors: { _form: 'Sign in to create jobs.' } };
    if (!workspace.canWriteBoard) return { ok: false, errors: { _form: 'Your role can view the board but not change it.' } };
    return workspace.board.createJob(input, actorOf(claims), this.deviceCode());
  }

  setJobStatus(id: string, to: JobStatus): { ok: true } | { ok: false; error: string } {
    const workspace = this.#workspace;
    const claims = session.claims;
    if (!workspace || !claims) return { ok: false, error: 'Sign in to change jobs.' };
    if (!workspace.canWriteBoard) return { ok: false, error: 'Your role can view the board but not change it.' };
    return workspace.board.transitionJob(id, to, actorOf(claims));
  }
}

function actorOf(claims: { sub: string; name?: string | undefined }): { id: string; name?: string } {
  return claims.name ? { id: claims.sub, name: claims.name } : { id: claims.sub };
}

export const workspace = new WorkspaceState();
