/**
 * Prometheus metrics (DESIGN §4). One registry per relay instance (not prom-client's global
 * one) so several relays in one process, as in tests, do not collide.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RefusalReason } from '../src/lib/domain/rooms/room-rules';
import type { FrameKind } from './relay/frames';

export type RejectReason =
  | 'bad-message'
  | 'bad-update'
  | 'read-only'
  | 'too-big'
  | 'rate-limited'
  | 'answer-rate'
  | 'storage-quota'
  | 'awareness-rate'
  | 'awareness-too-big'
  | 'awareness-clients'
  | 'slow-consumer'
  | 'shutting-down'
  | 'auth'
  | 'upgrade-bad-room'
  | 'upgrade-no-such-room'
  | 'upgrade-unauthorized'
  | 'upgrade-forbidden'
  | 'upgrade-unavailable'
  | 'upgrade-origin'
  | 'upgrade-busy'
  | 'upgrade-rooms-full'
  | 'upgrade-not-found';

/** Metrics of one registry: every one is registered there and nowhere else. */
function metricsOf(registry: Registry) {
  const registers = [registry];
  return {
    counter: <L extends string = string>(name: string, help: string, labelNames: readonly L[] = []) => new Counter<L>({ name, help, labelNames, registers }),
    gauge: (name: string, help: string) => new Gauge({ name, help, registers }),
    histogram: (name: string, help: string, buckets: number[]) => new Histogram({ name, help, buckets, registers })
  };
}

export class RelayMetrics {
  readonly registry = new Registry();
  readonly #make = metricsOf(this.registry);
  readonly connections = this.#make.gauge('fieldboard_connections', 'Open websocket connections');
  readonly roomsLoaded = this.#make.gauge('fieldboard_rooms_loaded', 'Rooms held in memory');
  readonly messagesIn = this.#make.counter('fieldboard_messages_in_total', 'Frames received, by y-websocket message type', ['type']);
  readonly messagesOut = this.#make.counter('fieldboard_messages_out_total', 'Frames sent, by y-websocket message type', ['type']);
  readonly bytesIn = this.#make.counter('fieldboard_bytes_in_total', 'Websocket payload bytes received');
  readonly bytesOut = this.#make.counter('fieldboard_bytes_out_total', 'Websocket payload bytes sent');
  readonly rejected = this.#make.counter('fieldboard_rejected_messages_total', 'Frames or upgrades refused, by reason', ['reason']);
  readonly refusedUpdates = this.#make.counter('fieldboard_refused_updates_total', 'Document updates refused by the room rules guard, by rule', ['reason']);
  readonly updatesCommitted = this.#make.counter('fieldboard_updates_committed_total', 'Document updates committed to storage');
  readonly commitSeconds = this.#make.histogram('fieldboard_storage_commit_seconds', 'Latency of one group commit', [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]);
  readonly commitBatchSize = this.#make.histogram('fieldboard_storage_commit_updates', 'Updates per group commit', [1, 2, 4, 8, 16, 32, 64, 128]);
  readonly compactions = this.#make.counter('fieldboard_compactions_total', 'Room log compactions, by outcome', ['outcome']);

  readonly blobRequests = this.#make.counter('fieldboard_blob_requests_total', 'Blob store requests, by method and outcome (stored, existing, served, not-found, refused reasons)', ['method', 'outcome']);
  readonly blobBytesStored = this.#make.counter('fieldboard_blob_bytes_stored_total', 'Bytes of new blobs stored');
  readonly blobBytesServed = this.#make.counter('fieldboard_blob_bytes_served_total', 'Bytes of blobs sent');

  /** Scale-out (server/scale-out): rows from other instances, failed XADDs, catch-ups from Postgres. */
  readonly fanoutApplied = this.#make.counter('fieldboard_fanout_applied_total', 'Stream entries from other instances applied to a room here');
  readonly fanoutPublishFailures = this.#make.counter('fieldboard_fanout_publish_failures_total', 'Committed rows whose XADD failed (re-added when redis is back)');
  readonly fanoutCatchUps = this.#make.counter('fieldboard_fanout_catch_ups_total', 'Rooms caught up from Postgres, by reason (gap, redis-reconnect, behind-head, apply-failed, history)', ['reason']);

  /** `instance`: with several relay instances, every series carries `instance_id` (INSTANCE_ID). */
  constructor(instance?: string) {
    if (instance) this.registry.setDefaultLabels({ instance_id: instance });
    collectDefaultMetrics({ register: this.registry, prefix: 'fieldboard_' });
  }

  // Hot path: label lookups hash the label set on every call, so children are cached.
  readonly #in = new Map<FrameKind, { inc(n?: number): void }>();
  readonly #out = new Map<FrameKind, { inc(n?: number): void }>();

  countIn(kind: FrameKind, bytes: number): void {
    let child = this.#in.get(kind);
    if (!child) this.#in.set(kind, (child = this.messagesIn.labels(kind)));
    child.inc();
    this.bytesIn.inc(bytes);
  }

  /** `count` frames of `bytes` each (a fan-out counts once). */
  countOut(kind: FrameKind, bytes: number, count = 1): void {
    let child = this.#out.get(kind);
    if (!child) this.#out.set(kind, (child = this.messagesOut.labels(kind)));
    child.inc(count);
    this.bytesOut.inc(bytes * count);
  }

  reject(reason: RejectReason): void {
    this.rejected.inc({ reason });
  }

  refuseUpdate(reason: RefusalReason): void {
    this.refusedUpdates.inc({ reason });
  }
}
