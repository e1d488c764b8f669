/**
 * The relay process's parts wired together: one HTTP server (app, /healthz, /metrics) whose
 * upgrades go to the sync relay, SQLite storage with group commit and compaction.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { CloseCode } from '../src/lib/sync/protocol';
import { AccountService } from './accounts/account-service';
import { AccountStore } from './accounts/account-store';
import { PgAccountStore } from './accounts/pg-account-store';
import { AttemptLimiter } from './accounts/attempt-limiter';
import { decoyHash, hashQueue } from './accounts/passwords';
import { clientIpResolver } from './http/client-ip';
import { loadSecret } from './auth/tokens';
import type { RelayConfig } from './config';
import { adminRoutes } from './http/api/admin-routes';
import { BLOBS_DIR, BlobStore } from './blobs/blob-store';
import { blobRoutes } from './http/api/blob-routes';
import { historyRoutes } from './http/api/history-routes';
import { HistoryService } from './history/history-service';
import { PublicRequests } from './intake/public-requests';
import { DocumentLinks } from './intake/document-links';
import { SqliteLinkStore } from './links/link-store';
import { PgLinkStore } from './links/pg-link-store';
import { linkRoutes } from './links/link-routes';
import { ApiRoutes } from './http/api/api-routes';
import { HttpHandler } from './http/http-handler';
import { SecurityHeaders } from './http/security-headers';
import { StaticFiles } from './http/static-files';
import { RelayMetrics } from './metrics';
import { RoomRegistry } from './relay/room-registry';
import { roomSizes, StorageUsage } from './relay/storage-usage';
import { UpgradeHandler } from './relay/upgrade-handler';
import { BoardGenerations } from './relay/board-compaction';
import { boardRoutes } from './http/api/board-routes';
import { Compactor } from './storage/compactor';
import { SqliteStorage } from './storage/sqlite-storage';
import { WriteQueue } from './storage/write-queue';
import type { RelayStorage } from './storage/types';
import { ScaleOut } from './scale-out/scale-out';

export const DATABASE_FILE = 'fieldboard.db';

/** How long peers get to answer our close frame on shutdown before being cut. */
const CLOSE_TIMEOUT_MS = 2000;
const PING_INTERVAL_MS = 30_000;
/** WAL checkpoints run in a worker this often (storage/checkpointer.ts). */
const CHECKPOINT_EVERY_MS = 1000;

export class RelayServer {
  readonly #http: Server;
  readonly #storage: SqliteStorage;
  /** Several instances (DATABASE_URL + REDIS_URL): rooms in Postgres, fan-out through Redis. */
  readonly #scaleOut: ScaleOut | null;
  readonly #usage: StorageUsage;
  readonly #queue: WriteQueue;
  readonly #registry: RoomRegistry;
  readonly #upgrades: UpgradeHandler;
  readonly #staticFiles: StaticFiles;
  readonly #generations: BoardGenerations;
  readonly #setupNeeded: () => Promise<boolean>;
  #stopping: Promise<void> | null = null;

