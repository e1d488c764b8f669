/**
 * Our relay as two instances on PostgreSQL + Redis (issue 13 "Past one machine"), for the
 * fan-out bench: instance A takes the writer, the reader Y.Doc and the byte-counting sockets
 * sit on instance B, so every delivery crosses instances through the Redis stream. Also one instance on Postgres + Redis alone, to separate the cost of the
 * shared storage from the cost of the fan-out. Own schema and key prefix, dropped on stop.
 * All receivers sit on B: the counting sockets compare their bytes with the reader's, and
 * B forwards the stream's rows in other frames than A forwards its own commits.
 * BENCH_DATABASE_URL / BENCH_REDIS_URL (defaults: local services, database `test`).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startOurs, type BenchServer } from './servers';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Null when Postgres or Redis is not reachable (with the reason). */
export async function clusterUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL at ${DATABASE_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    redis.disconnect();
  }
}

async function dropNamespace(schema: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** `instances` relays sharing one schema, key prefix and data dir (accounts, secret). */
export async function startCluster(instances: 1 | 2): Promise<BenchServer> {
  const id = randomBytes(4).toString('hex');
  const schema = `fbbench_${id}`;
  const prefix = `fbbench:${id}:`;
  const env = (n: number) => ({ DATABASE_URL, REDIS_URL, DATABASE_SCHEMA: schema, REDIS_KEY_PREFIX: prefix, INSTANCE_ID: `bench-${n}` });
  const a = await startOurs(env(0));
  const servers = [a];
  if (instances === 2) servers.push(await startOurs(env(1), a.dataDir ?? undefined));
  const b = servers[servers.length - 1] as BenchServer;
  return {
    ...a,
    label: instances === 2 ? 'ours-2×pg' : 'ours-1×pg',
    urlFor: (room, role) => (role === 'writer' ? a.url(room) : b.url(room)),
    rss: () => servers.reduce((n, s) => n + s.rss(), 0),
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await dropNamespace(schema, prefix);
    }
  };
}
