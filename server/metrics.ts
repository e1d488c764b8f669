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

export class RelayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'fieldboard_connections', help: 'Open websocket connections', registers: [this.registry] });
  readonly roomsLoaded = new Gauge({ name: 'fieldboard_rooms_loaded', help: 'Rooms held in memory', registers: [this.registry] });
  readonly messagesIn = new Counter({
    name: 'fieldboard_messages_in_total',
    help: 'Frames received, by y-websocket message type',
    labelNames: ['type'] as const,
    registers: [this.registry]
  });
  readonly messagesOut = new Counter({
    name: 'fieldboard_messages_out_total',
    help: 'Frames sent, by y-websocket message type',
    labelNames: ['type'] as const,
    registers: [this.registry]
  });
  readonly bytesIn = new Counter({ name: 'fieldboard_bytes_in_total', help: 'Websocket payload bytes received', registers: [this.registry] });
  readonly bytesOut = new Counter({ name: 'fieldboard_bytes_out_total', help: 'Websocket payload bytes sent', registers: [this.registry] });
  readonly rejected = new Counter({
    name: 'fieldboard_rejected_messages_total',
    help: 'Frames or upgrades refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry]
  });
  readonly refusedUpdates = new Counter({
    name: 'fieldboard_refused_updates_total',
    help: 'Document updates refused by the room rules guard, by rule',
    labelNames: ['reason'] as const,
    registers: [this.registry]
  });
  readonly updatesCommitted = new Counter({
    name: 'fieldboard_updates_committed_total',
    help: 'Document updates committed to storage',
    registers: [this.registry]
  });
  readonly commitSeconds = new Histogram({
    name: 'fieldboard_storage_commit_seconds',
    help: 'Latency of one group commit',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry]
  });
  readonly commitBatchSize = new Histogram({
    name: 'fieldboard_storage_commit_updates',
    help: 'Updates per group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry]
  });
  readonly compactions = new Counter({
    name: 'fieldboard_compactions_total',
    help: 'Room log compactions, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry]
  });

  readonly blobRequests = new Counter({
    name: 'fieldboard_blob_requests_total',
    help: 'Blob store requests, by method and outcome (stored, existing, served, not-found, refused reasons)',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry]
  });
  readonly blobBytesStored = new Counter({ name: 'fieldboard_blob_bytes_stored_total', help: 'Bytes of new blobs stored', registers: [this.registry] });
  readonly blobBytesServed = new Counter({ name: 'fieldboard_blob_bytes_served_total', help: 'Bytes of blobs sent', registers: [this.registry] });

  /** Scale-out (server/scale-out): rows from other instances, failed XADDs, catch-ups from Postgres. */
  readonly fanoutApplied = new Counter({
    name: 'fieldboard_fanout_applied_total',
    help: 'Stream entries from other instances applied to a room here',
    registers: [this.registry]
  });
  readonly fanoutPublishFailures = new Counter({
    name: 'fieldboard_fanout_publish_failures_total',
    help: 'Committed rows whose XADD failed (re-added when redis is back)',
    registers: [this.registry]
  });
  readonly fanoutCatchUps = new Counter({
    name: 'fieldboard_fanout_catch_ups_total',
    help: 'Rooms caught up from Postgres, by reason (gap, redis-reconnect, behind-head, apply-failed, history)',
    labelNames: ['reason'] as const,
    registers: [this.registry]
  });

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
