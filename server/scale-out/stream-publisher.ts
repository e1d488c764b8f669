/**
 * The write side of the fan-out (room-streams.ts): after COMMIT, one XADD per stored row to
 * the room's stream with its Postgres sequence number and this instance's id, before the
 * relay forwards and acknowledges. A failed XADD never fails the commit (the row is durable):
 * the rows are kept and re-added when the connection is back (and after 500 ms, in case it
 * came back before the failure was seen); other instances also find them as holes.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RelayMetrics } from '../metrics';
import type { CommittedRow } from '../storage/pg-storage';

/** Unpublished rows kept for re-adding after Redis comes back (beyond: holes catch up). */
const MAX_RETRY_ROWS = 10_000;

export interface StreamPublisherOptions {
  instanceId: string;
  metrics: RelayMetrics;
  log: Logger;
  /** Approximate entries kept per stream (XADD MAXLEN ~). */
  maxLen?: number;
}

export class StreamPublisher {
  #retry: CommittedRow[] = [];
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(
    /** A connection that fails fast while Redis is away (no offline queue). */
    private readonly cmd: Redis,
    private readonly key: (roomId: string) => string,
    private readonly opts: StreamPublisherOptions
  ) {
    cmd.on('ready', () => void this.#republish());
  }

  /** XADD every committed row (PgStorage's afterCommit). Never throws. */
  async publish(rows: readonly CommittedRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.#xadd(rows);
    } catch (error) {
      this.opts.metrics.fanoutPublishFailures.inc(rows.length);
      this.opts.log.warn({ err: error instanceof Error ? error.message : String(error), rows: rows.length }, 'redis XADD failed; rows are durable and re-added when redis is back');
      this.#retry.push(...rows);
      if (this.#retry.length > MAX_RETRY_ROWS) this.#retry.splice(0, this.#retry.length - MAX_RETRY_ROWS);
      // Besides the reconnect: the connection may have come back before this failure was seen.
      this.#retryTimer ??= setTimeout(() => {
        this.#retryTimer = null;
        void this.#republish();
      }, 500);
      this.#retryTimer.unref();
    }
  }

  async #xadd(rows: readonly CommittedRow[]): Promise<void> {
    const pipeline = this.cmd.pipeline();
    const maxLen = this.opts.maxLen ?? 10_000;
    for (const row of rows) {
      pipeline.xadd(this.key(row.roomId), 'MAXLEN', '~', maxLen, '*', 'seq', row.seq, 'from', this.opts.instanceId, 'data', Buffer.from(row.data));
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('redis pipeline did not run');
  }

  async #republish(): Promise<void> {
    if (this.#retry.length === 0) return;
    const rows = this.#retry;
    this.#retry = [];
    this.opts.log.info({ rows: rows.length }, 're-adding rows that could not be published while redis was away');
    await this.publish(rows);
  }

  close(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
