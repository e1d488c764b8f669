/**
 * Real PostgreSQL and Redis for the scale-out tests (issue 13 "Past one machine"). Every run
 * gets its own Postgres schema and Redis key prefix, so runs (and engineers) never collide;
 * both are removed afterwards. Where either service is absent the tests skip, loudly.
 *
 * `SCALE_OUT_DATABASE_URL` / `SCALE_OUT_REDIS_URL` point elsewhere (defaults: the machine's
 * local services, database `test`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startRelay, type RelayProcess } from '../../helpers/relay-process';
import { untilAsync } from './clients';

export const DATABASE_URL = process.env.SCALE_OUT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.SCALE_OUT_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Postgres and Redis answer; prints a loud line naming what is missing when not. */
export async function scaleOutServicesAvailable(): Promise<boolean> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    problems.push(`PostgreSQL at ${DATABASE_URL}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(`Redis at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    redis.disconnect();
  }
  if (problems.length === 0) return true;
  const bar = '!'.repeat(100);
  process.stderr.write(
    `\n${bar}\n!!! SCALE-OUT TESTS SKIPPED: ${problems.join('; ')}\n!!! Start them (scripts/test-all.sh does when they are installed) or set SCALE_OUT_DATABASE_URL / SCALE_OUT_REDIS_URL.\n${bar}\n\n`
  );
  return false;
}

/** A fresh schema + key prefix; `drop` removes both. */
export interface Namespace {
  schema: string;
  keyPrefix: string;
  drop(redisUrl?: string): Promise<void>;
}

export function newNamespace(): Namespace {
  const id = randomBytes(5).toString('hex');
  const schema = `fbtest_${id}`;
  const keyPrefix = `fbtest:${id}:`;
  return {
    schema,
    keyPrefix,
    async drop(redisUrl = REDIS_URL) {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
      redis.on('error', () => undefined);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } catch {
        // a private redis-server that is already gone holds nothing
      } finally {
        redis.disconnect();
      }
    }
  };
}

/** Data dirs made here for the second and later instances; removed when the test process exits. */
const ownDirs: string[] = [];
process.on('exit', () => {
  for (const dir of ownDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Fast-to-test settings: no per-connection rate limits (thousands of updates per writer). */
export const SCALE_OUT_TEST_ENV = { RATE_MESSAGES_PER_SECOND: '0', RATE_BYTES_PER_SECOND: '0', RATE_ANSWER_BYTES_PER_SECOND: '0' };

/**
 * Two (or more) real relay processes on one namespace, each with its own data dir (as on
 * separate machines): accounts and rooms are shared through Postgres only. They share the
 * signing secret (a copy of the first one's secret.key; FIELDBOARD_SECRET in production).
 */
export async function startInstances(
  ns: Namespace,
  count: number,
  env: Record<string, string> = {},
  redisUrl = REDIS_URL
): Promise<RelayProcess[]> {
  const instanceEnv = (i: number) => ({
    ...SCALE_OUT_TEST_ENV,
    ...env,
    DATABASE_URL,
    REDIS_URL: redisUrl,
    DATABASE_SCHEMA: ns.schema,
    REDIS_KEY_PREFIX: ns.keyPrefix,
    INSTANCE_ID: `relay-${String.fromCharCode(97 + i)}`
  });
  const first = await startRelay({ env: instanceEnv(0) });
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, (_, i) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-instance-'));
      fs.copyFileSync(path.join(first.dataDir, 'secret.key'), path.join(dataDir, 'secret.key'));
      fs.chmodSync(path.join(dataDir, 'secret.key'), 0o600);
      ownDirs.push(dataDir);
      return startRelay({ dataDir, env: instanceEnv(i + 1) });
    })
  );
  return [first, ...rest];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server (for tests that restart Redis without disturbing anyone else's). */
export class PrivateRedis {
  #child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.#child = child;
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`private redis-server on ${this.port} did not start: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    probe.disconnect();
  }

  /** SIGKILL: everything it held is gone (no persistence), as after a crash. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** /healthz answers 200 (Postgres and Redis reachable from the relay). */
export async function untilHealthy(relay: RelayProcess): Promise<void> {
  await untilAsync(async () => (await fetch(`${relay.httpUrl}/healthz`).catch(() => null))?.status === 200, `${relay.httpUrl} to be healthy`);
}