  constructor(
    private readonly config: RelayConfig,
    private readonly log: Logger
  ) {
    // Owner-only: the database and the signing secret live here (mode applies when created).
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const secret = loadSecret(config.dataDir, config.secretFromEnv);
    if (secret.source === 'generated') log.info({ file: path.join(config.dataDir, 'secret.key') }, 'generated a new signing secret');
    if (secret.loosePermissions) log.warn('secret.key is readable by other users; chmod 600 it');

    hashQueue.maxWaiting = config.loginHashQueue;
    const clientIp = clientIpResolver(config.trustProxy);
    const metrics = new RelayMetrics(config.scaleOut?.instanceId);
    // The SQLite file holds the rooms, their history and accounts; with several instances all
    // three are in Postgres and the file holds nothing of the shared state.
    this.#storage = new SqliteStorage(path.join(config.dataDir, DATABASE_FILE), {
      synchronous: config.sqliteSynchronous,
      checkpointEveryMs: CHECKPOINT_EVERY_MS,
      log: log.child({ part: 'storage' }),
      history: { retentionMs: config.historyRetentionMs, snapshotEveryMs: config.historySnapshotEveryMs }
    });
    this.#scaleOut = config.scaleOut
      ? new ScaleOut(config.scaleOut, metrics, log.child({ part: 'scale-out', instance: config.scaleOut.instanceId }), {
          onAccessChanged: (org, userId) => this.#upgrades.disconnectUser(org, userId, 'account changed'),
          onAwareness: (roomId, update) => this.#registry.loaded(roomId)?.applyRemoteAwareness(update)
        }, { retentionMs: config.historyRetentionMs, snapshotEveryMs: config.historySnapshotEveryMs })
      : null;
    const roomStorage: RelayStorage = this.#scaleOut?.storage ?? this.#storage;
    this.#queue = new WriteQueue(
      roomStorage,
      { maxUpdates: config.commitMaxUpdates, delayMs: config.commitDelayMs },
      metrics,
      log.child({ part: 'storage' })
    );
    const compactor = new Compactor(
      roomStorage,
      { maxRows: config.compactMaxRows, maxBytes: config.compactMaxBytes, fromStorageOnly: this.#scaleOut !== null },
      metrics,
      log.child({ part: 'compactor' })
    );
    // Accounts: in the SQLite file, or with several instances in Postgres (shared by all).
    const sqliteAccounts = new AccountStore(this.#storage.database);
    const scaleOut = this.#scaleOut;
    const accounts = new AccountService(
      scaleOut ? new PgAccountStore(scaleOut.storage.pool, () => scaleOut.storage.init()) : sqliteAccounts,
      {
        secret: secret.key,
        accessTtlSeconds: config.accessTtlSeconds,
        refreshTtlSeconds: config.refreshTtlSeconds,
        scryptLogN: config.scryptLogN
      },
      log.child({ part: 'accounts' })
    );
    // With Postgres the sizes are read at listen() (async); loaded rooms are exact either way.
    const usage = new StorageUsage(this.#scaleOut ? new Map() : roomSizes(this.#storage.database), config.quotas);
    this.#usage = usage;
    this.#registry = new RoomRegistry({
      usage,
      ...(this.#scaleOut ? { fanout: this.#scaleOut } : {}),
      storage: roomStorage,
      queue: this.#queue,
      compactor,
      metrics,
      log: log.child({ part: 'rooms' }),
      idleMs: config.roomIdleMs,
      maxRooms: config.maxRooms,
      onLoaded: (room) => this.#generations.watch(room)
    });
    const generationStore = this.#scaleOut?.storage ?? this.#storage;
    const generations = new BoardGenerations({
      rooms: this.#registry,
      store: generationStore,
      thresholds: config.boardCompaction,
      log: log.child({ part: 'board-generations' }),
      // Several instances: one compactor per org across them, working on the room caught up with the others' commits.
      ...(scaleOut
        ? { exclusive: <T>(org: string, fn: () => Promise<T>) => scaleOut.storage.asBoardCompactor(org, fn), catchUp: (roomId: string) => scaleOut.catchUp(roomId) }
        : {})
    });
    this.#generations = generations;
    const boardRoom = (org: string) => generations.resolve(org, 'board');
    const resolveDoc = (org: string, doc: string) => generations.resolve(org, doc);
    this.#upgrades = new UpgradeHandler({
      registry: this.#registry,
      accounts,
      secret: secret.key,
      metrics,
      log: log.child({ part: 'relay' }),
      maxMessageBytes: config.maxMessageBytes,
      pingIntervalMs: PING_INTERVAL_MS,
      limits: config.limits,
      allowedOrigins: config.allowedOrigins,
      maxPendingUpgrades: config.maxPendingUpgrades,
      usage,
      boardGeneration: (org) => generationStore.boardGeneration(org)
    });
    this.#setupNeeded = () => accounts.setupNeeded();
    accounts.onAccessChanged((user) => {
      this.#upgrades.disconnectUser(user.org, user.id, 'account changed');
      this.#scaleOut?.channels.accessChanged(user.org, user.id); // every other instance too
    });
    this.#staticFiles = new StaticFiles(config.staticDir);
    const publicRequests = new PublicRequests({
      rooms: this.#registry,
      limiter: new AttemptLimiter({ max: config.publicRequestsPerMinute, windowMs: 60_000 }),
      clientIp,
      log: log.child({ part: 'intake' }),
      orgName: (slug) => accounts.orgName(slug),
      boardRoom
    });
    // With several instances the history is kept in Postgres beside the rooms (pg-history-store.ts).
    const history = new HistoryService({
      store: scaleOut?.storage.history ?? this.#storage.history,
      rooms: this.#registry,
      userNames: async (org) => new Map((await accounts.listUsers(org)).map((user) => [user.id, user.name])),
      ...(scaleOut ? { catchUp: (roomId: string) => scaleOut.catchUp(roomId) } : {}),
      log: log.child({ part: 'history' })
    });
    const blobs = new BlobStore(path.join(config.dataDir, BLOBS_DIR), config.blobMaxBytes, config.blobOrgQuotaBytes);
    // Uploads a crash cut short leave temp files; the blobs themselves are whole or absent.
    const swept = blobs.sweepTemp();
    if (swept > 0) log.info({ removed: swept }, 'removed unfinished blob uploads');
    // The customer links' register sits beside the accounts: in the SQLite file, or in Postgres.
    const links = scaleOut ? new PgLinkStore(scaleOut.storage.pool, () => scaleOut.storage.init()) : new SqliteLinkStore(this.#storage.database);
    const documentLinks = new DocumentLinks({
      rooms: this.#registry,
      links,
      orgName: (slug) => accounts.orgName(slug),
      blobs,
      limiter: new AttemptLimiter({ max: config.customerLinksPerMinute, windowMs: 60_000 }),
      clientIp,
      secret: secret.key,
      log: log.child({ part: 'links' }),
      defaultDays: config.customerLinkDays,
      boardRoom
    });
    const exportRoute = adminRoutes((roomId) => roomStorage.loadRoom(roomId), resolveDoc);
    const historyRoute = historyRoutes(history, resolveDoc);
    const http = new HttpHandler({
      staticFiles: this.#staticFiles,
      securityHeaders: new SecurityHeaders(config.staticDir),
      api: new ApiRoutes({
        accounts,
        loginLimiters: {
          account: new AttemptLimiter({ max: config.loginMaxAttempts, windowMs: config.loginWindowMs }),
          ip: new AttemptLimiter({ max: config.loginIpMaxAttempts, windowMs: config.loginWindowMs }),
          org: new AttemptLimiter({ max: config.loginOrgMaxAttempts, windowMs: config.loginWindowMs })
        },
        clientIp,
        secret: secret.key,
        log: log.child({ part: 'api' }),
        adminRoutes: async (req, res, pathname, org, adminId) =>
          (await exportRoute(req, res, pathname, org)) || (await historyRoute(req, res, pathname, org, adminId)),
        publicRoutes: async (req, res, pathname) => (await documentLinks.handlePublic(req, res, pathname)) || publicRequests.handle(req, res, pathname),
        linkRoutes: linkRoutes({ links, mint: (req, res, caller) => documentLinks.mint(req, res, caller), log: log.child({ part: 'links' }) }),
        boardRoutes: boardRoutes(generations),
        blobRoutes: blobRoutes(blobs, metrics, log.child({ part: 'blobs' }))
      }),
      metrics,
      log: log.child({ part: 'http' }),
      health: async () => {
        const counts = { rooms: this.#registry.size, connections: this.#upgrades.connectionCount };
        if (!this.#scaleOut) return { ok: true, ...counts };
        const reachable = await this.#scaleOut.health();
        // Without Postgres nothing can be committed (503). Without Redis this instance still
        // commits and serves; only the fan-out waits (it catches up when Redis is back), so a
        // load balancer should keep it: 200 with `degraded`.
        return { ok: reachable.postgres, degraded: !reachable.redis, ...counts, instance: this.#scaleOut.config.instanceId, ...reachable };
      }
    });
    this.#http = createServer((req, res) => http.handle(req, res));
    this.#http.on('upgrade', (req, socket, head: Buffer) => this.#upgrades.handle(req, socket, head));
    this.#http.on('clientError', (error, socket) => {
      log.debug({ err: error.message }, 'http client error');
      socket.destroy();
    });
  }

  /** True until the first organisation is set up (the `/setup` page or `npm run setup`). */
  setupNeeded(): Promise<boolean> {
    return this.#setupNeeded();
  }

  /** Starts listening; resolves with the bound port (PORT=0 picks a free one). */
  async listen(): Promise<number> {
    if (this.#scaleOut) {
      await this.#scaleOut.start();
      this.#usage.seed(await this.#scaleOut.storage.roomSizes());
      this.log.info({ instance: this.#scaleOut.config.instanceId, schema: this.#scaleOut.config.schema }, 'scale-out: rooms in Postgres, fan-out through Redis streams');
    }
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.config.port, this.config.host, () => {
        this.#http.off('error', reject);
        resolve();
      });
    });
    // One hash now gives the sign-in queue its cost estimate, which logins for unknown
    // emails imitate (accounts/passwords.ts); failures only mean calibrating later.
    decoyHash(this.config.scryptLogN).catch(() => undefined);
    if (!(await this.#staticFiles.hasApp())) {
      this.log.warn({ staticDir: this.config.staticDir }, 'no app build found; serving the relay only (run npm run build)');
    }
    return (this.#http.address() as AddressInfo).port;
  }

  /**
   * Graceful stop: refuse new connections, stop applying frames, commit every pending write
   * (acknowledging and forwarding as usual), close sockets with 1001, close the database.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#http.close();
    this.#upgrades.stopIntake();
    await this.#queue.drain();
    await this.#upgrades.closeAll(CloseCode.goingAway, 'server shutting down', CLOSE_TIMEOUT_MS);
    this.#http.closeAllConnections();
    await this.#queue.drain(); // nothing new can arrive, but be certain
    this.#registry.closeAll();
    await this.#scaleOut?.close();
    await this.#storage.close();
  }
}
