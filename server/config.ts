/**
 * Relay configuration from the environment. Parsed once with zod at start-up so a typo in
 * an operator's env fails loudly instead of silently running with a default.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './http/client-ip';
import { SCHEMA_NAME } from './storage/pg-storage';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Integer env var with a default; empty strings count as unset (shell `FOO= npm start`). */
function intVar(fallback: number, min: number, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z.number().int().min(min).max(max)
  );
}

function strVar(fallback: string) {
  return z.preprocess((v) => (v === undefined || v === '' ? fallback : v), z.string());
}

const envSchema = z.object({
  PORT: intVar(8787, 0, 65535),
  HOST: strVar('0.0.0.0'),
  DATA_DIR: strVar('./data'),
  STATIC_DIR: strVar('./build'),
  FIELDBOARD_SECRET: z.string().optional(),
  LOG_LEVEL: z.preprocess((v) => (v === undefined || v === '' ? 'info' : v), z.enum(LOG_LEVELS)),
  /** A room with no connections is unloaded after this long (DESIGN §4 "Memory"). */
  ROOM_IDLE_MS: intVar(30_000, 0, 24 * 3600_000),
  /** Larger frames close the socket with 1009; bounds what one peer can make us buffer. */
  MAX_MESSAGE_BYTES: intVar(10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  /** Group commit: at most this many updates per transaction. */
  COMMIT_MAX_UPDATES: intVar(64, 1, 100_000),
  /**
   * Extra wait before an idle queue commits (0 = next event-loop turn). Raising it trades
   * latency for bigger batches; tests use it to hold writes pending on purpose.
   */
  COMMIT_DELAY_MS: intVar(0, 0, 3600_000),
  /** Compaction thresholds: log rows / bytes since the room's last snapshot. */
  COMPACT_MAX_ROWS: intVar(1000, 1, 100_000_000),
  COMPACT_MAX_BYTES: intVar(4 * 1024 * 1024, 1, 2 ** 40),
  /**
   * Board generations (sync README): a compaction request builds a new generation only when
   * the board's tombstones are at least this many bytes and this percentage of its encoded state.
   */
  BOARD_COMPACT_MIN_BYTES: intVar(256 * 1024, 0, 2 ** 40),
  BOARD_COMPACT_MIN_PERCENT: intVar(25, 0, 100),
  /** History (issue 14): rows and snapshots kept through compaction this long; a snapshot kept at most every so often. */
  HISTORY_RETENTION_DAYS: intVar(30, 0, 3650),
  HISTORY_SNAPSHOT_EVERY_MINUTES: intVar(360, 1, 525_600),
  /** NORMAL survives a process crash (our bar); FULL also survives power loss, slower. */
  SQLITE_SYNCHRONOUS: z.preprocess((v) => (v === undefined || v === '' ? 'NORMAL' : v), z.enum(['NORMAL', 'FULL'])),
  /** Accounts (server/accounts): access-token and refresh-token lifetimes, scrypt cost. */
  ACCESS_TOKEN_TTL_SECONDS: intVar(15 * 60, 10, 24 * 3600),
  REFRESH_TOKEN_TTL_SECONDS: intVar(30 * 24 * 3600, 60, 400 * 24 * 3600),
  PASSWORD_SCRYPT_LOG_N: intVar(17, 10, 20),
  /** Sign-in attempts per (IP, org, email) and window before 429. */
  LOGIN_MAX_ATTEMPTS: intVar(10, 1, 10_000),
  LOGIN_WINDOW_MS: intVar(15 * 60_000, 1000, 24 * 3600_000),
  /** Sign-in attempts per client IP and per org and window (beside the per-account limit). */
  LOGIN_IP_MAX_ATTEMPTS: intVar(100, 1, 1_000_000),
  LOGIN_ORG_MAX_ATTEMPTS: intVar(1000, 1, 10_000_000),
  /** Password hashes that may wait for one of the two hashing slots; more → 429 at once. */
  LOGIN_HASH_QUEUE: intVar(8, 0, 10_000),
  PUBLIC_REQUESTS_PER_MINUTE: intVar(10, 1, 100_000),
  /** Customer links (quotes, invoices): public requests per client IP per minute, and days a new link works. */
  CUSTOMER_LINKS_PER_MINUTE: intVar(30, 1, 100_000),
  CUSTOMER_LINK_DAYS: intVar(30, 1, 365),
  /** Reverse proxies whose X-Forwarded-For is believed (comma list of addresses/CIDRs/loopback…). */
  TRUST_PROXY: strVar(''),
  /** Stored bytes per room and per organisation; writes past them are refused (4413). 0 = off. */
  ROOM_QUOTA_BYTES: intVar(256 * 1024 * 1024, 0, 2 ** 50),
  ORG_QUOTA_BYTES: intVar(1024 * 1024 * 1024, 0, 2 ** 50),
  /** Comma list of origins allowed to open websockets; empty = the request's own host. */
  ALLOWED_ORIGINS: strVar(''),
  /** Per-connection token buckets (sustained rate; bursts of twice that). 0 = unlimited. */
  RATE_MESSAGES_PER_SECOND: intVar(500, 0, 10_000_000),
  RATE_BYTES_PER_SECOND: intVar(2 * 1024 * 1024, 0, 2 ** 40),
  /** Bytes per second the relay sends one connection in answer to sync step 1 / query-awareness. */
  RATE_ANSWER_BYTES_PER_SECOND: intVar(4 * 1024 * 1024, 0, 2 ** 40),
  /** Awareness frames per connection per second (yjs#732 storms), its frame size and client ids. */
  AWARENESS_PER_SECOND: intVar(30, 0, 1_000_000),
  AWARENESS_MAX_BYTES: intVar(64 * 1024, 64, 16 * 1024 * 1024),
  AWARENESS_MAX_CLIENTS: intVar(8, 1, 10_000),
  /** Rooms held in memory; idle ones are evicted first, busy ones make new rooms wait (503). */
  MAX_ROOMS: intVar(1000, 1, 10_000_000),
  /** Upgrades being authenticated/loaded at once (each holds a socket and a request). */
  MAX_PENDING_UPGRADES: intVar(256, 1, 1_000_000),
  /** A peer whose unsent frames exceed this is a slow consumer and is closed (1013). */
  SEND_BUFFER_BYTES: intVar(16 * 1024 * 1024, 64 * 1024, 2 ** 40),
  /** Updates whose clocks go past this are refused before being applied (yjs#479-style garbage). */
  MAX_UPDATE_CLOCK: intVar(2 ** 31, 1024, Number.MAX_SAFE_INTEGER),
  /**
   * The room rules guard (relay/update-guard.ts). `off` exists only for the bench's guarded vs
   * unguarded comparison: without it any writer can wipe or forge a room's records.
   */
  ROOM_GUARD: z.preprocess((v) => (v === undefined || v === '' ? 'on' : v), z.enum(['on', 'off'])),
  /** How far ahead of the relay's clock a new record's time may be (device clock drift). */
  GUARD_MAX_FUTURE_MS: intVar(5 * 60_000, 0, 24 * 3600_000),
  /** Largest blob (photo, signature) PUT /api/blobs accepts; larger → 413. */
  BLOB_MAX_BYTES: intVar(12 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  /** Bytes of blobs one organisation may store; past it PUT answers 413. 0 = unlimited. */
  BLOB_ORG_QUOTA_BYTES: intVar(20 * 1024 * 1024 * 1024, 0, 2 ** 50),
  /**
   * Scale-out (server/README.md "Several instances"): with both set, the update log and
   * snapshots live in PostgreSQL and rooms fan out between instances through Redis streams.
   */
  DATABASE_URL: strVar(''),
  REDIS_URL: strVar(''),
  /** Postgres schema of the relay's tables (one per deployment or test run). */
  DATABASE_SCHEMA: z.preprocess((v) => (v === undefined || v === '' ? 'public' : v), z.string().regex(SCHEMA_NAME, 'a lower-case SQL identifier')),
  /** Prefix of every Redis key and channel (one per deployment or test run). */
  REDIS_KEY_PREFIX: strVar('fieldboard:'),
  /** This instance's name in streams, logs and metrics; default host-pid-random. */
  INSTANCE_ID: z.preprocess((v) => (v === undefined || v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional()),
  /** Set by the test harness: shut down gracefully when the parent's stdin pipe closes. */
  FIELDBOARD_EXIT_WITH_PARENT: z.string().optional()
});

export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  /** From FIELDBOARD_SECRET; undefined means "use DATA_DIR/secret.key". */
  secretFromEnv: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  roomIdleMs: number;
  maxMessageBytes: number;
  commitMaxUpdates: number;
  commitDelayMs: number;
  compactMaxRows: number;
  compactMaxBytes: number;
  /** When a board compaction is worth it (server/relay/board-compaction.ts). */
  boardCompaction: { minTombstoneBytes: number; minTombstoneShare: number };
  historyRetentionMs: number;
  historySnapshotEveryMs: number;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  exitWithParent: boolean;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  scryptLogN: number;
  loginMaxAttempts: number;
  loginWindowMs: number;
  loginIpMaxAttempts: number;
  loginOrgMaxAttempts: number;
  loginHashQueue: number;
  /** TRUST_PROXY entries (validated by proxy-addr); empty = use the socket address. */
  trustProxy: string[];
  quotas: StorageQuotas;
  /** Public request form submissions per client IP per minute. */
  publicRequestsPerMinute: number;
  /** Customer link (quote/invoice page) requests per client IP per minute. */
  customerLinksPerMinute: number;
  /** Days a customer link works unless the office asks otherwise. */
  customerLinkDays: number;
  /** Empty: same host as the request (plus clients that send no Origin). */
  allowedOrigins: string[];
  /** Set when DATABASE_URL and REDIS_URL are both given: several instances share rooms. */
  scaleOut: ScaleOutConfig | null;
  limits: ConnectionLimits;
  maxRooms: number;
  maxPendingUpgrades: number;
  /** Largest blob accepted by PUT /api/blobs (BLOB_MAX_BYTES). */
  blobMaxBytes: number;
  /** Blob bytes per organisation (BLOB_ORG_QUOTA_BYTES); 0 = unlimited. */
  blobOrgQuotaBytes: number;
}

/** Stored bytes allowed per room and per organisation (relay/storage-usage.ts); 0 = unlimited. */
export interface StorageQuotas {
  roomBytes: number;
  orgBytes: number;
}

/** Per-connection limits (relay/connection-limits.ts). */
export interface ConnectionLimits {
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** Bytes of answers (to sync step 1 / query-awareness) per second; 0 = unlimited. */
  answerBytesPerSecond: number;
  awarenessPerSecond: number;
  awarenessMaxBytes: number;
  awarenessMaxClients: number;
  sendBufferBytes: number;
  maxUpdateClock: number;
  /** Check every update against the room rules before applying it (ROOM_GUARD). */
  guardUpdates: boolean;
  guardMaxFutureMs: number;
}

export interface ScaleOutConfig {
  databaseUrl: string;
  redisUrl: string;
  schema: string;
  keyPrefix: string;
  instanceId: string;
}

/** Throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  let trustProxy: string[];
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (error) {
    throw new Error(`invalid configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ((e.DATABASE_URL === '') !== (e.REDIS_URL === '')) {
    throw new Error('invalid configuration: DATABASE_URL and REDIS_URL go together (set both for several instances, neither for the embedded SQLite)');
  }
  const scaleOut: ScaleOutConfig | null =
    e.DATABASE_URL === ''
      ? null
      : {
          databaseUrl: e.DATABASE_URL,
          redisUrl: e.REDIS_URL,
          schema: e.DATABASE_SCHEMA,
          keyPrefix: e.REDIS_KEY_PREFIX,
          instanceId: e.INSTANCE_ID ?? `${os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`
        };
  return {
    scaleOut,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    staticDir: path.resolve(e.STATIC_DIR),
    secretFromEnv: e.FIELDBOARD_SECRET === '' ? undefined : e.FIELDBOARD_SECRET,
    logLevel: e.LOG_LEVEL,
    roomIdleMs: e.ROOM_IDLE_MS,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    commitMaxUpdates: e.COMMIT_MAX_UPDATES,
    commitDelayMs: e.COMMIT_DELAY_MS,
    compactMaxRows: e.COMPACT_MAX_ROWS,
    compactMaxBytes: e.COMPACT_MAX_BYTES,
    boardCompaction: { minTombstoneBytes: e.BOARD_COMPACT_MIN_BYTES, minTombstoneShare: e.BOARD_COMPACT_MIN_PERCENT / 100 },
    historyRetentionMs: e.HISTORY_RETENTION_DAYS * 24 * 3600_000,
    historySnapshotEveryMs: e.HISTORY_SNAPSHOT_EVERY_MINUTES * 60_000,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    exitWithParent: e.FIELDBOARD_EXIT_WITH_PARENT === '1',
    accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    scryptLogN: e.PASSWORD_SCRYPT_LOG_N,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowMs: e.LOGIN_WINDOW_MS,
    loginIpMaxAttempts: e.LOGIN_IP_MAX_ATTEMPTS,
    loginOrgMaxAttempts: e.LOGIN_ORG_MAX_ATTEMPTS,
    loginHashQueue: e.LOGIN_HASH_QUEUE,
    trustProxy,
    quotas: { roomBytes: e.ROOM_QUOTA_BYTES, orgBytes: e.ORG_QUOTA_BYTES },
    publicRequestsPerMinute: e.PUBLIC_REQUESTS_PER_MINUTE,
    customerLinksPerMinute: e.CUSTOMER_LINKS_PER_MINUTE,
    customerLinkDays: e.CUSTOMER_LINK_DAYS,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, '').toLowerCase())
      .filter((o) => o !== ''),
    limits: {
      messagesPerSecond: e.RATE_MESSAGES_PER_SECOND,
      bytesPerSecond: e.RATE_BYTES_PER_SECOND,
      answerBytesPerSecond: e.RATE_ANSWER_BYTES_PER_SECOND,
      awarenessPerSecond: e.AWARENESS_PER_SECOND,
      awarenessMaxBytes: e.AWARENESS_MAX_BYTES,
      awarenessMaxClients: e.AWARENESS_MAX_CLIENTS,
      sendBufferBytes: e.SEND_BUFFER_BYTES,
      maxUpdateClock: e.MAX_UPDATE_CLOCK,
      guardUpdates: e.ROOM_GUARD === 'on',
      guardMaxFutureMs: e.GUARD_MAX_FUTURE_MS
    },
    maxRooms: e.MAX_ROOMS,
    maxPendingUpgrades: e.MAX_PENDING_UPGRADES,
    blobMaxBytes: e.BLOB_MAX_BYTES,
    blobOrgQuotaBytes: e.BLOB_ORG_QUOTA_BYTES
  };
}
